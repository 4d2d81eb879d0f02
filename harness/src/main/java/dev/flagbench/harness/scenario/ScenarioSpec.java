package dev.flagbench.harness.scenario;

import java.util.List;

/**
 * What one scenario step's JVM is asked to do, written as JSON for {@link ScenarioMain}.
 *
 * @param id the step's id
 * @param kind {@link #LOOP}, {@link #BLOCKHOUND}, {@link #THREADS} or {@link #SPINNER}
 * @param series the model or variant (loop, BlockHound), {@code platform} or {@code virtual} (threads), the spinner's
 *               model (spinner)
 * @param role the series' role in the scenario, recorded with its step
 * @param level C, or the task count
 * @param baseUrl the measured mock server, or {@code null}
 * @param warmupUrl the delay-free mock server of the JIT warm-up, or {@code null}
 * @param items the country codes a job cycles through
 * @param delayMillis L for a loop step, the slow call for a spinner step
 * @param rampMillis a loop step's time before its window
 * @param windowMillis a loop step's window; a thread-limits step's bound on starting its tasks
 * @param warmupMillis a loop step's JIT warm-up
 * @param requestTimeoutMillis the clients' response timeout
 */
public record ScenarioSpec(String id, String kind, String series, String role, int level, String baseUrl,
                           String warmupUrl, List<String> items, long delayMillis, long rampMillis, long windowMillis,
                           long warmupMillis, long requestTimeoutMillis) {
    /** Throughput in a window of one long job. */
    public static final String LOOP = "loop";
    /** A short job under BlockHound, which names the first blocking call on a non-blocking thread. */
    public static final String BLOCKHOUND = "blockhound";
    /** Tasks held blocked at once. */
    public static final String THREADS = "threads";
    /** The spinner's run and its cancellation. */
    public static final String SPINNER = "spinner";

    /** Copies the list. */
    public ScenarioSpec {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
