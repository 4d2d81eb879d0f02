package dev.flagbench.harness.run;

import dev.flagbench.harness.trial.TrialWorkload;
import dev.flagbench.harness.data.RunRecord;
import dev.flagbench.harness.data.TrialRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What the run prints: one line per trial and a summary table at the end. */
public final class Progress {
    private Progress() {
    }

    /** {@code 9,812 items/s, eff 0.96, p99 104 ms, peak in-flight 1000, OK}, or the failure. */
    public static String line(TrialRecord r) {
        if (TrialRecord.FAILED.equals(r.state())) {
            return "FAILED: " + r.failureReason();
        }
        StringBuilder b = new StringBuilder();
        boolean echo = r.echo() != null;
        b.append(String.format(Locale.ROOT, "%,.0f %s/s", r.throughput(), echo ? "msg" : "items"));
        if (r.efficiency() != null) {
            b.append(String.format(Locale.ROOT, ", eff %.2f", r.efficiency()));
        }
        if (r.latency() != null) {
            b.append(String.format(Locale.ROOT, ", p99 %s ms", millis(r.latency().p99())));
        }
        if (r.achievedConcurrency() != null) {
            b.append(", peak in-flight ").append(r.achievedConcurrency());
        }
        long notOk = r.counts().entrySet().stream().filter(e -> !e.getKey().equals("OK")).mapToLong(Map.Entry::getValue).sum();
        if (notOk > 0) {
            b.append(", ").append(r.counts().entrySet().stream().filter(e -> !e.getKey().equals("OK") && e.getValue() > 0)
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(" ")));
        }
        b.append(", ").append(r.state());
        if (TrialRecord.INVALID.equals(r.state())) {
            b.append(": ").append(r.failureReason());
        }
        return b.toString();
    }

    /** The median per (workload, model, level) of the trials that ran: throughput, efficiency, p99, states. */
    public static String summary(RunRecord run) {
        Map<String, List<TrialRecord>> groups = new LinkedHashMap<>();
        for (TrialRecord t : run.trials()) {
            groups.computeIfAbsent(series(t) + "|" + t.model() + "|" + t.level(), k -> new ArrayList<>()).add(t);
        }
        StringBuilder b = new StringBuilder();
        String fmt = "%-24s %-16s %7s %13s %6s %11s  %s%n";
        b.append(String.format(Locale.ROOT, fmt, "sweep / workload", "model", "level", "throughput/s", "eff", "p99 ms", "trials"));
        List<List<TrialRecord>> sorted = new ArrayList<>(groups.values());
        sorted.sort(Comparator.<List<TrialRecord>, Integer>comparing(g -> RunOrder.sweep(g.get(0).sweep()))
                .thenComparing(g -> RunOrder.workload(g.get(0).workload()))
                .thenComparing(g -> g.get(0).model()).thenComparing(g -> g.get(0).level()));
        for (List<TrialRecord> g : sorted) {
            TrialRecord first = g.get(0);
            List<TrialRecord> ran = g.stream().filter(t -> !TrialRecord.FAILED.equals(t.state())).toList();
            String states = g.stream().collect(Collectors.groupingBy(TrialRecord::state, LinkedHashMap::new, Collectors.counting()))
                    .entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
            double eff = median(ran.stream().map(TrialRecord::efficiency).filter(java.util.Objects::nonNull).toList());
            double p99 = median(ran.stream().filter(t -> t.latency() != null).map(t -> t.latency().p99()).toList());
            b.append(String.format(Locale.ROOT, fmt, series(first), first.model(), String.format(Locale.ROOT, "%,d", first.level()),
                    ran.isEmpty() ? "-" : String.format(Locale.ROOT, "%,.0f", median(ran.stream().map(TrialRecord::throughput).toList())),
                    Double.isNaN(eff) ? "-" : String.format(Locale.ROOT, "%.2f", eff),
                    Double.isNaN(p99) ? "-" : millis(p99),
                    states));
        }
        for (RunRecord.Skipped s : run.skipped()) {
            b.append(String.format(Locale.ROOT, "skipped: %s %s level %,d: %s%n", s.workload(), s.model(), s.level(), s.reason()));
        }
        return b.toString();
    }

    /** The trial's workload, after its sweep's name unless it is the throughput sweep's (or echo's). */
    private static String series(TrialRecord t) {
        return t.sweep() == null || TrialRecord.THROUGHPUT.equals(t.sweep()) ? t.workload() : t.sweep() + " " + t.workload();
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> v = values.stream().sorted().toList();
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private static String millis(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%,.0f", ms) : String.format(Locale.ROOT, "%.2f", ms);
    }

    /** The order workloads are run and shown in. */
    static final class RunOrder {
        private RunOrder() {
        }

        static int sweep(String s) {
            int i = s == null ? SWEEPS.size() : SWEEPS.indexOf(s); // echo (no sweep) last
            return i < 0 ? Integer.MAX_VALUE : i;
        }

        private static final List<String> SWEEPS = List.of(TrialRecord.THROUGHPUT, TrialRecord.CAPACITY, TrialRecord.COLD);

        static int workload(String w) {
            return TrialWorkload.find(w).map(Enum::ordinal).orElse(Integer.MAX_VALUE);
        }
    }
}
