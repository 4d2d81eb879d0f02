package dev.flagbench.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The echo server trials' table, when the run has any. */
final class EchoSection extends ReportSection {
    /** The echo table of ctx's run. */
    EchoSection(ReportSection.Context ctx) {
        super(ctx);
    }

    @Override
    void render(Doc doc) {
        if (groups.stream().anyMatch(g -> ECHO.equals(g.workload()))) {
            echoSection(doc);
        }
    }

    private void echoSection(Doc doc) {
        doc.heading(2, "Results: " + ECHO);
        doc.paragraph("Message size " + Fmt.bytes(run.config().echoMessageBytes()) + ", measured for "
                + Fmt.millis(run.config().echoDurationMillis()) + " per trial, " + (run.config().echoRate() > 0
                ? "open model at " + Fmt.count(run.config().echoRate()) + " messages/s" : "closed loop") + ".");
        List<TrialGroup> mine = groups.stream().filter(g -> ECHO.equals(g.workload()))
                .sorted(Comparator.comparingInt((TrialGroup g) -> modelOrder(run).indexOf(g.model()))
                        .thenComparingInt(TrialGroup::level)).toList();
        List<String> header = List.of("model", "connections", "repetitions", "messages/s", "bytes/s", "p50", "p99",
                "CPU / message", "peak RSS", "peak platform threads", "stalled connections", "integrity errors");
        List<List<String>> rows = new ArrayList<>();
        for (TrialGroup g : mine) {
            rows.add(List.of(g.model(), Fmt.count(g.level()), g.stateSummary(),
                    spread(g, Metric.THROUGHPUT::of, Fmt::num),
                    spread(g, t -> t.echo() == null ? Double.NaN : t.echo().bytesPerSecond(), v -> Fmt.bytes(v) + "/s"),
                    spread(g, t -> t.latency() == null ? Double.NaN : t.latency().p50(), Fmt::millis),
                    spread(g, Metric.P99::of, Fmt::millis), spread(g, Metric.CPU_PER_REQUEST::of, Fmt::micros),
                    spread(g, Metric.RSS::of, Fmt::bytes),
                    spread(g, t -> t.resources() == null ? Double.NaN : t.resources().peakPlatformThreads(),
                            v -> Fmt.count(Math.round(v))),
                    spread(g, t -> t.echo() == null ? Double.NaN : t.echo().stalledConnections(),
                            v -> Fmt.count(Math.round(v))),
                    spread(g, t -> t.echo() == null ? Double.NaN : t.echo().integrityErrors(),
                            v -> Fmt.count(Math.round(v)))));
        }
        doc.add(new Doc.Table(header, rows));
        problems(doc, ECHO);
    }
}
