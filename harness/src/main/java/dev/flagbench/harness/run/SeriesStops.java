package dev.flagbench.harness.run;

import dev.flagbench.harness.data.TrialRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The skip rules that trials' results make during a run: after a series' failure its higher levels are skipped, and
 * a capacity series stops above the level at which its efficiency fell below {@link Plan.Capacity#STOP_BELOW}.
 */
final class SeriesStops {
    private final Map<String, String> failedAt = new HashMap<>();
    private final Set<String> skippedAfterFailure = new HashSet<>();
    /** Per capacity series, the level at which it fell below {@link Plan.Capacity#STOP_BELOW}: higher ones are skipped. */
    private final Map<String, Stop> stoppedAt = new HashMap<>();

    /** Where a capacity series stopped, and why. */
    private record Stop(int level, String reason) {
    }

    /** Why {@code t} is skipped, its series having failed or stopped, or {@code null} when it runs. */
    String skipReason(Task t) {
        String failed = failedAt.get(t.seriesKey());
        Stop stop = stoppedAt.get(t.seriesKey());
        if (failed == null && stop != null && t.level() > stop.level()) {
            failed = stop.reason();
        }
        return failed;
    }

    /** Whether {@code t} is the first skipped task of its series at its level (its repetitions are recorded once). */
    boolean firstSkip(Task t) {
        return skippedAfterFailure.add(t.seriesKey() + "|" + t.level());
    }

    /** Takes the record {@code r} of trial {@code t} into the rules. */
    void recorded(Task t, TrialRecord r) {
        if (TrialRecord.CAPACITY.equals(t.sweep()) && r.efficiency() != null
                && r.efficiency() < Plan.Capacity.STOP_BELOW && !stoppedAt.containsKey(t.seriesKey())) {
            stoppedAt.put(t.seriesKey(), new Stop(t.level(), String.format(Locale.ROOT,
                    "efficiency %.1f %% at C = %,d, below %.0f %% of ideal: the capacity sweep stops there for"
                            + " this model", 100 * r.efficiency(), t.level(), 100 * Plan.Capacity.STOP_BELOW)));
        }
        if (TrialRecord.FAILED.equals(r.state())) {
            failedAt.put(t.seriesKey(), String.format(Locale.ROOT, "failed at C = %,d: %s", t.level(), r.failureReason()));
        }
    }
}
