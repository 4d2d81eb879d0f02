package dev.flagbench.harness.report;

import dev.flagbench.core.Workload;
import dev.flagbench.harness.data.TrialRecord;
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
    /** The efficiency a level needs. */
    static final double MIN_EFFICIENCY = 0.9;
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
        int requests = Workload.find(TrialGroup.workloadOf(group.workload())).map(Workload::requestsPerItem).orElse(1);
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

    private static String reasonOf(TrialRecord t) {
        return t.failureReason() == null || t.failureReason().isBlank() ? "no reason recorded" : t.failureReason();
    }
}
