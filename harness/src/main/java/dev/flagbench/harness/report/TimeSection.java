package dev.flagbench.harness.report;

import dev.flagbench.harness.data.Timeline;
import dev.flagbench.harness.data.TrialRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the run's time went: each sweep's levels, their trials' time from the JVM's start to the measured job's end
 * (the server's timeline of the trial, sampled by the harness), split into the JIT warm-up, the session's warm-up and
 * the measured job; at the capacity sweep's long delays, a trial's time in L, which is what its top levels cost. So a
 * reader who wants a shorter run sees what to cut.
 */
final class TimeSection extends ReportSection {
    /** Below this L a trial's time in L says nothing: start-up and the JIT's warm-up, not rounds, decide it. */
    private static final double MIN_L_MILLIS = 1_000;
    private static final List<String> SWEEPS = List.of(TrialRecord.THROUGHPUT, TrialRecord.CAPACITY, TrialRecord.COLD);

    /** The time of ctx's run. */
    TimeSection(ReportSection.Context ctx) {
        super(ctx);
    }

    /** One row: the trials of a sweep, workload and level. */
    private static final class Row {
        final String sweep;
        final String workload;
        final int level;
        final Double delayMillis;
        int trials;
        /** Whether every trial had a timeline, so that its time is whole, not only its measured phase. */
        boolean whole = true;
        double millis;
        double jit;
        double warmup;
        double measured;

        Row(TrialRecord t) {
            sweep = t.sweep();
            workload = t.workload();
            level = t.level();
            delayMillis = t.delayMillis();
        }

        void add(TrialRecord t) {
            trials++;
            Timeline tl = t.timeline();
            if (tl == null) {
                whole = false;
                millis += t.wallMillis();
                measured += t.wallMillis();
                return;
            }
            millis += (double) tl.samples() * tl.intervalMillis();
            jit += span(tl, Timeline.JIT_WARMUP);
            warmup += span(tl, Timeline.WARMUP);
            measured += span(tl, Timeline.MEASURED);
        }

        private static double span(Timeline tl, String phase) {
            List<Long> p = tl.phase(phase);
            return p == null ? 0 : Math.max(0, p.get(1) - p.get(0));
        }

        String label() {
            return (sweep == null ? "" : sweep + " ") + workload;
        }
    }

    @Override
    void render(Doc doc) {
        List<Row> rows = rows();
        if (rows.isEmpty()) {
            return;
        }
        doc.heading(2, "Where the run's time went");
        double total = rows.stream().mapToDouble(r -> r.millis).sum();
        String took = "";
        if (run.startedAt() != null && run.finishedAt() != null) {
            Duration wall = Duration.between(Instant.parse(run.startedAt()), Instant.parse(run.finishedAt()));
            took = "The run took " + Fmt.duration(wall) + "; its trials " + Fmt.duration(Duration.ofMillis(Math.round(total)))
                    + " of it (" + Fmt.percent(total / Math.max(1, wall.toMillis())) + "), the rest being the trial JVMs'"
                    + " exits, the calibration, the class-data archive and the scenarios. ";
        }
        doc.paragraph(took + "A download trial's time runs from its JVM's start to the end of its measured job, as the"
                + " harness sampled the server's timeline; an echo trial's is its measured phase only (its connections'"
                + " set-up is not timed). At the capacity sweep's long delays a trial's time is also given in L: one"
                + " round of C takes from L/2 to 3L/2, so the warm-up's first job, which opens the connections, and the"
                + " measured job's ramp, window and tail are each a whole number of rounds.");
        List<List<String>> cells = new ArrayList<>();
        for (Row r : rows) {
            boolean inL = r.whole && r.delayMillis != null && r.delayMillis >= MIN_L_MILLIS;
            cells.add(List.of(r.label(), Fmt.count(r.level), Fmt.count(r.trials),
                    Fmt.duration(Duration.ofMillis(Math.round(r.millis))) + (r.whole ? "" : " (measured only)"),
                    Fmt.percent(r.millis / total), Fmt.millis(r.millis / r.trials),
                    r.whole ? Fmt.millis(r.jit / r.trials) : Fmt.NONE, r.whole ? Fmt.millis(r.warmup / r.trials) : Fmt.NONE,
                    Fmt.millis(r.measured / r.trials), inL ? Fmt.num(r.millis / r.trials / r.delayMillis) + " L" : Fmt.NONE));
        }
        doc.add(new Doc.Table(List.of("trials of", "C", "trials", "in all", "share", "a trial", "JIT warm-up",
                "session warm-up", "measured job", "a trial in L"), cells));
        Row largest = rows.stream().max(Comparator.comparingDouble(r -> r.millis)).orElseThrow();
        doc.paragraph("The largest share: " + largest.label() + " at C = " + Fmt.count(largest.level) + ", "
                + Fmt.percent(largest.millis / total) + " of the trials' time in " + Fmt.count(largest.trials) + " trials.");
    }

    /** The run's trials by sweep (throughput, capacity, cold, then echo), workload and level. */
    private List<Row> rows() {
        Map<String, Row> byKey = new LinkedHashMap<>();
        run.trials().stream().sorted(Comparator.comparingInt((TrialRecord t) -> sweepOrder(t.sweep()))
                        .thenComparing(TrialRecord::workload).thenComparingInt(TrialRecord::level))
                .forEach(t -> byKey.computeIfAbsent(t.sweep() + "|" + t.workload() + "|" + t.level(), k -> new Row(t)).add(t));
        return List.copyOf(byKey.values());
    }

    private static int sweepOrder(String sweep) {
        int i = sweep == null ? -1 : SWEEPS.indexOf(sweep);
        return i < 0 ? SWEEPS.size() : i;
    }
}
