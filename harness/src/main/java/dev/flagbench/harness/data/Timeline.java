package dev.flagbench.harness.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A download trial over time, as its measured mock server counted it: sampled by the harness (never inside the trial's
 * process) every {@code intervalMillis} from the trial's start to its MEASURED line, with the trial's phases on the
 * same time axis.
 *
 * @param intervalMillis the time between two samples; sample {@code i} is at {@code i × intervalMillis} ms
 * @param inFlight the server's requests in flight at each sample
 * @param completed the server's answered requests at each sample, counted from the first sample (0), carried across
 *                  the counter reset before the measured job; the difference of two samples ÷ the interval is the
 *                  throughput in responses per second
 * @param phases the trial's phases as {@code [fromMillis, toMillis]} on the samples' axis (negative: before the first
 *               sample): {@link #JIT_WARMUP} (against the delay-free warm-up server, so not in these counts),
 *               {@link #WARMUP} and {@link #MEASURED}; empty when the trial reported none
 */
public record Timeline(int intervalMillis, List<Integer> inFlight, List<Long> completed, Map<String, List<Long>> phases) {
    /** The JVM's JIT warm-up: cold jobs against the delay-free warm-up server, before the session opens. */
    public static final String JIT_WARMUP = "jitWarmup";
    /** The session's warm-up to steady state, against the measured server. */
    public static final String WARMUP = "warmup";
    /** The measured job. */
    public static final String MEASURED = "measured";

    /** Checks the interval and the lengths, and copies the collections. */
    public Timeline {
        if (intervalMillis < 1) {
            throw new IllegalArgumentException("intervalMillis must be >= 1, was " + intervalMillis);
        }
        inFlight = inFlight == null ? List.of() : List.copyOf(inFlight);
        completed = completed == null ? List.of() : List.copyOf(completed);
        if (inFlight.size() != completed.size()) {
            throw new IllegalArgumentException("inFlight has " + inFlight.size() + " samples, completed "
                    + completed.size() + ": one of each per sample");
        }
        Map<String, List<Long>> copy = new LinkedHashMap<>();
        if (phases != null) {
            phases.forEach((name, span) -> {
                if (span == null || span.size() != 2) {
                    throw new IllegalArgumentException("phase " + name + " must be [fromMillis, toMillis], was " + span);
                }
                copy.put(name, List.copyOf(span));
            });
        }
        phases = Collections.unmodifiableMap(copy);
    }

    /** The number of samples. */
    public int samples() {
        return inFlight.size();
    }

    /** The phase {@code name} as {@code [fromMillis, toMillis]}, or {@code null} when it was not reported. */
    public List<Long> phase(String name) {
        return phases.get(name);
    }

    /**
     * Responses per second in each interval: entry {@code i} covers the samples {@code i - 1} to {@code i}
     * (entry 0 is 0: nothing before the first sample).
     */
    public List<Double> throughputPerSecond() {
        List<Double> rate = new ArrayList<>(completed.size());
        for (int i = 0; i < completed.size(); i++) {
            rate.add(i == 0 ? 0.0 : (completed.get(i) - completed.get(i - 1)) * 1000.0 / intervalMillis);
        }
        return rate;
    }
}
