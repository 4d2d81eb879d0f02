package dev.flagbench.harness.run;

import dev.flagbench.core.ConcurrencyModels;
import dev.flagbench.core.mock.FaultProfile;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The named runs: quick (a smoke run, about 2 minutes), default (the reference, under 20 minutes), full. */
public enum Matrix {
    /** Every model and workload at small levels, L = 20 ms, one repetition: proves the whole pipeline in ~2 min. */
    QUICK(List.of(1, 10, 50), List.of(10), 5, 10, 250, Duration.ofMillis(20), 1, Duration.ofMillis(100),
            Duration.ofSeconds(1), Duration.ofMinutes(2)),
    /**
     * The reference: C = 1 to 10,000 at L = 100 ms, echo to 10,000 connections, three repetitions, under 20 minutes
     * on two cores: N = 5 x C (5 rounds of L, 0.5 s ideal) up to 10,000, 100 ms warm-up (against a server without
     * delay: hundreds of requests, enough for C1), 1 s echo phases.
     */
    DEFAULT(List.of(1, 10, 100, 1_000, 10_000), List.of(10, 100, 1_000, 10_000), 5, 5, 10_000,
            Duration.ofMillis(100), 3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(20)),
    /** More levels, more items (N = 20 x C up to 50,000), five repetitions, 5 s echo phases. */
    FULL(List.of(1, 10, 100, 1_000, 2_000, 5_000, 10_000), List.of(10, 100, 1_000, 2_000, 5_000, 10_000), 20, 20,
            50_000, Duration.ofMillis(100), 5, Duration.ofSeconds(1), Duration.ofSeconds(5), null);

    /**
     * The futex-hash slots of every trial JVM: a power of two above the 10,000 platform threads the largest levels
     * run, so that no model's wake-ups walk chains of waiters (see {@code FutexHash}).
     */
    public static final int FUTEX_HASH_SLOTS = 16_384;

    private final List<Integer> levels;
    private final List<Integer> echoLevels;
    private final int itemsPerC;
    private final int minItems;
    private final int maxItems;
    private final Duration delay;
    private final int repetitions;
    private final Duration warmup;
    private final Duration echoDuration;
    /** How long a run should take on the two-core reference machine, or {@code null}. */
    private final Duration timeTarget;

    Matrix(List<Integer> levels, List<Integer> echoLevels, int itemsPerC, int minItems, int maxItems, Duration delay,
           int repetitions, Duration warmup, Duration echoDuration, Duration timeTarget) {
        this.levels = levels;
        this.echoLevels = echoLevels;
        this.itemsPerC = itemsPerC;
        this.minItems = minItems;
        this.maxItems = maxItems;
        this.delay = delay;
        this.repetitions = repetitions;
        this.warmup = warmup;
        this.echoDuration = echoDuration;
        this.timeTarget = timeTarget;
    }

    /**
     * How long a run of the matrix named {@code name} should take on the two-core reference machine; empty for a
     * matrix without a target (full) and for custom runs. The report says whether a run met it.
     */
    public static Optional<Duration> timeTarget(String name) {
        return Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(name)).findFirst()
                .map(m -> m.timeTarget);
    }

    /** This matrix's plan: every model found, every workload, an in-process server with delay L. */
    public Plan plan() {
        return new Plan(name().toLowerCase(java.util.Locale.ROOT), ConcurrencyModels.all(), Plan.ALL_WORKLOADS, levels,
                echoLevels, 0, itemsPerC, minItems, maxItems,
                FaultProfile.delay(delay), "CUSTOM", repetitions, warmup,
                Duration.ofSeconds(60), Duration.ofSeconds(10), 128, echoDuration, null, 42, FUTEX_HASH_SLOTS);
    }
}
