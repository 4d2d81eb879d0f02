package dev.flagbench.harness.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        doc.paragraph("Medians over the OK repetitions; a level without an OK repetition has no point. Each chart"
                + " is also under charts/ as PNG and SVG.");
        List<String> notes = new ArrayList<>();
        for (String workload : downloadWorkloads()) {
            List<TrialGroup> mine = groups.stream().filter(g -> g.workload().equals(workload)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            doc.heading(3, "Workload " + workload);
            String stem = slug(workload);
            figure(doc, charts.byLevel(stem + "-throughput", workload + ": throughput vs concurrency",
                    "concurrency C", "items/s", mine, Metric.THROUGHPUT::of, true, false));
            figure(doc, charts.byLevel(stem + "-efficiency", workload + ": efficiency vs concurrency (ideal = 1.0)",
                    "concurrency C", "ideal / measured", mine, Metric.EFFICIENCY::of, false, true));
            figure(doc, charts.byLevel(stem + "-p99", workload + ": p99 latency vs concurrency", "concurrency C",
                    "p99 (ms)", mine, Metric.P99::of, true, false));
            figure(doc, charts.byLevel(stem + "-threads", workload + ": peak platform threads vs concurrency",
                    "concurrency C", "platform threads", mine,
                    t -> t.resources() == null ? Double.NaN : t.resources().peakPlatformThreads(), true, false));
            figure(doc, charts.byLevel(stem + "-rss", workload + ": peak RSS vs concurrency", "concurrency C",
                    "peak RSS (MiB)", mine, t -> Metric.RSS.of(t) / (1024 * 1024), false, false));
            int ref = referenceLevel(workload);
            List<TrialGroup> atRef = mine.stream().filter(g -> g.level() == ref).toList();
            figure(doc, charts.spectrum(stem + "-spectrum-C" + ref, workload + ": latency by percentile at C = "
                    + Fmt.count(ref) + " (repetition with the median p99)", atRef, notes));
        }
        List<TrialGroup> echo = groups.stream().filter(g -> ECHO.equals(g.workload())).toList();
        if (!echo.isEmpty()) {
            doc.heading(3, "Echo");
            figure(doc, charts.byLevel("echo-throughput", "echo: messages/s vs connections (dashed: "
                    + Charts.NETTY_BASELINE + ")", "connections", "messages/s", echo, Metric.THROUGHPUT::of,
                    false, false));
        }
        if (!notes.isEmpty()) {
            doc.add(new Doc.Bullets(notes));
        }
    }

    private static void figure(Doc doc, Optional<ChartFile> chart) {
        chart.ifPresent(c -> doc.add(new Doc.Figure(c)));
    }

    private static String slug(String workload) {
        return workload.replaceAll("[^A-Za-z0-9]+", "-");
    }
}
