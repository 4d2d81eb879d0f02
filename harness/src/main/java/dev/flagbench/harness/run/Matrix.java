package dev.flagbench.harness.run;

import dev.flagbench.harness.trial.TrialWorkload;
import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.harness.external.ModelCatalog;
import dev.flagbench.harness.scenario.Scenario;
import dev.flagbench.harness.trial.TrialSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named runs: quick (a smoke run, about 2 minutes), default (the reference; its target is 20 minutes, it takes
 * 40 to 50 on two cores, see results/README.md), full.
 *
 * <p>Each has two sweeps (DESIGN.md). The throughput sweep runs at a small L, where the offered rate C / L is far
 * beyond what two cores can serve at the high levels: each model's maximum requests/s and its CPU per request. The
 * capacity sweep holds C / L at a fixed offered rate well below the machine's capacity while C rises, so that its
 * efficiency is the cost of holding C requests in flight. Every download trial warms its session up to steady state
 * before it is measured.
 */
public enum Matrix {
    /**
     * A smoke run of every model, under 2 minutes: flags at C = 50 (the baselines at C = 1) and echo at 10
     * connections, a capacity point at C = 100, the cold job, one repetition, warm-ups of at most 0.8 s, short
     * windows.
     */
    QUICK(List.of(50), List.of(10), Duration.ofMillis(20), 1, Duration.ofMillis(100), Duration.ofMillis(500),
            Duration.ofMinutes(2), List.of(TrialWorkload.FLAGS, TrialWorkload.ECHO),
            // A smoke, not a measurement: warm-ups capped at 0.8 s (1.5 s took 27 s of a 122 s run on a host calibrating
            // at 35,706, eleven JVM trials reaching the cap) and echo windows of 0.5 s.
            new TrialSpec.Steady(200, 800, 0.10, 300, 3),
            new Plan.Capacity(List.of(100), List.of(TrialWorkload.FLAGS), 1_000, Duration.ofMillis(100)),
            new Plan.Cold(TrialWorkload.FLAGS, 10, 100, Duration.ofMillis(20)), 1, Map.of(), null),
    /**
     * The reference (its target 20 minutes on two cores; 40 to 50 today, most of it the capacity sweep's C = 10,000 and
     * 19,000 at L = 5 to 13 s): the throughput sweep at L = 5 ms on flags at C = 1 and 1,000 and
     * on flags+metadata at 1,000 (at C = 1 its two requests in a row say what flags says twice); the capacity sweep on flags at 11 % of the calibrated capacity offered (at most 2,000 requests/s), C = 10 to 10,000 and one level near
     * the open-file limit (one repetition: its trials take about a minute each); echo at 1,000 and 10,000
     * connections; the cold job (1,000 flags at C = 100, L = 100 ms, in a fresh JVM); two repetitions of the JVM
     * models, one of the external programs (the Python models, whose trials are the slowest per request). A measured
     * job is at least five rounds of C, so that its window (the job less its first and last C items) holds three
     * rounds of L where L is long: at C = 10,000 a job of three rounds left a window of one L, 2 s.
     */
    DEFAULT(List.of(1, 1_000), List.of(1_000, 10_000), Duration.ofMillis(5), 2,
            Duration.ofMillis(700), Duration.ofSeconds(1), Duration.ofMinutes(20),
            List.of(TrialWorkload.FLAGS, TrialWorkload.FLAGS_METADATA, TrialWorkload.ECHO),
            new TrialSpec.Steady(1_000, 6_000, 0.05, 1_000, 5, 0.05),
            new Plan.Capacity(List.of(10, 100, 1_000, 10_000, 19_000), List.of(TrialWorkload.FLAGS), Matrix.CAPACITY_MAX_RATE, Duration.ofMillis(100),
                    Matrix.CAPACITY_SHARE),
            new Plan.Cold(TrialWorkload.FLAGS, 100, 1_000, Duration.ofMillis(100)), 1,
            Map.of(TrialWorkload.FLAGS_METADATA, List.of(1_000)),
            // The throughput sweep's steady state: a warm-up cap of 20 s and twice the capacity sweep's window (2 s). At
            // the machine's ceiling the model, the server and the JIT's compiler threads share two busy cores, and the JIT
            // takes far longer to settle. On one host (calibrated at 12,900 to 16,800 requests/s), flags at C = 1,000,
            // L = 5 ms, two repetitions each: with a 6 s cap and a 1 s window virtual-threads read 165 and 100 µs of CPU a
            // request and reactive 139 and 188, the JIT compiling for 0.7 to 1.2 s of each measured job; with 12 s and 2 s
            // (and the JIT warm-up's cap at 10 s) they read 97 and 90, 96 and 86, with 0.09 to 0.48 s of compiling. A 12 s
            // cap still left 9 of the 48 throughput trials of the reference run 2026-12-08T00-08-37Z unconverged,
            // reactive's both at C = 1,000 among them, compiling to the end (a compiler thread busy a whole core for 10 s
            // of it); with 20 s every trial at that point converged, in 10 to 14 s (checks/cpu-throughput-repeat-2026-12-08/d),
            // and in the reference run 2026-12-08T02-16-11Z all 48; a cap costs only the trials that have not converged.
            new TrialSpec.Steady(1_000, 20_000, 0.05, 2_000, 5, 0.05)),
    /** Every workload, more levels, longer windows, five repetitions. */
    FULL(List.of(1, 10, 100, 1_000), List.of(10, 100, 1_000, 2_000, 5_000, 10_000), Duration.ofMillis(5), 5,
            Duration.ofSeconds(1), Duration.ofSeconds(5), null, List.of(TrialWorkload.values()),
            new TrialSpec.Steady(2_000, 30_000, 0.03, 5_000, 5, 0.02),
            new Plan.Capacity(List.of(10, 100, 1_000, 2_000, 5_000, 10_000, 19_000), TrialWorkload.downloads(),
                    Matrix.CAPACITY_MAX_RATE, Duration.ofMillis(100), Matrix.CAPACITY_SHARE),
            new Plan.Cold(TrialWorkload.FLAGS, 100, 1_000, Duration.ofMillis(100)), 0, Map.of(), null);

    /**
     * The capacity sweep's offered rate as a share of the mock server's calibrated capacity (at most
     * {@link #CAPACITY_MAX_RATE}): the share 5,000 requests/s was of the first reference machine's 45,200, where the
     * best models' client and the server used about half of the two cores at C = 10,000. On a host that calibrated at
     * 22,000 a fixed 5,000 asked reactive for 1.7 of the 2 cores at C = 1,000 (checks/slow-host-2026-12-03b).
     */
    public static final double CAPACITY_SHARE = 0.11;

    /**
     * The capacity sweep's highest offered rate, requests/s: it must leave the cores to spare for every model, and a
     * single-threaded event loop has one. On a host that calibrated at 73,040 requests/s, 5,000 requests/s asked
     * python-asyncio, at 303 µs of CPU a request at C = 1,000, for 1.5 cores of its one: it read 70.6 % there
     * (uvloop 79.3 %), where at 1,400 requests/s it had read 100.0 %. 2,000 asks about 0.6 of that core.
     */
    public static final double CAPACITY_MAX_RATE = 2_000;

    /**
     * The futex-hash slots of every trial JVM: a power of two above the 10,000 platform threads the largest levels
     * run, so that no model's wake-ups walk chains of waiters (see {@code FutexHash}).
     */
    public static final int FUTEX_HASH_SLOTS = 16_384;

    private final List<Integer> levels;
    private final List<Integer> echoLevels;
    private final Duration delay;
    private final int repetitions;
    private final Duration warmup;
    private final Duration echoDuration;
    /** How long a run should take on the two-core reference machine, or {@code null}. */
    private final Duration timeTarget;
    private final List<TrialWorkload> workloads;
    private final TrialSpec.Steady steady;
    private final Plan.Capacity capacity;
    private final Plan.Cold cold;
    private final int externalRepetitions;
    private final Map<TrialWorkload, List<Integer>> workloadLevels;
    private final TrialSpec.Steady throughputSteady;

    Matrix(List<Integer> levels, List<Integer> echoLevels, Duration delay, int repetitions, Duration warmup,
           Duration echoDuration, Duration timeTarget, List<TrialWorkload> workloads, TrialSpec.Steady steady,
           Plan.Capacity capacity, Plan.Cold cold, int externalRepetitions, Map<TrialWorkload, List<Integer>> workloadLevels,
           TrialSpec.Steady throughputSteady) {
        this.throughputSteady = throughputSteady;
        this.levels = levels;
        this.echoLevels = echoLevels;
        this.delay = delay;
        this.repetitions = repetitions;
        this.warmup = warmup;
        this.echoDuration = echoDuration;
        this.timeTarget = timeTarget;
        this.workloads = workloads;
        this.steady = steady;
        this.capacity = capacity;
        this.cold = cold;
        this.externalRepetitions = externalRepetitions;
        this.workloadLevels = workloadLevels;
    }

    /**
     * How long a run of the matrix named {@code name} should take on the two-core reference machine; empty for a
     * matrix without a target (full) and for custom runs. The report says whether a run met it.
     */
    public static Optional<Duration> timeTarget(String name) {
        return Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(name)).findFirst()
                .map(m -> m.timeTarget);
    }

    /** The named scenarios this matrix runs after its trials: all three, tiny in the quick matrix. */
    public List<Scenario> scenarios() {
        return List.of(Scenario.values());
    }

    /** The sizes of this matrix's scenarios. */
    public Scenario.Sizes scenarioSizes() {
        return this == QUICK ? Scenario.Sizes.TINY : Scenario.Sizes.DEFAULT;
    }

    /** This matrix's plan: every model found, its workloads and sweeps, in-process servers. */
    public Plan plan() {
        return Plan.builder()
                .matrix(name().toLowerCase(java.util.Locale.ROOT)).models(ModelCatalog.all()).workloads(workloads)
                .levels(levels).echoLevels(echoLevels).itemsPerC(5).minItems(10).maxItems(10_000)
                .faults(FaultProfile.delay(delay)).preset("CUSTOM").repetitions(repetitions).warmup(warmup)
                .trialTimeout(Duration.ofSeconds(120)).requestTimeout(Duration.ofSeconds(30)).echoMessageBytes(128)
                .echoDuration(echoDuration).seed(42).futexHashSlots(FUTEX_HASH_SLOTS)
                .steady(steady).capacity(capacity).cold(cold).externalRepetitions(externalRepetitions)
                .workloadLevels(workloadLevels).throughputSteady(throughputSteady).build();
    }
}
