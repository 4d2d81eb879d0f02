package dev.flagbench.harness.run;

import dev.flagbench.harness.trial.TrialWorkload;
import dev.flagbench.core.Checks;
import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.Workload;
import dev.flagbench.core.mock.DelaySpec;
import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.harness.data.RunConfig;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.trial.FutexHash;
import dev.flagbench.harness.trial.TrialSpec;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run fully resolved: a {@link Matrix}'s defaults with the command line's overrides applied.
 *
 * @param matrix the matrix's name, or {@code custom} when options changed what it measures
 * @param models the models, in report order
 * @param workloads flags, flags+metadata, peps, echo
 * @param levels download levels C, ascending
 * @param echoLevels echo connection counts, ascending
 * @param fixedItems N for every level, or 0 to use the rule {@code N = clamp(itemsPerC x C, minItems, maxItems)}
 * @param itemsPerC the rule's factor
 * @param minItems the rule's floor
 * @param maxItems the rule's cap
 * @param faults the in-process server's faults (its delay's nominal value is L)
 * @param preset LOCAL, DELAY, ERROR or CUSTOM
 * @param repetitions measured repetitions of each trial
 * @param warmup unmeasured warm-up per trial: jobs of {@link #warmupItems} items until it has passed; echo load
 * @param trialTimeout a trial JVM is killed after this
 * @param requestTimeout per-request timeout of the models' clients
 * @param echoMessageBytes S
 * @param echoDuration the measured phase of an echo trial
 * @param externalServer a running mock server's base URL, or {@code null} for an in-process one
 * @param seed the server's seed
 * @param futexHashSlots every trial JVM resizes its futex hash to this many slots ({@code FutexHash}); 0 keeps the
 *                       kernel's
 * @param steady the steady-state method of download trials, or {@code null} to measure one job of N items right
 *               after the JIT warm-up (the method of runs made before sessions)
 * @param capacity the capacity sweep, or {@code null}; {@code levels}, {@code workloads} and {@code faults} are then
 *                 the throughput sweep
 * @param cold the cold job, measured apart, or {@code null}
 * @param externalRepetitions the repetitions of models that are external programs (the Python models), at most
 *                            {@code repetitions}; 0 for the same
 * @param workloadLevels the throughput sweep's levels of a workload that runs fewer than {@code levels} (each one of
 *                       them), by workload label; empty when every workload runs every level
 * @param throughputSteady the throughput sweep's own steady-state method, or {@code null} for {@code steady}: the
 *                         default matrix gives it a longer warm-up cap and window ({@link #steady(String)})
 */
public record Plan(String matrix, List<ConcurrencyModel> models, List<TrialWorkload> workloads, List<Integer> levels,
                   List<Integer> echoLevels, int fixedItems, int itemsPerC, int minItems, int maxItems,
                   FaultProfile faults, String preset, int repetitions, Duration warmup, Duration trialTimeout,
                   Duration requestTimeout, int echoMessageBytes, Duration echoDuration, URI externalServer, long seed,
                   int futexHashSlots, TrialSpec.Steady steady, Capacity capacity, Cold cold,
                   int externalRepetitions, Map<TrialWorkload, List<Integer>> workloadLevels,
                   TrialSpec.Steady throughputSteady) {

    /**
     * The cold job, measured apart from the sweeps: a fresh trial JVM runs one job of {@code items} items with the
     * model's one-shot download (a new session for one job, no warm-up of any kind), what a user of the {@code flags}
     * command lives through. The baseline does not run it: its one level is C = 1.
     *
     * @param workload the download workload
     * @param level C
     * @param items N
     * @param delay the server's fixed delay L
     */
    public record Cold(TrialWorkload workload, int level, int items, Duration delay) {
        /** Validates. */
        public Cold {
            if (workload == null || workload.isEcho()) {
                throw new IllegalArgumentException("cold.workload must be a download workload, was " + workload);
            }
            Checks.atLeast("cold.level", level, 1);
            Checks.atLeast("cold.items", items, 1);
            Checks.positive("cold.delay", delay);
        }

        /** In words, as run.json records it. */
        public String describe() {
            return String.format(Locale.ROOT, "%,d %s items at C = %,d, L = %d ms: a fresh JVM's one-shot download,"
                    + " no warm-up", items, workload, level, delay.toMillis());
        }

        /** The server's faults: the fixed delay, nothing else. */
        public FaultProfile faults() {
            return FaultProfile.delay(delay);
        }
    }

    /**
     * The steady-state method of a trial of {@code sweep}: the plan's, except that in the capacity sweep a session
     * whose warm-up reached its cap with steady throughput counts as converged though the JIT was not yet quiet (at the
     * high levels a few jobs of one round each reach the cap); {@code null} when the plan has none.
     */
    public TrialSpec.Steady steady(String sweep) {
        if (steady == null) {
            return null;
        }
        return TrialRecord.CAPACITY.equals(sweep) ? steady.sessionIgnoringJit()
                : TrialRecord.THROUGHPUT.equals(sweep) && throughputSteady != null ? throughputSteady : steady;
    }

    /** A builder: every field left unset is null, 0 or an empty list, and the record validates the result. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this plan's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.matrix = matrix;
        b.models = models;
        b.workloads = workloads;
        b.levels = levels;
        b.echoLevels = echoLevels;
        b.fixedItems = fixedItems;
        b.itemsPerC = itemsPerC;
        b.minItems = minItems;
        b.maxItems = maxItems;
        b.faults = faults;
        b.preset = preset;
        b.repetitions = repetitions;
        b.warmup = warmup;
        b.trialTimeout = trialTimeout;
        b.requestTimeout = requestTimeout;
        b.echoMessageBytes = echoMessageBytes;
        b.echoDuration = echoDuration;
        b.externalServer = externalServer;
        b.seed = seed;
        b.futexHashSlots = futexHashSlots;
        b.steady = steady;
        b.capacity = capacity;
        b.cold = cold;
        b.externalRepetitions = externalRepetitions;
        b.workloadLevels = workloadLevels;
        b.throughputSteady = throughputSteady;
        return b;
    }

    /** Builds a plan by name, field by field. */
    public static final class Builder {
        private String matrix;
        private List<ConcurrencyModel> models = List.of();
        private List<TrialWorkload> workloads = List.of();
        private List<Integer> levels = List.of();
        private List<Integer> echoLevels = List.of();
        private int fixedItems;
        private int itemsPerC;
        private int minItems;
        private int maxItems;
        private FaultProfile faults;
        private String preset;
        private int repetitions;
        private Duration warmup;
        private Duration trialTimeout;
        private Duration requestTimeout;
        private int echoMessageBytes;
        private Duration echoDuration;
        private URI externalServer;
        private long seed;
        private int futexHashSlots;
        private TrialSpec.Steady throughputSteady;
        private TrialSpec.Steady steady;
        private Capacity capacity;
        private Cold cold;
        private int externalRepetitions;
        private Map<TrialWorkload, List<Integer>> workloadLevels = Map.of();

        private Builder() {
        }

        /** Sets matrix. */
        public Builder matrix(String value) {
            this.matrix = value;
            return this;
        }

        /** Sets models. */
        public Builder models(List<ConcurrencyModel> value) {
            this.models = value;
            return this;
        }

        /** Sets workloads. */
        public Builder workloads(List<TrialWorkload> value) {
            this.workloads = value;
            return this;
        }

        /** Sets levels. */
        public Builder levels(List<Integer> value) {
            this.levels = value;
            return this;
        }

        /** Sets echoLevels. */
        public Builder echoLevels(List<Integer> value) {
            this.echoLevels = value;
            return this;
        }

        /** Sets fixedItems. */
        public Builder fixedItems(int value) {
            this.fixedItems = value;
            return this;
        }

        /** Sets itemsPerC. */
        public Builder itemsPerC(int value) {
            this.itemsPerC = value;
            return this;
        }

        /** Sets minItems. */
        public Builder minItems(int value) {
            this.minItems = value;
            return this;
        }

        /** Sets maxItems. */
        public Builder maxItems(int value) {
            this.maxItems = value;
            return this;
        }

        /** Sets faults. */
        public Builder faults(FaultProfile value) {
            this.faults = value;
            return this;
        }

        /** Sets preset. */
        public Builder preset(String value) {
            this.preset = value;
            return this;
        }

        /** Sets repetitions. */
        public Builder repetitions(int value) {
            this.repetitions = value;
            return this;
        }

        /** Sets warmup. */
        public Builder warmup(Duration value) {
            this.warmup = value;
            return this;
        }

        /** Sets trialTimeout. */
        public Builder trialTimeout(Duration value) {
            this.trialTimeout = value;
            return this;
        }

        /** Sets requestTimeout. */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        /** Sets echoMessageBytes. */
        public Builder echoMessageBytes(int value) {
            this.echoMessageBytes = value;
            return this;
        }

        /** Sets echoDuration. */
        public Builder echoDuration(Duration value) {
            this.echoDuration = value;
            return this;
        }

        /** Sets externalServer. */
        public Builder externalServer(URI value) {
            this.externalServer = value;
            return this;
        }

        /** Sets seed. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Sets futexHashSlots. */
        public Builder futexHashSlots(int value) {
            this.futexHashSlots = value;
            return this;
        }

        /** Sets steady. */
        public Builder steady(TrialSpec.Steady value) {
            this.steady = value;
            return this;
        }

        /** Sets capacity. */
        public Builder capacity(Capacity value) {
            this.capacity = value;
            return this;
        }

        /** Sets cold. */
        public Builder cold(Cold value) {
            this.cold = value;
            return this;
        }

        /** Sets externalRepetitions. */
        public Builder externalRepetitions(int value) {
            this.externalRepetitions = value;
            return this;
        }

        /** Sets throughputSteady. */
        public Builder throughputSteady(TrialSpec.Steady value) {
            this.throughputSteady = value;
            return this;
        }

        /** Sets workloadLevels. */
        public Builder workloadLevels(Map<TrialWorkload, List<Integer>> value) {
            this.workloadLevels = value;
            return this;
        }

        /** The plan, validated. */
        public Plan build() {
            return new Plan(matrix, models, workloads, levels, echoLevels, fixedItems, itemsPerC, minItems, maxItems,
                    faults, preset, repetitions, warmup, trialTimeout, requestTimeout, echoMessageBytes, echoDuration,
                    externalServer, seed, futexHashSlots, steady, capacity, cold, externalRepetitions, workloadLevels,
                    throughputSteady);
        }
    }

    /** The throughput sweep's levels of workload {@code w}: its own where the plan has them, else {@link #levels}. */
    public List<Integer> levels(TrialWorkload w) {
        return workloadLevels.getOrDefault(w, levels);
    }

    /**
     * This plan on a machine whose mock server serves {@code calibratedPerSecond} requests/s: its capacity sweep's
     * offered rate resolved ({@link Capacity#calibrated}); the same plan without a sweep or with a fixed rate.
     */
    public Plan calibrated(double calibratedPerSecond) {
        return capacity == null ? this : toBuilder().capacity(capacity.calibrated(calibratedPerSecond)).build();
    }

    /** This plan with another cold job (or none). */
    public Plan withCold(Cold c) {
        return toBuilder().cold(c).build();
    }

    /** This plan with external models run {@code n} repetitions (0: as many as the others). */
    public Plan withExternalRepetitions(int n) {
        return toBuilder().externalRepetitions(n).build();
    }

    /**
     * The capacity sweep: C rises while the offered rate C / L stays at {@code offeredRate}, so that efficiency is the
     * model's cost of holding C requests in flight, not the machine's CPU ceiling. The server's delay is uniform on
     * [L / 2, 3 L / 2], so that responses come back as a stream, not in waves of C.
     *
     * @param levels the levels C, ascending
     * @param workloads the download workloads swept
     * @param offeredRate requests per second asked of the model at every level (L = C / rate); with a
     *                    {@code calibratedShare}, the most {@link #rate()} may be
     * @param minDelay the least L, for the low levels
     * @param calibratedShare 0 for a fixed {@code offeredRate}; else the rate is this share of the mock server's
     *                        calibrated capacity on the run's machine, at most {@code offeredRate}: a fixed rate that
     *                        leaves a fast machine's cores to spare asks a machine three times slower for its CPU
     *                        ceiling again, and the sweep would measure the machine, not the cost of holding C in
     *                        flight
     * @param calibratedFrom the calibrated requests/s the share was taken of ({@link #calibrated}), 0 before
     */
    public record Capacity(List<Integer> levels, List<TrialWorkload> workloads, double offeredRate, Duration minDelay,
                           double calibratedShare, double calibratedFrom) {
        /** A fixed offered rate. */
        public Capacity(List<Integer> levels, List<TrialWorkload> workloads, double offeredRate, Duration minDelay) {
            this(levels, workloads, offeredRate, minDelay, 0);
        }

        /** A rate that is {@code calibratedShare} of the calibration once known, at most {@code offeredRate}. */
        public Capacity(List<Integer> levels, List<TrialWorkload> workloads, double offeredRate, Duration minDelay,
                        double calibratedShare) {
            this(levels, workloads, offeredRate, minDelay, calibratedShare, 0);
        }

        /** Validates and copies. */
        public Capacity {
            if (!(calibratedFrom >= 0)) {
                throw new IllegalArgumentException("capacity.calibratedFrom must be >= 0, was " + calibratedFrom);
            }
            if (!(calibratedShare >= 0 && calibratedShare < 1)) {
                throw new IllegalArgumentException("capacity.calibratedShare must be in [0, 1), was " + calibratedShare);
            }
            levels = levels.stream().sorted().distinct().toList();
            workloads = List.copyOf(workloads);
            if (workloads.contains(TrialWorkload.ECHO)) {
                throw new IllegalArgumentException("capacity.workloads must be download workloads, were " + workloads);
            }
            if (!(offeredRate > 0)) {
                throw new IllegalArgumentException("capacity.offeredRate must be > 0, was " + offeredRate);
            }
            Checks.positive("capacity.minDelay", minDelay);
        }

        /**
         * The knee's efficiency bound (the report's knee reads it from here). A model whose median efficiency over a
         * level's repetitions falls below this share of ideal is not run at the sweep's higher levels (they are recorded as skipped with the reason): the knee's bound, so the model is
         * past its knee, and each higher level costs the run a minute or more here for a number that can only be
         * lower (the Python event loops at C = 19,000, after 63 and 86 % at 10,000, took 470 s of a 70-minute run).
         */
        public static final double STOP_BELOW = 0.9;

        /** The level above which the sweep runs one repetition: each of its trials takes about a minute here. */
        public static final int ONCE_ABOVE = 10_000;

        /** The repetitions at level {@code c}: the plan's, or one above {@value #ONCE_ABOVE}. */
        public int repetitions(int c, int planRepetitions) {
            return c > ONCE_ABOVE ? 1 : planRepetitions;
        }

        /**
         * This sweep on a machine whose mock server serves {@code calibratedPerSecond} requests/s ({@link #rate()});
         * a fixed rate, or an unknown calibration (0), keeps this one.
         */
        public Capacity calibrated(double calibratedPerSecond) {
            return calibratedShare == 0 || !(calibratedPerSecond > 0) ? this
                    : new Capacity(levels, workloads, offeredRate, minDelay, calibratedShare, calibratedPerSecond);
        }

        /**
         * The requests/s offered at every level: a fixed rate's {@code offeredRate}; with a {@code calibratedShare},
         * that share of the calibration, rounded down to a multiple of 100 (at least 100) and at most
         * {@code offeredRate}, or {@code offeredRate} until a calibration is known.
         */
        public double rate() {
            if (calibratedShare == 0 || calibratedFrom == 0) {
                return offeredRate;
            }
            return Math.min(offeredRate, Math.max(100, Math.floor(calibratedShare * calibratedFrom / 100) * 100));
        }

        /** How the offered rate was chosen, in words, as run.json records it. */
        public String rateRule() {
            return calibratedShare == 0 ? String.format(Locale.ROOT, "fixed: %,.0f requests/s", offeredRate)
                    : String.format(Locale.ROOT, "%.0f %% of the mock server's calibrated capacity, at most %,.0f"
                    + " requests/s, rounded down to a multiple of 100", 100 * calibratedShare, offeredRate);
        }

        /** L at level {@code c}: C / rate, at least the floor, in whole milliseconds. */
        public Duration delay(int c) {
            long ms = Math.max(minDelay.toMillis(), Math.round(c * 1000.0 / rate()));
            return Duration.ofMillis(ms);
        }

        /** The server's faults at level {@code c}: a uniform delay around L, nothing else. */
        public FaultProfile faults(int c) {
            Duration l = delay(c);
            return FaultProfile.NONE.withDelay(DelaySpec.uniform(l.dividedBy(2), l.plus(l.dividedBy(2))));
        }
    }

    /** Validates and copies. */
    public Plan {
        models = List.copyOf(models);
        workloads = List.copyOf(workloads);
        levels = levels.stream().sorted().distinct().toList();
        echoLevels = echoLevels.stream().sorted().distinct().toList();
        Checks.atLeast("repetitions", repetitions, 1);
        Checks.atLeast("externalRepetitions", externalRepetitions, 0);
        Checks.atLeast("echoMessageBytes", echoMessageBytes, 1);
        Checks.positive("trialTimeout", trialTimeout);
        Checks.positive("requestTimeout", requestTimeout);
        Checks.positive("echoDuration", echoDuration);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("models must not be empty");
        }
        for (int c : levels) {
            Checks.atLeast("levels", c, 1);
        }
        for (int c : echoLevels) {
            Checks.atLeast("echoLevels", c, 1);
        }
        workloadLevels = workloadLevels == null ? Map.of() : Map.copyOf(workloadLevels);
        for (Map.Entry<TrialWorkload, List<Integer>> e : workloadLevels.entrySet()) {
            if (!levels.containsAll(e.getValue())) {
                throw new IllegalArgumentException("workloadLevels." + e.getKey() + " must be some of the levels "
                        + levels + ", was " + e.getValue());
            }
        }
        if (futexHashSlots != 0) {
            FutexHash.check("futexHashSlots", futexHashSlots);
        }
    }

    /** N at level {@code c}. */
    public int items(int c) {
        return fixedItems > 0 ? fixedItems : (int) Math.max(minItems, Math.min((long) itemsPerC * c, maxItems));
    }

    /**
     * The warm-up job's size at level {@code c}: four rounds of its concurrency, min(C, 100), at least 20 items. The
     * job goes to a server without delay and repeats until the warm-up time has passed: JIT, not scale.
     */
    public int warmupItems(int c) {
        return Math.max(20, 4 * Math.min(c, TrialSpec.WARMUP_CONCURRENCY));
    }

    /**
     * A download trial's time limit where the server's nominal delay is {@code l}: the plan's, plus 15 L. A trial at
     * a long L is a handful of rounds of it (the warm-up's jobs of at least one round each, up to 3 L / 2 a round,
     * and a measured job of five or more rounds): at C = 19,000 on a host that calibrates at 16,500 requests/s, L is
     * 10.6 s and such a trial takes about 100 s, most of it waiting for the server. The 15 L are in whole seconds, so
     * that a short L leaves the plan's limit as it is.
     */
    public Duration trialTimeout(Duration l) {
        return trialTimeout.plusSeconds(l.multipliedBy(15).toSeconds());
    }

    /** L, the delay's nominal value. */
    public Duration latency() {
        return faults.delay().nominal();
    }

    /** How N was chosen, in words. */
    public String itemsRule() {
        if (steady != null) {
            return String.format(Locale.ROOT, "N chosen per trial: at least %d x C, and 2 x C more than %s at the"
                    + " warm-up's throughput", steady.minRounds(), Duration.ofMillis(steady.measuredMillis()).toString()
                    .substring(2).toLowerCase(Locale.ROOT));
        }
        return fixedItems > 0 ? String.format(Locale.ROOT, "N = %,d at every level", fixedItems)
                : String.format(Locale.ROOT, "N = %d x C, at least %,d, at most %,d", itemsPerC, minItems, maxItems);
    }

    /** As recorded in run.json. */
    public RunConfig toConfig() {
        return new RunConfig(matrix, models.stream().map(ConcurrencyModel::name).toList(),
                workloads.stream().map(TrialWorkload::label).toList(), levels, echoLevels,
                itemsRule(), latency().toMillis(), repetitions, warmup.toMillis(), trialTimeout.toMillis(),
                echoMessageBytes, echoDuration.toMillis(), 0, futexHashSlots, steady,
                capacity == null ? List.of() : capacity.levels(),
                capacity == null ? List.of() : capacity.workloads().stream().map(TrialWorkload::label).toList(),
                capacity == null ? 0 : capacity.rate(), cold == null ? null : cold.describe(), labels(workloadLevels),
                capacity == null ? null : capacity.rateRule(), steady(TrialRecord.THROUGHPUT));
    }

    private static Map<String, List<Integer>> labels(Map<TrialWorkload, List<Integer>> byWorkload) {
        Map<String, List<Integer>> m = new java.util.TreeMap<>();
        byWorkload.forEach((w, l) -> m.put(w.label(), l));
        return m;
    }
}
