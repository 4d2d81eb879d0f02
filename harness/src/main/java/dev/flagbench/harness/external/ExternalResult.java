package dev.flagbench.harness.external;

import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.trial.Json;
import dev.flagbench.harness.trial.TrialMain;
import dev.flagbench.harness.trial.TrialResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The result file an external trial program writes (docs/trial-protocol.md#the-result-file); the harness adds the
 * resources it read from /proc and turns the raw latencies into the trial's histogram and .hgrm file.
 *
 * @param counts items by status name (OK, NOT_FOUND, ERROR, TIMEOUT, CANCELLED)
 * @param httpErrors ERROR items caused by an HTTP status
 * @param ioErrors the other ERROR items
 * @param errorSamples the first few distinct ERROR/TIMEOUT details
 * @param wallMillis the measured job's wall time
 * @param latenciesNanos each item's latency (first request sent to last response read), CANCELLED items left out
 * @param clientSettings the settings the model applied
 * @param validationError the program's own accounting complaint, or {@code null}
 * @param steady the warm-up and the window, or {@code null} for a one-job trial
 * @param phases {@code warmup} and {@code measured} as {@code [fromNanos, toNanos]} of CLOCK_MONOTONIC (Python's
 *               {@code time.monotonic_ns()}), or {@code null}
 */
public record ExternalResult(Map<String, Long> counts, long httpErrors, long ioErrors, List<String> errorSamples,
                             double wallMillis, long[] latenciesNanos, Map<String, String> clientSettings,
                             String validationError, TrialRecord.Steady steady,
                             Map<String, List<Long>> phases) {

    /** Reads the result file. */
    public static ExternalResult read(Path file) throws IOException {
        return Json.read(file, ExternalResult.class);
    }

    /**
     * As the JVM trials' result, with the resources of {@code usage} ({@code null}: not read) and the latency
     * histogram written to {@code hgrmFile} ({@code null}: none).
     */
    public TrialResult toTrialResult(ProcMeter.Usage usage, String hgrmFile) throws IOException {
        Histogram h = new Histogram(Duration.ofHours(1).toNanos(), 3);
        if (latenciesNanos != null) {
            for (long l : latenciesNanos) {
                if (l > 0) {
                    h.recordValue(Math.min(l, h.getHighestTrackableValue()));
                }
            }
        }
        long items = counts == null ? 0 : counts.values().stream().mapToLong(Long::longValue).sum();
        return new TrialResult(counts, httpErrors, ioErrors, errorSamples, wallMillis, TrialMain.latency(h, hgrmFile),
                usage == null ? null : usage.resources(items), null, clientSettings, validationError, null, 0, 0, steady,
                phases);
    }
}
