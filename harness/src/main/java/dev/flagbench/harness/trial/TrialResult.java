package dev.flagbench.harness.trial;

import dev.flagbench.harness.data.TrialRecord;
import java.util.List;
import java.util.Map;

/**
 * What a trial JVM measured, written as JSON to the file the harness named; the harness turns it into a
 * {@link TrialRecord} after cross-checking it with the server.
 *
 * @param counts items by status name (OK, NOT_FOUND, ERROR, TIMEOUT, CANCELLED); empty for echo
 * @param httpErrors ERROR items caused by an HTTP status (the detail names "HTTP nnn")
 * @param ioErrors the other ERROR items: resets, refused connections, bad bodies
 * @param errorSamples the first few distinct ERROR/TIMEOUT details, for the report
 * @param wallMillis the measured phase's wall time
 * @param latency percentiles of the items' latencies (downloads), or {@code null}
 * @param resources what the JVM used in the measured phase
 * @param jvm the trial JVM's version and options
 * @param clientSettings the settings the model applied
 * @param validationError the accounting invariant's complaint (DownloadResult.validate), or {@code null}
 * @param jfrFile the JFR recording the trial dumped after its measured phase, or {@code null}
 * @param measuredFromEpochNanos the measured phase's start, nanoseconds since the epoch
 * @param measuredToEpochNanos its end
 * @param steady the warm-up to steady state and the measured window (downloads), or {@code null}
 * @param phases the trial's phases ({@link dev.flagbench.harness.data.Timeline#JIT_WARMUP}, {@code WARMUP},
 *               {@code MEASURED}) as {@code [fromNanos, toNanos]} of CLOCK_MONOTONIC ({@link System#nanoTime()} on
 *               Linux, the same clock in every process of the machine); empty for echo and when not reported
 */
public record TrialResult(Map<String, Long> counts, long httpErrors, long ioErrors, List<String> errorSamples,
                          double wallMillis, TrialRecord.Latency latency, TrialRecord.Resources resources,
                          TrialRecord.JvmInfo jvm, Map<String, String> clientSettings, String validationError,
                          String jfrFile, long measuredFromEpochNanos, long measuredToEpochNanos,
                          TrialRecord.Steady steady, Map<String, List<Long>> phases) {

    /** A result without phases. */
    public TrialResult(Map<String, Long> counts, long httpErrors, long ioErrors, List<String> errorSamples,
                       double wallMillis, TrialRecord.Latency latency, TrialRecord.Resources resources,
                       TrialRecord.JvmInfo jvm, Map<String, String> clientSettings, String validationError,
                       String jfrFile, long measuredFromEpochNanos, long measuredToEpochNanos,
                       TrialRecord.Steady steady) {
        this(counts, httpErrors, ioErrors, errorSamples, wallMillis, latency, resources, jvm, clientSettings,
                validationError, jfrFile, measuredFromEpochNanos, measuredToEpochNanos, steady, null);
    }

    /** A result without steady-state figures (echo). */
    public TrialResult(Map<String, Long> counts, long httpErrors, long ioErrors, List<String> errorSamples,
                       double wallMillis, TrialRecord.Latency latency, TrialRecord.Resources resources,
                       TrialRecord.JvmInfo jvm, Map<String, String> clientSettings, String validationError,
                       String jfrFile, long measuredFromEpochNanos, long measuredToEpochNanos) {
        this(counts, httpErrors, ioErrors, errorSamples, wallMillis, latency, resources, jvm, clientSettings,
                validationError, jfrFile, measuredFromEpochNanos, measuredToEpochNanos, null);
    }

    /** The items the measured job ran: the sum of the counts. */
    public long items() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Copies the collections. */
    public TrialResult {
        counts = counts == null ? Map.of() : Map.copyOf(counts);
        errorSamples = errorSamples == null ? List.of() : List.copyOf(errorSamples);
        clientSettings = clientSettings == null ? Map.of() : Map.copyOf(clientSettings);
        phases = phases == null ? Map.of() : Map.copyOf(phases);
    }

    /** This with {@code r} as its resources. */
    public TrialResult withResources(TrialRecord.Resources r) {
        return new TrialResult(counts, httpErrors, ioErrors, errorSamples, wallMillis, latency, r, jvm, clientSettings,
                validationError, jfrFile, measuredFromEpochNanos, measuredToEpochNanos, steady, phases);
    }

    /** The count of {@code status}, 0 if absent. */
    public long count(String status) {
        return counts.getOrDefault(status, 0L);
    }
}
