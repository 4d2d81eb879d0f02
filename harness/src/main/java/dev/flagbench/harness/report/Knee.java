package dev.flagbench.harness.report;

import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.run.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The knee of DESIGN.md: the highest level at which efficiency >= 0.9, p99 <= 2 L, and no request failed,
 * judged on the medians over repetitions, with every repetition in state OK. An item of flags+metadata is two requests
 * one after the other, so its latency is held to 2 L per request: 4 L.
 */
final class Knee {
    /** The efficiency a level needs: the bound the capacity sweep's stop rule uses too, so one value serves both. */
    static final double MIN_EFFICIENCY = Plan.Capacity.STOP_BELOW;
    /** p99 may be at most this many times L. */
    static final double MAX_P99_OVER_L = 2.0;

    private Knee() {
    }

    /**
     * Why a level misses the knee's criteria, one phrase per criterion missed; empty when it meets them all.
     *
     * @param group the repetitions of one (workload, model, level)
     * @param runDelayMillis the run's injected latency L, for trials that do not record their own
     */
    static List<String> misses(TrialGroup group, double runDelayMillis) {
        double delayMillis = group.delayMillis(runDelayMillis);
        List<String> misses = new ArrayList<>();
        for (TrialRecord t : group.trials()) {
            if (TrialRecord.FAILED.equals(t.state())) {
                misses.add("repetition " + t.repetition() + " FAILED: " + reasonOf(t));
            } else if (TrialRecord.INVALID.equals(t.state())) {
                misses.add("repetition " + t.repetition() + " INVALID: " + (t.accountingMismatches().isEmpty()
                        ? reasonOf(t) : String.join("; ", t.accountingMismatches())));
            } else if (!TrialRecord.OK.equals(t.state())) {
                misses.add("repetition " + t.repetition() + " in state " + t.state());
            }
        }
        Map<String, Long> failed = group.failedRequests();
        if (!failed.isEmpty()) {
            misses.add(failed.entrySet().stream().map(e -> Fmt.count(e.getValue()) + " " + e.getKey())
                    .collect(Collectors.joining(", ")) + " requests");
        }
        if (group.ok().isEmpty()) {
            return misses;
        }
        double efficiency = group.median(Metric.EFFICIENCY::of);
        if (Double.isNaN(efficiency)) {
            misses.add("no efficiency (no injected latency L)");
        } else if (efficiency < MIN_EFFICIENCY) {
            misses.add("efficiency " + Fmt.percent(efficiency) + " (below " + Fmt.percent(MIN_EFFICIENCY) + ")");
        }
        double p99 = group.median(Metric.P99::of);
        int requests = TrialGroup.requestsPerItem(group.workload());
        double bound = MAX_P99_OVER_L * requests * delayMillis;
        if (delayMillis > 0 && p99 > bound) {
            misses.add("p99 " + Fmt.millis(p99) + " (above " + (requests == 1 ? "2 L" : "2 L per request, "
                    + requests * 2 + " L") + " = " + Fmt.millis(bound) + ")");
        }
        return misses;
    }

    /** The knee among the groups of one (workload, model), or empty when no level meets the criteria. */
    static OptionalInt knee(List<TrialGroup> groups, double delayMillis) {
        return groups.stream().filter(g -> misses(g, delayMillis).isEmpty()).mapToInt(TrialGroup::level).max();
    }

    /**
     * The knee as the report reads it: the tested level, and where the sweep allows, the level between it and the next
     * tested one at which the missed criterion crosses its bound.
     *
     * @param tested the highest tested level meeting every criterion, or empty
     * @param next the next tested level above it, or {@code null} when the knee is the highest level run
     * @param between the interpolated level between {@code tested} and {@code next}, or NaN when not read
     * @param why when there is a knee but no reading between: why not; when there is no knee: the lowest level's
     *            misses; else {@code null}
     */
    record Reading(OptionalInt tested, Integer next, double between, String why) {
        /** Whether the knee is the highest level run, so a lower bound. */
        boolean top() {
            return tested.isPresent() && next == null;
        }
    }

    /**
     * Reads the knee of one (workload, model) between its tested levels: from the knee K, whose criteria hold, to the
     * next level N, which misses only efficiency or p99 (no failed repetition or request), each missed criterion is
     * interpolated linearly on log C to its bound (efficiency to 90 %, p99 ÷ its bound to 1), and the lower crossing
     * is the reading; no reading when N failed otherwise.
     */
    static Reading reading(List<TrialGroup> groups, double delayMillis) {
        List<TrialGroup> sorted = groups.stream().sorted(java.util.Comparator.comparingInt(TrialGroup::level)).toList();
        OptionalInt knee = knee(sorted, delayMillis);
        if (knee.isEmpty()) {
            String why = sorted.isEmpty() ? "not run" : "at C = " + Fmt.count(sorted.getFirst().level()) + ": "
                    + String.join("; ", misses(sorted.getFirst(), delayMillis));
            return new Reading(knee, null, Double.NaN, why);
        }
        int k = knee.getAsInt();
        TrialGroup at = sorted.stream().filter(g -> g.level() == k).findFirst().orElseThrow();
        TrialGroup next = sorted.stream().filter(g -> g.level() > k).findFirst().orElse(null);
        if (next == null) {
            return new Reading(knee, null, Double.NaN, null);
        }
        if (!next.allOk() || !next.failedRequests().isEmpty()) {
            return new Reading(knee, next.level(), Double.NaN, "C = " + Fmt.count(next.level())
                    + " lost repetitions or requests");
        }
        double crossing = Double.POSITIVE_INFINITY;
        double eK = at.median(Metric.EFFICIENCY::of);
        double eN = next.median(Metric.EFFICIENCY::of);
        if (eN < MIN_EFFICIENCY && eK > eN) {
            crossing = Math.min(crossing, (eK - MIN_EFFICIENCY) / (eK - eN));
        }
        double rK = at.median(Metric.P99::of) / p99Bound(at, delayMillis);
        double rN = next.median(Metric.P99::of) / p99Bound(next, delayMillis);
        if (rN > 1 && rN > rK) {
            crossing = Math.min(crossing, (1 - rK) / (rN - rK));
        }
        if (!Double.isFinite(crossing)) {
            return new Reading(knee, next.level(), Double.NaN, "no criterion to interpolate");
        }
        double level = k * Math.pow((double) next.level() / k, Math.max(0, Math.min(1, crossing)));
        return new Reading(knee, next.level(), level, null);
    }

    /** A level's p99 bound: 2 L per request of an item. */
    private static double p99Bound(TrialGroup group, double runDelayMillis) {
        int requests = TrialGroup.requestsPerItem(group.workload());
        return MAX_P99_OVER_L * requests * group.delayMillis(runDelayMillis);
    }

    /** How {@link #reading} reads between tested levels, for the report's notes. */
    static final String READING_METHOD = "Between the knee K and the next tested level N the knee is read where the"
            + " missed criterion crosses its bound, interpolated linearly on log C (efficiency from K's to N's, down to"
            + " 90 %; p99 ÷ its bound up to 1), the lower crossing when both miss; no reading when N lost a repetition"
            + " or a request.";

    private static String reasonOf(TrialRecord t) {
        return t.failureReason() == null || t.failureReason().isBlank() ? "no reason recorded" : t.failureReason();
    }
}
