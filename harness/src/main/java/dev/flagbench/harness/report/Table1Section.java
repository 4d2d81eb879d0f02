package dev.flagbench.harness.report;

import dev.flagbench.core.Traits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The tutorial's Table 1 with a column per model: the traits' rows and the measured ones. */
final class Table1Section extends ReportSection {
    /** Table 1 of ctx's run. */
    Table1Section(ReportSection.Context ctx) {
        super(ctx);
    }

    @Override
    void render(Doc doc) {
        table1(doc);
    }

    private void table1(Doc doc) {
        List<String> models = table1Models();
        doc.heading(2, "Table 1, measured");
        doc.paragraph("The tutorial's Table 1 with a column per JVM model and the sequential model as the baseline."
                + " The qualitative rows come from each model's traits(); the measured rows from the "
                + table1Series() + " series.");
        List<String> header = new ArrayList<>();
        header.add("");
        models.forEach(m -> header.add(traits.apply(m).map(Traits::baseline).orElse(false) ? m + " (baseline)" : m));
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("primitives", models, m -> traits.apply(m).map(Traits::primitives)
                .orElse(Fmt.NONE)));
        rows.add(row("processing", models, m -> traits.apply(m).map(Traits::processing)
                .orElse(Fmt.NONE)));
        rows.addAll(measuredRows(table1Series(), models));
        doc.add(new Doc.Table(header, rows));
        doc.paragraph(rssNote(table1Series()));
        for (String workload : downloadWorkloads()) {
            if (!table1Series().equals(workload)) {
                doc.heading(3, "Table 1's measured rows, workload " + workload);
                List<String> h = new ArrayList<>();
                h.add("");
                h.addAll(models);
                doc.add(new Doc.Table(h, measuredRows(workload, models)));
            }
        }
    }

    private String rssNote(String workload) {
        return "Knee: the highest C with median efficiency ≥ 90 %, median p99 ≤ 2 L per request of an item (4 L for"
                + " flags+metadata, whose items are two requests in a row) and no ERROR, TIMEOUT or"
                + " CANCELLED request in any repetition, every repetition OK. Memory per request in flight = (the"
                + " median peak RSS, VmHWM, at the model's highest OK level − its peak RSS at its smallest level) ÷ the"
                + " requests the server saw in flight at the highest level; the smallest level's RSS, the JVM's"
                + " baseline, is in brackets."
                + " Peak platform threads at the highest level run (any state with a measurement). Reference level"
                + " for the \"at C\" rows of " + workload + ": C = " + Fmt.count(referenceLevel(workload)) + "; the"
                + " baseline, which runs one request at a time, is read at its only level. " + Knee.READING_METHOD;
    }

    private List<List<String>> measuredRows(String workload, List<String> models) {
        int ref = referenceLevel(workload);
        String at = " at C = " + Fmt.count(ref);
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("knee (C)", models, m -> kneeText(workload, m)));
        rows.add(row("in flight at the knee (server's count)", models, m -> inFlightAtKneeText(workload, m)));
        rows.add(row("throughput" + at, models, m -> atRef(workload, m, ref, Metric.THROUGHPUT)));
        rows.add(row("efficiency" + at, models, m -> atRef(workload, m, ref, Metric.EFFICIENCY)));
        rows.add(row("p99 latency" + at, models, m -> atRef(workload, m, ref, Metric.P99)));
        rows.add(row("peak platform threads, highest level run", models, m -> peakThreadsText(workload, m)));
        rows.add(row("memory per request in flight", models, m -> rssPerRequestText(workload, m)));
        rows.add(row("CPU per request" + at, models, m -> atRef(workload, m, ref, Metric.CPU_PER_REQUEST)));
        return rows;
    }

    private String kneeText(String workload, String model) {
        List<TrialGroup> mine = groupsOf(workload, model);
        if (mine.isEmpty()) {
            return "not run";
        }
        if (delayMillis <= 0) {
            return "n/a: no injected latency (L = 0)";
        }
        Knee.Reading r = Knee.reading(mine, delayMillis);
        if (r.tested().isEmpty()) {
            return "none: " + r.why();
        }
        String k = Fmt.count(r.tested().getAsInt());
        if (isBaseline(model) && mine.size() == 1) {
            return k + ", one request at a time (its only level)";
        }
        if (r.top()) {
            return "≥ " + k + " (the highest level run)";
        }
        return Double.isFinite(r.between()) ? k + " (≈ " + Fmt.num(Math.round(r.between())) + " read between " + k + " and "
                + Fmt.count(r.next()) + ")" : k + " (no reading up to " + Fmt.count(r.next()) + ": " + r.why() + ")";
    }

    /** The requests in flight the server counted at the model's knee. */
    private String inFlightAtKneeText(String workload, String model) {
        List<TrialGroup> mine = groupsOf(workload, model);
        if (mine.isEmpty()) {
            return "not run";
        }
        OptionalInt knee = delayMillis <= 0 ? OptionalInt.empty() : Knee.knee(mine, delayMillis);
        if (knee.isEmpty()) {
            return Fmt.NONE;
        }
        return group(workload, model, knee.getAsInt()).map(g -> g.spread(t -> t.achievedConcurrency() == null
                ? Double.NaN : t.achievedConcurrency()).map(sp -> Fmt.count(Math.round(sp.median())) + " of C = "
                + Fmt.count(g.level())).orElse(Fmt.NONE)).orElse(Fmt.NONE);
    }

    private String atRef(String workload, String model, int ref, Metric metric) {
        List<TrialGroup> mine = groupsOf(workload, model);
        if (isBaseline(model) && mine.size() == 1 && mine.getFirst().level() != ref) {
            TrialGroup only = mine.getFirst();
            return only.spread(metric::of).map(s -> metric.format(s.median()) + " (its only level, C = "
                    + Fmt.count(only.level()) + ")").orElse(only.stateSummary());
        }
        Optional<TrialGroup> g = group(workload, model, ref);
        if (g.isEmpty()) {
            return "not run";
        }
        return g.get().spread(metric::of).map(s -> metric.format(s.median()))
                .orElse(g.get().ok().isEmpty() ? g.get().stateSummary() : Fmt.NONE);
    }

    private String peakThreadsText(String workload, String model) {
        List<TrialGroup> mine = groupsOf(workload, model);
        for (TrialGroup g : mine.reversed()) {
            List<Double> threads = g.trials().stream().filter(t -> t.resources() != null)
                    .map(t -> (double) t.resources().peakPlatformThreads()).toList();
            if (!threads.isEmpty()) {
                return Fmt.count(Math.round(Spread.of(threads).median())) + " (C = " + Fmt.count(g.level()) + ")";
            }
        }
        return mine.isEmpty() ? "not run" : Fmt.NONE;
    }

    private String rssPerRequestText(String workload, String model) {
        List<TrialGroup> mine = groupsOf(workload, model).stream()
                .filter(g -> Double.isFinite(g.median(Metric.RSS::of))).toList();
        if (mine.size() < 2) {
            return groupsOf(workload, model).isEmpty() ? "not run" : mine.size() == 1 ? Fmt.NONE + " (one level, C = "
                    + Fmt.count(mine.getFirst().level()) + ": no slope; its RSS " + Fmt.bytes(mine.getFirst()
                    .median(Metric.RSS::of)) + ")" : Fmt.NONE + " (no RSS measured)";
        }
        TrialGroup base = mine.getFirst();
        TrialGroup top = mine.getLast();
        double inFlight = top.median(t -> t.achievedConcurrency() == null ? Double.NaN : t.achievedConcurrency());
        double above = top.median(Metric.RSS::of) - base.median(Metric.RSS::of);
        if (!(inFlight > 0)) {
            return Fmt.NONE;
        }
        return Fmt.bytes(Math.max(0, above) / inFlight) + " (" + Fmt.bytes(above) + " above C = "
                + Fmt.count(base.level()) + " ÷ " + Fmt.count(Math.round(inFlight)) + " in flight at C = "
                + Fmt.count(top.level()) + "; baseline " + Fmt.bytes(base.median(Metric.RSS::of)) + ")";
    }
}
