package dev.flagbench.harness.report;

import dev.flagbench.harness.data.RunConfig;
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
    private final List<String> models;

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
                double la = e.getValue().delayMillis(a.config().delayMillis());
                double lb = gb.delayMillis(b.config().delayMillis());
                rows.add(la == lb ? row(e.getValue(), gb) : new Row(gb.workload(), gb.model(), gb.level(),
                        e.getValue().spread(metric::of), gb.spread(metric::of), Double.NaN, false, false,
                        "not comparable: L differs (A " + Fmt.millis(la) + ", B " + Fmt.millis(lb) + ")"));
            }
        }
        this.onlyInA = (int) groupsA.keySet().stream().filter(k -> !groupsB.containsKey(k)).count();
        this.onlyInB = (int) groupsB.keySet().stream().filter(k -> !groupsA.containsKey(k)).count();
        this.models = ReportSection.modelOrder(b);
    }

    /**
     * What differs between the two runs' configurations in a way that makes their trials measure different things:
     * matrix, delay L, how N and the measured window were chosen, the capacity sweep's rate, echo's settings, the
     * server's faults; one phrase per difference, empty when they match.
     */
    static List<String> differences(RunRecord a, RunRecord b) {
        List<String> out = new ArrayList<>();
        RunConfig ca = a.config();
        RunConfig cb = b.config();
        differ(out, "matrix", ca.matrix(), cb.matrix());
        differ(out, "delay L", Fmt.millis(ca.delayMillis()), Fmt.millis(cb.delayMillis()));
        differ(out, "N (items per trial)", ca.itemsRule(), cb.itemsRule());
        differ(out, "steady state and measured window", String.valueOf(ca.steady()), String.valueOf(cb.steady()));
        differ(out, "capacity sweep's offered rate", Fmt.num(ca.capacityOfferedRate()) + " requests/s",
                Fmt.num(cb.capacityOfferedRate()) + " requests/s");
        differ(out, "echo message size", Fmt.bytes(ca.echoMessageBytes()), Fmt.bytes(cb.echoMessageBytes()));
        differ(out, "echo duration", Fmt.millis(ca.echoDurationMillis()), Fmt.millis(cb.echoDurationMillis()));
        differ(out, "echo rate", String.valueOf(ca.echoRate()), String.valueOf(cb.echoRate()));
        if (a.server() != null && b.server() != null) {
            differ(out, "server faults", a.server().faults(), b.server().faults());
        }
        return out;
    }

    private static void differ(List<String> out, String what, String a, String b) {
        if (!java.util.Objects.equals(a, b)) {
            out.add(what + ": A " + a + ", B " + b);
        }
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
        md.append("\n").append(summaryLine()).append('\n');
        return md.toString();
    }

    /**
     * The comparison as one self-contained HTML page: the table, and per workload an interactive chart of B / A by
     * level, one series per model, the band from B's worst to best repetition over A's, and the line of no change.
     */
    String html(String nameA, String nameB) {
        Doc doc = new Doc();
        doc.heading(1, "flagbench compare: " + metric.label());
        doc.paragraph("A = " + nameA + ", B = " + nameB + ". Ratio = B / A of the medians over the OK repetitions; "
                + (metric.higherIsBetter() ? "higher" : "lower") + " is better; a regression is significant (the"
                + " ranges do not overlap) and worse than " + Fmt.percent(threshold) + ".");
        List<String> workloads = rows.stream().map(Row::workload).distinct().toList();
        doc.heading(2, "Ratios");
        for (String workload : workloads) {
            List<Row> mine = rows.stream().filter(r -> r.workload().equals(workload)).toList();
            List<Double> xs = mine.stream().map(r -> (double) r.level()).distinct().sorted().toList();
            List<Plot.Series> series = new ArrayList<>();
            for (String model : models) {
                List<Double> y = new ArrayList<>();
                List<Double> lo = new ArrayList<>();
                List<Double> hi = new ArrayList<>();
                for (double x : xs) {
                    Optional<Row> r = mine.stream().filter(row -> row.model().equals(model) && row.level() == x)
                            .filter(row -> Double.isFinite(row.ratio())).findFirst();
                    y.add(r.map(Row::ratio).orElse(null));
                    lo.add(r.flatMap(row -> row.a().flatMap(sa -> row.b().map(sb -> sb.min() / sa.max())))
                            .filter(Double::isFinite).orElse(null));
                    hi.add(r.flatMap(row -> row.a().flatMap(sa -> row.b().map(sb -> sb.max() / sa.min())))
                            .filter(Double::isFinite).orElse(null));
                }
                if (y.stream().anyMatch(v -> v != null)) {
                    series.add(new Plot.Series(model, Charts.colorOf(model, models), false, y, lo, hi, null));
                }
            }
            if (series.isEmpty()) {
                continue;
            }
            List<Double> none = xs.stream().map(v -> (Double) null).toList();
            series.add(new Plot.Series("no change (1)", "#000000", true, xs.stream().map(v -> 1.0).toList(), none,
                    none, null));
            boolean logX = xs.size() > 1 && xs.getFirst() > 0 && xs.getLast() / xs.getFirst() > Charts.LOG_Y_SPAN;
            String title = workload + ": " + metric.label() + ", B / A";
            doc.heading(3, workload);
            doc.add(new Doc.Figure(null, new Plot(title, "level", "B / A", "count", "times", logX, false, xs,
                    series)));
        }
        doc.heading(2, "Trial groups");
        List<List<String>> table = new ArrayList<>();
        for (Row r : rows) {
            table.add(List.of(r.workload(), r.model(), Fmt.count(r.level()), cell(r.a()), cell(r.b()),
                    Double.isFinite(r.ratio()) ? Fmt.num(r.ratio()) : Fmt.NONE, r.verdict()));
        }
        doc.add(new Doc.Table(List.of("workload", "model", "level", "A", "B", "B / A", "verdict"), table));
        doc.paragraph(summaryLine());
        return HtmlRenderer.render(doc, "flagbench compare: " + metric.label());
    }

    private String summaryLine() {
        long regressions = rows.stream().filter(Row::regression).count();
        return rows.size() + " matched trial groups, " + regressions + " regression(s); " + onlyInA + " only in A, "
                + onlyInB + " only in B.";
    }

    private String cell(Optional<Spread> s) {
        return s.map(x -> x.min() == x.max() ? metric.format(x.median()) : metric.format(x.median()) + " ("
                + metric.format(x.min()) + "–" + metric.format(x.max()) + ")").orElse(Fmt.NONE);
    }
}
