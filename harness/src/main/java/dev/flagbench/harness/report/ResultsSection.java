package dev.flagbench.harness.report;

import dev.flagbench.harness.data.RunRecord;
import dev.flagbench.harness.data.TrialRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One table per download workload: every level of every model, with the knee's criteria and the problems. */
final class ResultsSection extends ReportSection {
    /** The per-workload tables of ctx's run. */
    ResultsSection(ReportSection.Context ctx) {
        super(ctx);
    }

    @Override
    void render(Doc doc) {
        for (String workload : downloadWorkloads()) {
            workloadSection(doc, workload);
        }
    }

    private void workloadSection(Doc doc, String workload) {
        doc.heading(2, "Results: " + workload);
        List<TrialGroup> mine = groups.stream().filter(g -> g.workload().equals(workload))
                .sorted(Comparator.comparingInt((TrialGroup g) -> modelOrder(run).indexOf(g.model()))
                        .thenComparingInt(TrialGroup::level)).toList();
        boolean steady = mine.stream().anyMatch(g -> g.trials().stream().anyMatch(t -> t.steady() != null));
        boolean fromReady = mine.stream().anyMatch(g -> g.trials().stream()
                .anyMatch(t -> t.latency() != null && t.latency().fromReady() != null));
        List<String> header = new ArrayList<>(List.of("model", "C", "L", "offered (of capacity)", "repetitions", "N",
                "throughput (items/s)", "efficiency", "p50", "p99"));
        if (fromReady) {
            header.add("p99 from ready");
        }
        boolean jitCpu = mine.stream().anyMatch(g -> g.trials().stream()
                .anyMatch(t -> t.resources() != null && t.resources().jitCpuMillis() != null));
        header.addAll(List.of("peak in-flight (server)", "CPU / request"));
        if (jitCpu) {
            header.add("CPU / request without the JIT");
        }
        header.add("cores busy (client + server)");
        header.addAll(List.of("GC", "peak RSS", "peak platform threads"));
        if (steady) {
            header.add("warm-up (steady?)");
            header.add("JIT in window");
        }
        header.add("knee criteria");
        List<List<String>> rows = new ArrayList<>();
        for (TrialGroup g : mine) {
            List<String> misses = Knee.misses(g, delayMillis);
            List<String> row = new ArrayList<>(List.of(g.model(), Fmt.count(g.level()),
                    Fmt.millis(g.delayMillis(delayMillis)), offeredText(g),
                    g.stateSummary(),
                    spread(g, t -> t.items(), v -> Fmt.count(Math.round(v))),
                    spread(g, Metric.THROUGHPUT::of, Fmt::num), spread(g, Metric.EFFICIENCY::of, Fmt::percent),
                    spread(g, t -> t.latency() == null ? Double.NaN : t.latency().p50(), Fmt::millis),
                    spread(g, Metric.P99::of, Fmt::millis)));
            if (fromReady) {
                row.add(spread(g, Metric.P99_FROM_READY::of, Fmt::millis));
            }
            row.addAll(List.of(
                    spread(g, t -> t.achievedConcurrency() == null ? Double.NaN : t.achievedConcurrency(),
                            v -> Fmt.count(Math.round(v))),
                    spread(g, Metric.CPU_PER_REQUEST::of, Fmt::micros)));
            if (jitCpu) {
                row.add(spread(g, Metric.CPU_WITHOUT_JIT::of, Fmt::micros));
            }
            row.add(spread(g, this::coresBusy, Fmt::num));
            row.addAll(List.of(
                    spread(g, t -> t.resources() == null ? Double.NaN : t.resources().gcMillis(), Fmt::millis),
                    spread(g, Metric.RSS::of, Fmt::bytes),
                    spread(g, t -> t.resources() == null ? Double.NaN : t.resources().peakPlatformThreads(),
                            v -> Fmt.count(Math.round(v)))));
            if (steady) {
                row.add(warmupText(g));
                row.add(spread(g, t -> t.steady() == null || t.steady().measuredJitShare() == null ? Double.NaN
                        : t.steady().measuredJitShare(), Fmt::percent));
            }
            row.add(misses.isEmpty() ? "met" : String.join("; ", misses) + machineLimitText(g));
            rows.add(row);
        }
        doc.add(new Doc.Table(header, rows));
        problems(doc, workload);
    }

    /** The level's offered rate C / L, in requests per second, and its share of the calibrated capacity. */
    private String offeredText(TrialGroup g) {
        double l = g.delayMillis(delayMillis);
        if (l <= 0) {
            return Fmt.NONE;
        }
        double offered = g.level() * 1000.0 / l;
        RunRecord.Calibration cal = run.server() == null ? null : run.server().calibration();
        String rate = Fmt.num(offered) + " req/s";
        return cal == null || cal.requestsPerSecond() <= 0 ? rate
                : rate + " (" + Fmt.percent(offered / cal.requestsPerSecond()) + ")";
    }

    /** The warm-up of the level's repetitions: its median length and how many converged. */
    private static String warmupText(TrialGroup g) {
        List<TrialRecord> withSteady = g.trials().stream().filter(t -> t.steady() != null).toList();
        if (withSteady.isEmpty()) {
            return Fmt.NONE;
        }
        long converged = withSteady.stream().filter(t -> t.steady().converged()).count();
        String spread = g.spread(t -> t.steady() == null ? Double.NaN : t.steady().warmupMillis())
                .map(sp -> Fmt.millis(sp.median())).orElse(Fmt.NONE);
        return spread + (converged == withSteady.size() ? " (steady)"
                : " (" + converged + "/" + withSteady.size() + " steady; the others hit the cap)");
    }
}
