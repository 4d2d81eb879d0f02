package dev.flagbench.harness.report;

import dev.flagbench.harness.data.Timeline;
import dev.flagbench.harness.data.TrialRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The trials over time, from the timelines the harness sampled from the measured server: in index.html one trial's
 * requests in flight and responses per second with its warm-up and measured job marked, any trial picked from a menu;
 * in report.md the requests in flight of each model at the capacity sweep's top common level.
 */
final class OverTimeSection extends ReportSection {
    /** The over-time section of ctx's run. */
    OverTimeSection(ReportSection.Context ctx) {
        super(ctx);
    }

    @Override
    void render(Doc doc) throws IOException {
        List<TrialRecord> timed = run.trials().stream().filter(t -> t.timeline() != null && t.timeline().samples() > 0)
                .toList();
        doc.heading(2, "Over time");
        if (timed.isEmpty()) {
            doc.paragraph("No trial of this run has a timeline (run.json's timeline field: runs made before it was"
                    + " recorded have none).");
            return;
        }
        doc.paragraph("What the measured mock server counted while a trial ran, sampled by the harness every "
                + Fmt.count(timed.getFirst().timeline().intervalMillis()) + " ms from the trial's start to the end of"
                + " its measured job: its requests in flight and the responses it answered per second. The trial's"
                + " phases are its own clock's (CLOCK_MONOTONIC, the harness's too): the JIT warm-up (against the"
                + " delay-free warm-up server, so nothing here), the session's warm-up and the measured job, shaded."
                + " A trial that reported no phases has no marks.");
        List<TrialRecord> defaults = defaults(timed);
        List<TrialRecord> ordered = new ArrayList<>(defaults);
        timed.stream().filter(t -> !defaults.contains(t)).forEach(ordered::add);
        List<TimelineView> views = ordered.stream().map(t -> TimelineView.of(label(t), t)).toList();
        Optional<ChartFile> chart = staticChart(timed, TrialRecord.CAPACITY);
        if (chart.isEmpty()) {
            chart = staticChart(timed, TrialRecord.THROUGHPUT);
        }
        doc.add(new Doc.Timelines(chart.orElse(null), "Requests in flight and responses per second over one trial"
                + " (the menu lists each model's trial at its highest capacity level first)", views));
        if (chart.isEmpty()) {
            doc.paragraph("No level of a sweep has a timeline for half of the models that ran it: report.md has no"
                    + " over-time chart; index.html shows each trial's.");
        }
    }

    private static String label(TrialRecord t) {
        return t.id() + (t.timeline().phases().isEmpty() ? " (no phase marks)" : "");
    }

    /** Each model's trial at the capacity sweep's highest level it ran with a timeline; else the first trial. */
    private List<TrialRecord> defaults(List<TrialRecord> timed) {
        List<TrialRecord> picked = new ArrayList<>();
        List<String> models = new ArrayList<>(modelOrder(run).stream().filter(m -> !isBaseline(m)).toList());
        modelOrder(run).stream().filter(this::isBaseline).forEach(models::add); // C = 1 only: the others first
        for (String model : models) {
            timed.stream().filter(t -> t.model().equals(model) && TrialRecord.CAPACITY.equals(t.sweep()))
                    .max(Comparator.comparingInt(TrialRecord::level).thenComparing(t -> -t.repetition()))
                    .ifPresent(picked::add);
        }
        return picked.isEmpty() ? List.of(timed.getFirst()) : picked;
    }

    /**
     * The Markdown chart: requests in flight of each model (not the baseline, whose one level is C = 1) at the
     * {@code sweep}'s highest level that at least half of them ran with a timeline, first repetition, 0 = its
     * measured job's start; the sweep's first workload only.
     */
    private Optional<ChartFile> staticChart(List<TrialRecord> timed, String sweep) throws IOException {
        List<TrialRecord> inSweep = timed.stream().filter(t -> sweep.equals(t.sweep() == null ? TrialRecord.THROUGHPUT
                : t.sweep()) && !isBaseline(t.model())).toList();
        String first = inSweep.isEmpty() ? null : inSweep.getFirst().workload();
        List<TrialRecord> capacity = inSweep.stream().filter(t -> t.workload().equals(first)).toList();
        Set<String> models = new LinkedHashSet<>();
        modelOrder(run).stream().filter(m -> capacity.stream().anyMatch(t -> t.model().equals(m))).forEach(models::add);
        // The highest level that at least half of the models ran (two at least, where there are two): where they
        // differ, not the level every one of them held (a model the sweep stopped early would pull it down to C = 100).
        int need = Math.max(Math.min(2, models.size()), (models.size() + 1) / 2);
        Optional<Integer> top = capacity.stream().map(TrialRecord::level).distinct()
                .filter(c -> models.stream().filter(m -> capacity.stream()
                        .anyMatch(t -> t.model().equals(m) && t.level() == c)).count() >= need)
                .max(Comparator.naturalOrder());
        if (models.isEmpty() || top.isEmpty()) {
            return Optional.empty();
        }
        models.removeIf(m -> capacity.stream().noneMatch(t -> t.model().equals(m) && t.level() == top.get()));
        Map<String, List<List<Double>>> series = new LinkedHashMap<>();
        String workload = null;
        for (String m : models) {
            TrialRecord t = capacity.stream().filter(r -> r.model().equals(m) && r.level() == top.get())
                    .min(Comparator.comparingInt(TrialRecord::repetition)).orElseThrow();
            workload = t.workload();
            Timeline tl = t.timeline();
            List<Long> measured = tl.phase(Timeline.MEASURED);
            double zero = measured == null ? 0 : measured.get(0) / 1000.0;
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < tl.samples(); i++) {
                xs.add(i * tl.intervalMillis() / 1000.0 - zero);
                ys.add((double) tl.inFlight().get(i));
            }
            series.put(m, List.of(xs, ys));
        }
        return charts.overTime("over-time-in-flight-" + sweep + "-C" + top.get(), workload + ", " + sweep
                + " sweep: requests in flight over time at C = " + Fmt.count(top.get()),
                "s from the measured job's start (before 0: the warm-up)", "requests in flight (server's count)",
                series);
    }
}
