package dev.flagbench.harness.run;

import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.trial.TrialSpec;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The time a run has left, as JMH's progress line shows it: each trial's length is predicted from its plan (JVM
 * start, warm-up, measured job, all as multiples of its L), and the prediction of a trial still to run is scaled by
 * how the finished trials of its kind (its sweep, workload and level) compared with theirs. One scale for the whole run
 * misled: the reference run's first trials, the throughput sweep at C = 1, took half their prediction, so the run's
 * first lines halved the capacity sweep's top levels, which take what they are predicted: its 14th of 165 trials said
 * 18 min 36 s left with 38 min 34 s to go.
 */
final class Eta {
    /** A trial JVM's start and JIT warm-up, before its session runs. */
    private static final double START_SECONDS = 2.5;
    private final double[] predicted;
    private final String[] kinds;
    /** Per kind: the finished trials' predicted and actual seconds. */
    private final Map<String, double[]> byKind = new HashMap<>();
    private int done;

    /** An estimate over trials of one kind whose predicted lengths, in seconds, are {@code predictedSeconds}. */
    Eta(List<Double> predictedSeconds) {
        this(predictedSeconds, Collections.nCopies(predictedSeconds.size(), ""));
    }

    /**
     * An estimate over trials whose predicted lengths, in seconds, are {@code predictedSeconds}, in run order, and
     * whose kinds are {@code kinds}: trials of one kind share a scale.
     */
    Eta(List<Double> predictedSeconds, List<String> kinds) {
        if (kinds.size() != predictedSeconds.size()) {
            throw new IllegalArgumentException("a kind per trial: " + kinds.size() + " kinds for "
                    + predictedSeconds.size() + " trials");
        }
        predicted = predictedSeconds.stream().mapToDouble(Double::doubleValue).toArray();
        this.kinds = kinds.toArray(String[]::new);
    }

    /** The kind of task {@code t} for its scale: its sweep, workload and level. */
    static String kind(Task t) {
        return t.sweep() + "|" + t.workload().label() + "|" + t.level();
    }

    /**
     * The predicted length of one trial of {@code sweep}: a cold job of {@code items} in rounds of C; an echo trial's
     * warm-up and measured phase; or a steady download's warm-up and measured job (its rounds, or its target length).
     * The warm-up is one job of a round where a round outlasts the sweep's cap (its window then judges steadiness),
     * the cap where the session waits for a quiet JIT (the throughput sweep, at the machine's ceiling, mostly reaches
     * it), else at least three jobs of a round each within the bounds.
     *
     * @param sweep the trial's sweep ({@code TrialRecord.THROUGHPUT}, {@code CAPACITY} or {@code COLD}), or
     *              {@code null} (echo)
     * @param perItemSeconds L x the workload's requests per item, 0 for echo
     */
    static double predict(Plan plan, String sweep, boolean echo, int c, double perItemSeconds) {
        if (echo) {
            return START_SECONDS + plan.warmup().toMillis() / 1000.0 + plan.echoDuration().toMillis() / 1000.0;
        }
        double round = 1.5 * perItemSeconds; // the server's delay is at most 3 L / 2
        if (TrialRecord.COLD.equals(sweep)) {
            return START_SECONDS + Math.ceil((double) plan.cold().items() / c) * perItemSeconds + round;
        }
        TrialSpec.Steady steady = plan.steady(sweep);
        if (steady == null) {
            return START_SECONDS + plan.warmup().toMillis() / 1000.0
                    + Math.ceil((double) plan.items(c) / c) * perItemSeconds;
        }
        double cap = steady.maxWarmupMillis() / 1000.0;
        double warm = round >= cap ? round
                : steady.sessionWaitsForJit() && steady.jitQuietShare() > 0 ? cap
                : Math.max(3 * round, Math.min(steady.minWarmupMillis() / 1000.0 + 2 * round, cap));
        double measured = Math.max(steady.measuredMillis() / 1000.0 + 2 * perItemSeconds,
                steady.minRounds() * perItemSeconds) + round;
        return START_SECONDS + warm + measured;
    }

    /** Records that the next trial in order took {@code seconds}. */
    void finished(double seconds) {
        if (done < predicted.length) {
            double[] k = byKind.computeIfAbsent(kinds[done], x -> new double[2]);
            k[0] += predicted[done];
            k[1] += seconds;
            done++;
        }
    }

    /** Records that the next trial in order was skipped: it leaves the prediction without changing its scale. */
    void skipped() {
        if (done < predicted.length) {
            done++;
        }
    }

    /** The time left after the trials finished so far. */
    Duration remaining() {
        double left = 0;
        for (int i = done; i < predicted.length; i++) {
            double[] k = byKind.get(kinds[i]);
            left += predicted[i] * (k != null && k[0] > 0 ? k[1] / k[0] : 1);
        }
        return Duration.ofMillis(Math.round(left * 1000));
    }

    /** {@code 12 min 5 s left}, {@code 40 s left}. */
    static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 60 ? String.format(Locale.ROOT, "%d min %d s left", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d s left", s);
    }
}
