package dev.flagbench.harness.report;

import dev.flagbench.harness.data.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Compares two runs trial group by trial group, matched by (workload, model, level), on one metric. */
final class Comparison {

    /**
     * One matched trial group.
     *
     * @param workload the workload
     * @param model the model
     * @param level the level
     * @param a the metric over A's OK repetitions, or empty
     * @param b the metric over B's OK repetitions, or empty
     * @param ratio median B / median A, NaN when either is missing or A's is 0
     * @param significant whether the ranges (min–max) of A and B are disjoint
     * @param regression whether B is worse than A beyond the threshold and beyond the spread
     * @param verdict in words
     */
    record Row(String workload, String model, int level, Optional<Spread> a, Optional<Spread> b, double ratio,
               boolean significant, boolean regression, String verdict) {
    }

    private final Metric metric;
    private final double threshold;
    private final List<Row> rows = new ArrayList<>();
    private final int onlyInA;
    private final int onlyInB;

    /**
     * Compares {@code b} against {@code a}.
     *
     * @param a the baseline run
     * @param b the run under judgement
     * @param metric the metric compared
     * @param threshold the relative change (0.1 = 10 %) beyond which a worse B is a regression
     */
    Comparison(RunRecord a, RunRecord b, Metric metric, double threshold) {
        this.metric = metric;
        this.threshold = threshold;
        Map<String, TrialGroup> groupsA = byKey(a);
        Map<String, TrialGroup> groupsB = byKey(b);
        for (Map.Entry<String, TrialGroup> e : groupsA.entrySet()) {
            TrialGroup gb = groupsB.get(e.getKey());
            if (gb != null) {
                rows.add(row(e.getValue(), gb));
            }
        }
        this.onlyInA = (int) groupsA.keySet().stream().filter(k -> !groupsB.containsKey(k)).count();
        this.onlyInB = (int) groupsB.keySet().stream().filter(k -> !groupsA.containsKey(k)).count();
    }

    private static Map<String, TrialGroup> byKey(RunRecord run) {
        Map<String, TrialGroup> map = new LinkedHashMap<>();
        TrialGroup.of(run.trials()).forEach(g -> map.put(g.workload() + " " + g.model() + " " + g.level(), g));
        return map;
    }

    private Row row(TrialGroup ga, TrialGroup gb) {
        Optional<Spread> sa = ga.spread(metric::of);
        Optional<Spread> sb = gb.spread(metric::of);
        if (sa.isPresent() && sb.isEmpty()) {
            return new Row(ga.workload(), ga.model(), ga.level(), sa, sb, Double.NaN, true, true,
                    "regression: no OK repetition in B (" + gb.stateSummary() + ")");
        }
        if (sa.isEmpty()) {
            return new Row(ga.workload(), ga.model(), ga.level(), sa, sb, Double.NaN, false, false,
                    "not comparable: no OK repetition in A (" + ga.stateSummary() + ")");
        }
        double ratio = sa.get().median() == 0 ? Double.NaN : sb.get().median() / sa.get().median();
        boolean significant = sa.get().disjointFrom(sb.get());
        boolean worse = metric.higherIsBetter() ? ratio < 1 - threshold : ratio > 1 + threshold;
        boolean better = metric.higherIsBetter() ? ratio > 1 + threshold : ratio < 1 - threshold;
        String verdict = !significant ? "within noise"
                : worse ? "significant: regression beyond " + Fmt.percent(threshold)
                : better ? "significant: improvement beyond " + Fmt.percent(threshold)
                : "significant, within the " + Fmt.percent(threshold) + " threshold";
        return new Row(ga.workload(), ga.model(), ga.level(), sa, sb, ratio, significant, significant && worse,
                verdict);
    }

    /** The matched rows, in the order of A. */
    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Whether any matched group regressed beyond the threshold and the spread. */
    boolean anyRegression() {
        return rows.stream().anyMatch(Row::regression);
    }

    /** The comparison as Markdown. */
    String markdown(String nameA, String nameB) {
        StringBuilder md = new StringBuilder("# flagbench compare: " + metric.label() + "\n\n");
        md.append("A = ").append(nameA).append(", B = ").append(nameB).append(". Medians over the OK repetitions,")
                .append(" min–max in brackets; ratio = B / A; ").append(metric.higherIsBetter() ? "higher" : "lower")
                .append(" is better. A difference is significant when the ranges of A and B do not overlap;")
                .append(" a regression is significant and worse than ").append(Fmt.percent(threshold)).append(".\n\n");
        md.append("| workload | model | level | A | B | B / A | verdict |\n|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.workload()).append(" | ").append(r.model()).append(" | ")
                    .append(Fmt.count(r.level())).append(" | ").append(cell(r.a())).append(" | ").append(cell(r.b()))
                    .append(" | ").append(Double.isFinite(r.ratio()) ? Fmt.num(r.ratio()) : Fmt.NONE).append(" | ")
                    .append(r.verdict()).append(" |\n");
        }
        long regressions = rows.stream().filter(Row::regression).count();
        md.append("\n").append(rows.size()).append(" matched trial groups, ").append(regressions)
                .append(" regression(s); ").append(onlyInA).append(" only in A, ").append(onlyInB)
                .append(" only in B.\n");
        return md.toString();
    }

    private String cell(Optional<Spread> s) {
        return s.map(x -> x.min() == x.max() ? metric.format(x.median()) : metric.format(x.median()) + " ("
                + metric.format(x.min()) + "–" + metric.format(x.max()) + ")").orElse(Fmt.NONE);
    }
}
