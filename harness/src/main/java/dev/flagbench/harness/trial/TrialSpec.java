package dev.flagbench.harness.trial;

import dev.flagbench.core.Checks;
import java.util.List;
import java.util.Objects;

/**
 * What one forked trial JVM is asked to do; the harness writes it as JSON and passes the file's path.
 *
 * @param id the trial's id, e.g. {@code flags/threads/C100/r1}
 * @param model the model's name
 * @param workload flags, flags+metadata, peps or echo
 * @param level C (max in-flight requests), or the echo server's expected connections
 * @param baseUrl the mock server's base URL (downloads), or {@code null} for echo
 * @param items the measured items (downloads); empty for echo
 * @param warmupUrl the base URL of the fault-free server the warm-up jobs go to ({@code null}: {@code baseUrl}), so
 *                  that the warm-up is many requests, not a few rounds of the measured server's delay
 * @param warmupItems the unmeasured warm-up job's items, run at min(C, {@value #WARMUP_CONCURRENCY}); may be empty
 * @param warmupMillis the warm-up job is repeated until this much time has passed (at least once)
 * @param requestTimeoutMillis per-request timeout of the measured and warm-up jobs
 * @param echoPoolSize the echo server's pool size (models with a bounded pool)
 * @param hgrmFile where the trial writes the measured phase's percentile distribution, or {@code null}
 * @param jfrFile where the trial dumps its JFR recording for the harness to count, or {@code null}
 * @param futexHashSlots the trial JVM resizes its futex hash to this many slots first ({@link FutexHash}); 0 leaves
 *                       the kernel's
 * @param debug a failure to simulate, for the harness's own tests: {@code hang} (after GO), {@code halt}
 *              (the JVM dies at start), or {@code null}
 */
public record TrialSpec(String id, String model, String workload, int level, String baseUrl, List<String> items,
                        String warmupUrl, List<String> warmupItems, long warmupMillis, long requestTimeoutMillis, int echoPoolSize, String hgrmFile,
                        String jfrFile, int futexHashSlots, String debug) {

    /** The echo workload's label. */
    public static final String ECHO = "echo";
    /** The warm-up jobs' concurrency cap: enough to exercise the model's concurrent paths, not its scale. */
    public static final int WARMUP_CONCURRENCY = 100;

    /** Validates the fields and copies the lists. */
    public TrialSpec {
        Checks.notBlank("id", id);
        Checks.notBlank("model", model);
        Checks.notBlank("workload", workload);
        Checks.atLeast("level", level, 1);
        items = List.copyOf(Objects.requireNonNullElse(items, List.of()));
        warmupItems = List.copyOf(Objects.requireNonNullElse(warmupItems, List.of()));
        if (!ECHO.equals(workload) && items.isEmpty()) {
            throw new IllegalArgumentException("items must not be empty for workload " + workload);
        }
        if (futexHashSlots != 0) {
            FutexHash.check("futexHashSlots", futexHashSlots);
        }
        if (requestTimeoutMillis < 1) {
            throw new IllegalArgumentException("requestTimeoutMillis must be >= 1, was " + requestTimeoutMillis);
        }
    }

    /** This spec with its JFR recording going to {@code file}. */
    public TrialSpec withJfrFile(String file) {
        return new TrialSpec(id, model, workload, level, baseUrl, items, warmupUrl, warmupItems, warmupMillis,
                requestTimeoutMillis, echoPoolSize, hgrmFile, file, futexHashSlots, debug);
    }

    /** Whether this is an echo trial. */
    public boolean isEcho() {
        return ECHO.equals(workload);
    }
}
