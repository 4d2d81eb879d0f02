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
 * @param items the measured items (downloads), or with {@code steady} the pool the trial cycles through for jobs of
 *              the sizes it chooses; empty for echo
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
 * @param steady how the trial's session reaches steady state and how long its measured phase lasts; {@code null}
 *               measures one job of {@code items} on the session, without a steady warm-up (echo, tests)
 * @param delayMillis the measured server's nominal delay L, or 0 when unknown: with it the trial sizes its measured
 *                    job from the ideal throughput C / L as well as from the warm-up's
 * @param cold the cold job: no JIT warm-up and no session opened before GO; the measured job is the model's one-shot
 *             download of {@code items} (a new session for one job, what a user of the {@code flags} command lives
 *             through); {@code steady} and {@code warmupItems} are then ignored
 */
public record TrialSpec(String id, String model, TrialWorkload workload, int level, String baseUrl, List<String> items,
                        String warmupUrl, List<String> warmupItems, long warmupMillis, long requestTimeoutMillis, int echoPoolSize, String hgrmFile,
                        String jfrFile, int futexHashSlots, String debug, Steady steady, double delayMillis,
                        boolean cold) {

    /**
     * The steady-state method of a download trial (DESIGN.md): on the trial's session, at its level and against the
     * measured server, warm-up jobs run until two in a row agree on throughput within {@code tolerance} (and at least
     * {@code minWarmupMillis} has passed), or until {@code maxWarmupMillis}; then one measured job of at least
     * {@code minRounds} x C items, sized from the warm-up's throughput to last about {@code measuredMillis}, whose
     * window excludes its first and last C items to finish ({@link Window}).
     *
     * @param minWarmupMillis the least warm-up on the session
     * @param maxWarmupMillis the warm-up's cap (at least three jobs run whatever it is)
     * @param tolerance the throughput agreement that counts as steady, as a fraction (0.05 = 5 %)
     * @param measuredMillis the measured job's target length
     * @param minRounds the measured job's least length in items, as multiples of C (at least 3)
     * @param jitQuietShare steady also asks that the JIT compiled for at most this share of the last warm-up job's
     *                      wall time (compiler threads take the cores the model runs on); 0 does not ask it
     * @param sessionWaitsForJit whether the session's steadiness asks it too. Either way the session's warm-up waits
     *                           for a quiet JIT up to its cap; without it (the capacity sweep) a warm-up that reaches
     *                           the cap with steady throughput counts as converged, since at C = 10,000 a few jobs of
     *                           a round each reach the cap, each with a tenth of a core compiling, while at
     *                           C = 1,000 a warm-up that stopped at steady throughput left the JIT half a core to a
     *                           core in the window (93 to 96 % of ideal against 99 % at 10,000, 2026-12-03)
     */
    public record Steady(long minWarmupMillis, long maxWarmupMillis, double tolerance, long measuredMillis,
                         int minRounds, double jitQuietShare, boolean sessionWaitsForJit) {
        /** Validates the fields. */
        public Steady {
            if (minWarmupMillis < 0 || maxWarmupMillis < minWarmupMillis) {
                throw new IllegalArgumentException("steady: need 0 <= minWarmupMillis <= maxWarmupMillis, were "
                        + minWarmupMillis + ", " + maxWarmupMillis);
            }
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new IllegalArgumentException("steady.tolerance must be in (0, 1), was " + tolerance);
            }
            Checks.atLeast("steady.minRounds", minRounds, 3);
            if (measuredMillis < 1) {
                throw new IllegalArgumentException("steady.measuredMillis must be >= 1, was " + measuredMillis);
            }
            if (!(jitQuietShare >= 0 && jitQuietShare < 1)) {
                throw new IllegalArgumentException("steady.jitQuietShare must be in [0, 1), was " + jitQuietShare);
            }
        }

        /** Asking the JIT to be quiet ({@code jitQuietShare} > 0) in the session's warm-up too. */
        public Steady(long minWarmupMillis, long maxWarmupMillis, double tolerance, long measuredMillis, int minRounds,
                      double jitQuietShare) {
            this(minWarmupMillis, maxWarmupMillis, tolerance, measuredMillis, minRounds, jitQuietShare, true);
        }

        /** Without the JIT-quiet condition. */
        public Steady(long minWarmupMillis, long maxWarmupMillis, double tolerance, long measuredMillis, int minRounds) {
            this(minWarmupMillis, maxWarmupMillis, tolerance, measuredMillis, minRounds, 0);
        }

        /** This with another measured length. */
        public Steady withMeasuredMillis(long millis) {
            return new Steady(minWarmupMillis, maxWarmupMillis, tolerance, millis, minRounds, jitQuietShare,
                    sessionWaitsForJit);
        }

        /** This with another cap on the session's warm-up. */
        public Steady withMaxWarmupMillis(long millis) {
            return new Steady(minWarmupMillis, millis, tolerance, measuredMillis, minRounds, jitQuietShare,
                    sessionWaitsForJit);
        }

        /** This with the session's steadiness asking throughput only, once its warm-up has waited for the JIT up to the cap. */
        public Steady sessionIgnoringJit() {
            return new Steady(minWarmupMillis, maxWarmupMillis, tolerance, measuredMillis, minRounds, jitQuietShare, false);
        }
    }

    /** A builder of the spec of trial {@code id}: its model, workload and level C. */
    public static Builder builder(String id, String model, TrialWorkload workload, int level) {
        return new Builder(id, model, workload, level);
    }

    /** Builds a spec by name, field by field: each one left unset is null, 0 or false. */
    public static final class Builder {
        private final String id;
        private final String model;
        private final TrialWorkload workload;
        private final int level;
        private String baseUrl;
        private List<String> items;
        private String warmupUrl;
        private List<String> warmupItems;
        private long warmupMillis;
        private long requestTimeoutMillis;
        private int echoPoolSize;
        private String hgrmFile;
        private String jfrFile;
        private int futexHashSlots;
        private String debug;
        private Steady steady;
        private double delayMillis;
        private boolean cold;

        private Builder(String id, String model, TrialWorkload workload, int level) {
            this.id = id;
            this.model = model;
            this.workload = workload;
            this.level = level;
        }

        /** Sets baseUrl. */
        public Builder baseUrl(String value) {
            this.baseUrl = value;
            return this;
        }

        /** Sets items. */
        public Builder items(List<String> value) {
            this.items = value;
            return this;
        }

        /** Sets warmupUrl. */
        public Builder warmupUrl(String value) {
            this.warmupUrl = value;
            return this;
        }

        /** Sets warmupItems. */
        public Builder warmupItems(List<String> value) {
            this.warmupItems = value;
            return this;
        }

        /** Sets warmupMillis. */
        public Builder warmupMillis(long value) {
            this.warmupMillis = value;
            return this;
        }

        /** Sets requestTimeoutMillis. */
        public Builder requestTimeoutMillis(long value) {
            this.requestTimeoutMillis = value;
            return this;
        }

        /** Sets echoPoolSize. */
        public Builder echoPoolSize(int value) {
            this.echoPoolSize = value;
            return this;
        }

        /** Sets hgrmFile. */
        public Builder hgrmFile(String value) {
            this.hgrmFile = value;
            return this;
        }

        /** Sets jfrFile. */
        public Builder jfrFile(String value) {
            this.jfrFile = value;
            return this;
        }

        /** Sets futexHashSlots. */
        public Builder futexHashSlots(int value) {
            this.futexHashSlots = value;
            return this;
        }

        /** Sets debug. */
        public Builder debug(String value) {
            this.debug = value;
            return this;
        }

        /** Sets steady. */
        public Builder steady(Steady value) {
            this.steady = value;
            return this;
        }

        /** Sets delayMillis. */
        public Builder delayMillis(double value) {
            this.delayMillis = value;
            return this;
        }

        /** Sets cold. */
        public Builder cold(boolean value) {
            this.cold = value;
            return this;
        }

        /** The spec, validated. */
        public TrialSpec build() {
            return new TrialSpec(id, model, workload, level, baseUrl, items, warmupUrl, warmupItems, warmupMillis,
                    requestTimeoutMillis, echoPoolSize, hgrmFile, jfrFile, futexHashSlots, debug, steady, delayMillis,
                    cold);
        }
    }

    /** The warm-up jobs' concurrency cap: enough to exercise the model's concurrent paths, not its scale. */
    public static final int WARMUP_CONCURRENCY = 100;

    /** Validates the fields and copies the lists. */
    public TrialSpec {
        Checks.notBlank("id", id);
        Checks.notBlank("model", model);
        Objects.requireNonNull(workload, "workload");
        Checks.atLeast("level", level, 1);
        items = List.copyOf(Objects.requireNonNullElse(items, List.of()));
        warmupItems = List.copyOf(Objects.requireNonNullElse(warmupItems, List.of()));
        if (!workload.isEcho() && items.isEmpty()) {
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
                requestTimeoutMillis, echoPoolSize, hgrmFile, file, futexHashSlots, debug, steady, delayMillis, cold);
    }

    /** Whether this is an echo trial. */
    public boolean isEcho() {
        return workload.isEcho();
    }
}
