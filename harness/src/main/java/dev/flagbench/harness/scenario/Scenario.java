package dev.flagbench.harness.scenario;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The named scenarios, declared as data: what each measures and at which sizes. {@link ScenarioRunner} runs them, each
 * step in a fresh JVM; a run names them with {@code --scenarios}.
 */
public enum Scenario {
    /**
     * The tutorial's "requests inside asyncio": the variants of a model whose pipeline makes a blocking call on its
     * event loop (the mistake) and offloads it (the fix), beside the model and the baseline, at levels C.
     */
    BLOCKED_LOOP("blocked-loop", "a blocking call on the event loop, its fix with subscribeOn(boundedElastic), the"
            + " correct model and the baseline, at the same levels and delay"),
    /** Tasks blocked at once, platform threads against virtual threads, up to where platform threads stop. */
    THREAD_LIMITS("thread-limits", "tasks held blocked at once, platform threads against virtual threads, each count in"
            + " a fresh JVM: where platform threads stop and the memory a blocked task costs"),
    /** The tutorial's first example in every model that has a spinner: it answers 42, and cancelling stops it. */
    SPINNER("spinner", "the tutorial's spinner in each model's style: it answers 42 after the slow call, and"
            + " interrupting the caller stops it");

    private final String label;
    private final String summary;

    Scenario(String label, String summary) {
        this.label = label;
        this.summary = summary;
    }

    /** The scenario's name on the command line and in run.json. */
    public String label() {
        return label;
    }

    /** What it shows, in one line. */
    public String summary() {
        return summary;
    }

    /** The scenario called {@code label}; the error names the value and the known names. */
    public static Scenario byLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label.trim().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + label + "'; known: "
                        + Arrays.stream(values()).map(Scenario::label).collect(Collectors.joining(", "))));
    }

    /** The scenario called {@code label}, if there is one. */
    public static Optional<Scenario> find(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }

    /**
     * How big a run of the scenarios is.
     *
     * @param loopLevels the blocked loop's levels C
     * @param loopDelay the server's delay L for the blocked loop
     * @param loopWindow each blocked-loop step's measured window (after a ramp of max(500 ms, 3 L))
     * @param taskCounts the blocked-task counts of the thread limits, ascending
     * @param spinnerCall the spinner's slow call
     * @param stepTimeout a step's JVM is killed after this
     */
    public record Sizes(List<Integer> loopLevels, Duration loopDelay, Duration loopWindow, List<Integer> taskCounts,
                        Duration spinnerCall, Duration stepTimeout) {
        /** The reference sizes: C = 10, 100, 1,000 at L = 100 ms; 1,000 to 100,000 tasks; a 1 s slow call. */
        public static final Sizes DEFAULT = new Sizes(List.of(10, 100, 1_000), Duration.ofMillis(100),
                Duration.ofMillis(1_500), List.of(1_000, 4_000, 16_000, 32_000, 100_000), Duration.ofSeconds(1),
                Duration.ofSeconds(60));
        /** A smoke's sizes: C = 10 at L = 50 ms, 200 and 400 tasks, a 300 ms slow call. */
        public static final Sizes TINY = new Sizes(List.of(10), Duration.ofMillis(50), Duration.ofMillis(500),
                List.of(200, 400), Duration.ofMillis(300), Duration.ofSeconds(60));

        /** Copies and sorts the lists. */
        public Sizes {
            loopLevels = loopLevels.stream().sorted().distinct().toList();
            taskCounts = taskCounts.stream().sorted().distinct().toList();
        }

        /** The ramp before a blocked-loop window: the first responses arrive after L. */
        public Duration loopRamp() {
            return Duration.ofMillis(Math.max(500, 3 * loopDelay.toMillis()));
        }
    }
}
