package dev.flagbench.harness.run;

import dev.flagbench.harness.data.TrialRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The skip rules that trials' results make during a run: after a series' failure its higher levels are skipped, and
 * a capacity series stops above the first level whose median efficiency over its repetitions fell below
 * {@link Plan.Capacity#STOP_BELOW}, the knee's own bound: the model is past its knee there. Tasks run level by level,
 * every repetition of a level before any higher one, so the median is known when the next level comes up.
 */
final class SeriesStops {
    private final Map<String, String> failedAt = new HashMap<>();
    private final Set<String> skippedAfterFailure = new HashSet<>();
    /** Per capacity series, the level at which it fell below {@link Plan.Capacity#STOP_BELOW}: higher ones are skipped. */
    private final Map<String, Stop> stoppedAt = new HashMap<>();
    /** Per capacity series and level, the efficiencies recorded so far. */
    private final Map<String, Map<Integer, List<Double>>> efficiencies = new HashMap<>();

    /** Where a capacity series stopped, and why. */
    private record Stop(int level, String reason) {
    }

    /** Why {@code t} is skipped, its series having failed or stopped, or {@code null} when it runs. */
    String skipReason(Task t) {
        String failed = failedAt.get(t.seriesKey());
        if (TrialRecord.CAPACITY.equals(t.sweep()) && !stoppedAt.containsKey(t.seriesKey())) {
            stopBelow(t);
        }
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

    /** Stops {@code t}'s series at the lowest level below {@code t}'s whose median efficiency misses the bound. */
    private void stopBelow(Task t) {
        efficiencies.getOrDefault(t.seriesKey(), Map.of()).entrySet().stream()
                .filter(e -> e.getKey() < t.level()).sorted(Map.Entry.comparingByKey())
                .filter(e -> median(e.getValue()) < Plan.Capacity.STOP_BELOW).findFirst()
                .ifPresent(e -> stoppedAt.put(t.seriesKey(), new Stop(e.getKey(), String.format(Locale.ROOT,
                        "past its knee: efficiency %s at C = %,d, below %.0f %% of ideal, so the capacity sweep stops"
                                + " there for this model", percents(e.getValue()), e.getKey(),
                        100 * Plan.Capacity.STOP_BELOW))));
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = xs.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String percents(List<Double> xs) {
        String each = String.join(" and ", xs.stream().map(x -> String.format(Locale.ROOT, "%.1f %%", 100 * x)).toList());
        return xs.size() == 1 ? each : each + String.format(Locale.ROOT, " (median %.1f %%)", 100 * median(xs));
    }

    /** Takes the record {@code r} of trial {@code t} into the rules. */
    void recorded(Task t, TrialRecord r) {
        if (TrialRecord.CAPACITY.equals(t.sweep()) && r.efficiency() != null) {
            efficiencies.computeIfAbsent(t.seriesKey(), k -> new HashMap<>())
                    .computeIfAbsent(t.level(), k -> new ArrayList<>()).add(r.efficiency());
        }
        if (TrialRecord.FAILED.equals(r.state())) {
            failedAt.put(t.seriesKey(), String.format(Locale.ROOT, "failed at C = %,d: %s", t.level(), r.failureReason()));
        }
    }
}
