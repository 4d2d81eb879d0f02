package dev.flagbench.harness.report;

import dev.flagbench.harness.data.TrialRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The charts of every workload and of echo, as PNG and SVG under charts/. */
final class ChartsSection extends ReportSection {
    /** The charts of ctx's run. */
    ChartsSection(ReportSection.Context ctx) {
        super(ctx);
    }

    @Override
    void render(Doc doc) throws IOException {
        chartSections(doc);
    }

    private void chartSections(Doc doc) throws IOException {
        doc.heading(2, "Charts");
        doc.paragraph("Medians over the OK repetitions, with the min–max range of the repetitions as a band in"
                + " index.html; a level without an OK repetition has no point. A diamond marks a model's knee; the"
                + " dashed black line is the ideal. Each chart is also under charts/ as PNG and SVG.");
        List<String> notes = new ArrayList<>();
        List<String> models = modelOrder(run);
        for (String workload : downloadWorkloads()) {
            List<TrialGroup> mine = groups.stream().filter(g -> g.workload().equals(workload)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            doc.heading(3, "Workload " + workload);
            String stem = slug(workload);
            Map<String, Integer> knees = knees(workload);
            int requests = TrialGroup.requestsPerItem(workload);
            Map<Double, Double> delays = new HashMap<>();
            mine.forEach(g -> delays.put((double) g.level(), g.delayMillis(delayMillis)));
            Optional<Plot.Reference> idealRate = delayMillis <= 0 ? Optional.empty() : Optional.of(new Plot.Reference(
                    "ideal C / L", c -> c * 1000 / (delays.getOrDefault(c, delayMillis) * requests)));
            chart(doc, stem + "-throughput", workload + ": throughput vs concurrency", "items/s", "count", mine,
                    Metric.THROUGHPUT::of, true, false, knees, idealRate, models);
            chart(doc, stem + "-efficiency", workload + ": efficiency vs concurrency (ideal = 1.0)", "ideal / measured",
                    "ratio", mine, Metric.EFFICIENCY::of, false, true, knees,
                    Optional.of(new Plot.Reference("ideal (1.0)", c -> 1.0)), models);
            chart(doc, stem + "-p99", workload + ": p99 latency vs concurrency", "p99 (ms)", "ms", mine, Metric.P99::of,
                    true, false, knees, Optional.empty(), models);
            chart(doc, stem + "-in-flight", workload + ": requests in flight (server's peak) vs concurrency",
                    "requests in flight", "count", mine, ChartsSection::inFlight, true, false, knees,
                    Optional.of(new Plot.Reference("C", c -> c)), models);
            chart(doc, stem + "-cpu", workload + ": CPU per request vs concurrency", "CPU per request (µs)", "us", mine,
                    Metric.CPU_PER_REQUEST::of, true, false, knees, Optional.empty(), models);
            chart(doc, stem + "-threads", workload + ": peak platform threads vs concurrency", "platform threads",
                    "count", mine, t -> t.resources() == null ? Double.NaN : t.resources().peakPlatformThreads(), true,
                    false, knees, Optional.empty(), models);
            chart(doc, stem + "-rss", workload + ": peak RSS vs concurrency", "peak RSS (MiB)", "mib", mine,
                    t -> Metric.RSS.of(t) / (1024 * 1024), false, false, knees, Optional.empty(), models);
            Map<String, Double> baseRss = new HashMap<>();
            for (String model : models) {
                groupsOf(workload, model).stream().filter(g -> Double.isFinite(g.median(Metric.RSS::of))).findFirst()
                        .filter(g -> groupsOf(workload, model).size() > 1)
                        .ifPresent(g -> baseRss.put(model, g.median(Metric.RSS::of)));
            }
            chart(doc, stem + "-memory-per-request", workload + ": memory per request in flight (RSS above the"
                    + " model's smallest level ÷ in flight)", "KiB per request", "kib", mine.stream()
                    .filter(g -> baseRss.containsKey(g.model()) && inFlightMedian(g) > 0).toList(),
                    t -> (Metric.RSS.of(t) - baseRss.getOrDefault(t.model(), Double.NaN)) / 1024 / inFlight(t), true,
                    false, knees, Optional.empty(), models);
            int ref = referenceLevel(workload);
            List<TrialGroup> atRef = mine.stream().filter(g -> g.level() == ref).toList();
            warmup(workload, atRef, models).ifPresent(p -> doc.add(new Doc.Figure(null, p)));
            figure(doc, charts.spectrum(stem + "-spectrum-C" + ref, workload + ": latency by percentile at C = "
                    + Fmt.count(ref) + " (repetition with the median p99)", atRef, notes));
        }
        List<TrialGroup> echo = groups.stream().filter(g -> ECHO.equals(g.workload())).toList();
        if (!echo.isEmpty()) {
            doc.heading(3, "Echo");
            chart(doc, "echo-throughput", "echo: messages/s vs connections (dashed: " + Charts.NETTY_BASELINE + ")",
                    "messages/s", "count", echo, Metric.THROUGHPUT::of, false, false, Map.of(), Optional.empty(),
                    models);
        }
        if (!notes.isEmpty()) {
            doc.add(new Doc.Bullets(notes));
        }
    }

    /**
     * Throughput over the trial's time, job by job: each warm-up job's items/s on the session, for the repetition with
     * the median p99 at one level; empty when no trial recorded a warm-up (the only series over time a trial keeps).
     */
    private Optional<Plot> warmup(String workload, List<TrialGroup> atRef, List<String> models) {
        List<Plot.Series> series = new ArrayList<>();
        int jobs = 0;
        for (TrialGroup g : atRef) {
            Optional<TrialRecord> t = Charts.medianByP99(g).filter(r -> r.steady() != null
                    && !r.steady().warmupThroughputs().isEmpty());
            if (t.isPresent()) {
                List<Double> y = t.get().steady().warmupThroughputs();
                jobs = Math.max(jobs, y.size());
                series.add(new Plot.Series(g.model(), Charts.colorOf(g.model(), models), false, y, List.of(), List.of(),
                        null));
            }
        }
        if (series.isEmpty()) {
            return Optional.empty();
        }
        int n = jobs;
        List<Plot.Series> padded = series.stream().map(s -> {
            List<Double> y = new ArrayList<>(s.y());
            List<Double> none = new ArrayList<>();
            while (y.size() < n) {
                y.add(null);
            }
            y.forEach(v -> none.add(null));
            return new Plot.Series(s.label(), s.color(), false, y, none, none, null);
        }).sorted(java.util.Comparator.comparingInt(s -> models.indexOf(s.label()))).toList();
        List<Double> xs = java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> (double) i).toList();
        return Optional.of(new Plot(workload + ": throughput of each warm-up job at C = " + Fmt.count(atRef.getFirst()
                .level()) + ", in order (repetition with the median p99)", "warm-up job", "items/s", "count", "count",
                false, false, xs, padded));
    }

    /** The knee level of each model on {@code workload} that has one; none without injected latency. */
    private Map<String, Integer> knees(String workload) {
        Map<String, Integer> knees = new HashMap<>();
        if (delayMillis > 0) {
            for (String model : modelOrder(run)) {
                Knee.knee(groupsOf(workload, model), delayMillis).ifPresent(k -> knees.put(model, k));
            }
        }
        return knees;
    }

    /** One chart as PNG and SVG under charts/ and, for index.html, the same data as an interactive plot. */
    private void chart(Doc doc, String name, String title, String yTitle, String yUnit, List<TrialGroup> mine,
                       ToDoubleFunction<TrialRecord> value, boolean logY, boolean idealOne, Map<String, Integer> knees,
                       Optional<Plot.Reference> reference, List<String> models) throws IOException {
        String xTitle = mine.stream().anyMatch(g -> ECHO.equals(g.workload())) ? "connections" : "concurrency C";
        Optional<ChartFile> file = charts.byLevel(name, title, xTitle, yTitle, mine, value, logY, idealOne);
        Optional<Plot> plot = Plot.byLevel(title, xTitle, yTitle, yUnit, mine, value, logY, models, knees, reference);
        file.ifPresent(f -> doc.add(new Doc.Figure(f, plot.orElse(null))));
    }

    /** The server's peak count of the trial's requests in flight, NaN where not recorded. */
    private static double inFlight(TrialRecord t) {
        return t.achievedConcurrency() == null ? Double.NaN : t.achievedConcurrency();
    }

    private static double inFlightMedian(TrialGroup g) {
        return g.median(ChartsSection::inFlight);
    }

    private static void figure(Doc doc, Optional<ChartFile> chart) {
        chart.ifPresent(c -> doc.add(new Doc.Figure(c)));
    }

    private static String slug(String workload) {
        return workload.replaceAll("[^A-Za-z0-9]+", "-");
    }
}
