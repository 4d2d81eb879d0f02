package dev.flagbench.harness.report;

import dev.flagbench.core.Traits;
import dev.flagbench.harness.data.RunRecord;
import dev.flagbench.harness.data.TrialRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The tutorial's claim against the measured knees: generated sentences and a verdict per tier. */
final class ClaimSection extends ReportSection {
    /** The claim section of ctx's run. */
    ClaimSection(ReportSection.Context ctx) {
        super(ctx);
    }

    @Override
    void render(Doc doc) {
        claim(doc);
    }

    private void claim(Doc doc) {
        doc.heading(2, "The tutorial's claim");
        doc.paragraph("\"" + CLAIM + ".\" What this run measured on the " + table1Series() + " series ("
                + (table1Series().startsWith(TrialGroup.CAPACITY_PREFIX) ? "L = C ÷ "
                + Fmt.count(Math.round(run.config().capacityOfferedRate())) + " requests/s, at least 100 ms"
                : "L = " + Fmt.millis(delayMillis)) + "):");
        List<String> sentences = new ArrayList<>();
        for (String model : table1Models()) {
            sentences.addAll(sentences(table1Series(), model));
        }
        doc.add(new Doc.Bullets(sentences.isEmpty() ? List.of("No " + table1Series() + " trials in this run.") : sentences));
        doc.paragraph("Against the claim, by the knee's range (tens: C < 100, hundreds: C < 1,000, thousands+):");
        doc.add(new Doc.Bullets(claimVerdicts()));
    }

    /** The generated sentences about one model on one workload: how far it got, where and why it stopped. */
    List<String> sentences(String workload, String model) {
        List<TrialGroup> mine = groupsOf(workload, model);
        List<String> out = new ArrayList<>();
        List<RunRecord.Skipped> skipped = run.skipped().stream()
                .filter(s -> s.model().equals(model) && s.workload().equals(workload)).toList();
        if (mine.isEmpty() && skipped.isEmpty()) {
            return out;
        }
        OptionalInt knee = Knee.knee(mine, delayMillis);
        if (delayMillis <= 0 && !mine.isEmpty()) {
            TrialGroup top = mine.getLast();
            out.add(model + " has no knee without injected latency (L = 0); at its highest level, C = "
                    + Fmt.count(top.level()) + ", it ran " + Fmt.num(top.median(Metric.THROUGHPUT::of))
                    + " downloads/s with p99 " + Fmt.millis(top.median(Metric.P99::of)) + " (" + top.stateSummary()
                    + ").");
        } else if (knee.isPresent()) {
            TrialGroup g = group(workload, model, knee.getAsInt()).orElseThrow();
            boolean top = knee.getAsInt() == mine.getLast().level();
            boolean baselineOnly = isBaseline(model) && mine.size() == 1;
            out.add(model + (baselineOnly ? ", the baseline, ran one download at a time, its only level, at "
                    + Fmt.percent(g.median(Metric.EFFICIENCY::of)) + " of ideal with " + Fmt.count(Math.round(
                    g.median(t -> t.resources() == null ? Double.NaN : t.resources().peakPlatformThreads())))
                    + " platform threads (p99 " + Fmt.millis(g.median(Metric.P99::of)) + ", peak RSS "
                    + Fmt.bytes(g.median(Metric.RSS::of)) + ")." : " held " + Fmt.count(knee.getAsInt())
                    + " concurrent download"
                    + (knee.getAsInt() == 1 ? "" : "s") + " at "
                    + Fmt.percent(g.median(Metric.EFFICIENCY::of)) + " of ideal with "
                    + Fmt.count(Math.round(g.median(t -> t.resources() == null ? Double.NaN
                    : t.resources().peakPlatformThreads()))) + " platform threads (p99 "
                    + Fmt.millis(g.median(Metric.P99::of)) + ", peak RSS " + Fmt.bytes(g.median(Metric.RSS::of))
                    + ")" + (top ? ", the highest level it ran." : betweenText(mine))));
        } else if (!mine.isEmpty()) {
            out.add(model + " met the knee's criteria at no level it ran (" + joinLevels(
                    mine.stream().map(TrialGroup::level).toList()) + ").");
        }
        int from = delayMillis <= 0 ? Integer.MAX_VALUE : knee.orElse(0);
        List<String> below = mine.stream().filter(g -> g.level() < from && delayMillis > 0)
                .filter(g -> !Knee.misses(g, delayMillis).isEmpty())
                .map(g -> "C = " + Fmt.count(g.level()) + ": " + String.join("; ", Knee.misses(g, delayMillis)))
                .toList();
        if (!below.isEmpty()) {
            out.add(model + " missed the criteria below its knee, at " + String.join(" and at ", below) + ".");
        }
        mine.stream().filter(g -> g.level() > from).filter(g -> !Knee.misses(g, delayMillis).isEmpty())
                .findFirst().ifPresent(g -> {
                    boolean failed = g.trials().stream().anyMatch(t -> !TrialRecord.OK.equals(t.state()));
                    out.add(model + (failed ? " failed" : " fell short") + " at C = " + Fmt.count(g.level()) + ": "
                            + String.join("; ", Knee.misses(g, delayMillis)) + machineLimitText(g) + ".");
                });
        for (RunRecord.Skipped s : skipped) {
            out.add(model + " was not run at C = " + Fmt.count(s.level()) + ": " + s.reason() + ".");
        }
        return out;
    }

    /** ", read between K and N at about X." after a knee below the highest level, or "." when not read. */
    private String betweenText(List<TrialGroup> mine) {
        Knee.Reading r = Knee.reading(mine, delayMillis);
        return Double.isFinite(r.between()) ? "; read between C = " + Fmt.count(r.tested().getAsInt()) + " and "
                + Fmt.count(r.next()) + ", about " + Fmt.num(Math.round(r.between())) + "." : ".";
    }

    /** The claim, tier by tier, against the measured knees. */
    List<String> claimVerdicts() {
        List<String> out = new ArrayList<>();
        out.add(verdict("async I/O", modelsIn(Traits.Column.ASYNCIO), 2));
        out.add(verdict("threads", modelsIn(Traits.Column.THREADING, Traits.Column.FUTURES), 1));
        out.add(verdict("virtual threads (not in the tutorial)", modelsIn(Traits.Column.VIRTUAL_THREADS), -1));
        out.add("processes, claimed tens: not measured here, no model runs a process per request.");
        return out;
    }

    /** The run's models whose traits declare one of {@code columns}, in report order. */
    private List<String> modelsIn(Traits.Column... columns) {
        List<Traits.Column> wanted = List.of(columns);
        return table1Models().stream()
                .filter(m -> traits.apply(m).map(t -> wanted.contains(t.column())).orElse(false)).toList();
    }

    private static final List<String> TIERS = List.of("tens", "hundreds", "thousands+");

    private static int tier(int level) {
        return level >= 1000 ? 2 : level >= 100 ? 1 : 0;
    }

    private String verdict(String label, List<String> models, int claimedTier) {
        StringBuilder sb = new StringBuilder(label);
        sb.append(claimedTier >= 0 ? ", claimed " + TIERS.get(claimedTier) + ": " : ": ");
        List<String> parts = new ArrayList<>();
        if (models.isEmpty()) {
            return sb.append("no model of this column ran.").toString();
        }
        for (String model : models) {
            List<TrialGroup> mine = groupsOf(table1Series(), model);
            if (mine.isEmpty()) {
                parts.add(model + " not run");
                continue;
            }
            OptionalInt knee = Knee.knee(mine, delayMillis);
            if (knee.isEmpty()) {
                parts.add(model + " has no knee (no level met the criteria; "
                        + Knee.reading(mine, delayMillis).why() + ")");
                continue;
            }
            boolean top = knee.getAsInt() == mine.getLast().level();
            int measured = tier(knee.getAsInt());
            String comparison = claimedTier < 0 ? "" : measured == claimedTier ? ", as claimed"
                    : measured > claimedTier ? ", more than claimed" : ", fewer than claimed";
            parts.add(model + " knee C " + (top ? "≥ " : "= ") + Fmt.count(knee.getAsInt()) + " ("
                    + TIERS.get(measured) + comparison + (top ? "; the highest level run, so a lower bound" : "")
                    + ")");
        }
        return sb.append(String.join("; ", parts)).append('.').toString();
    }
}
