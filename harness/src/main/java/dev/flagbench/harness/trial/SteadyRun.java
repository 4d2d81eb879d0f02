package dev.flagbench.harness.trial;

import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.ItemOutcome;
import dev.flagbench.core.ProgressListener;
import dev.flagbench.core.Session;
import dev.flagbench.core.Status;
import dev.flagbench.harness.data.TrialRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The steady-state method on one session ({@link TrialSpec.Steady}): warm up until two consecutive jobs agree on
 * throughput, then measure one long job and read its throughput in the {@link Window} between its C-th item to finish
 * and its C-th before last, where the model holds C items in flight as a continuous stream. Where one round of C is
 * longer than the warm-up's cap, the warm-up is the one job that opens the connections and the window's three thirds
 * must agree instead: the stream is judged steady where it is measured.
 *
 * <p>Steady also means that the JIT has settled: on two cores a C2 compiler thread busy with the model's code takes
 * a core from the model (a profile of the first steady-state reference run found 41 % of a trial JVM's samples in C2
 * at the end of its trial). With {@link TrialSpec.Steady#jitQuietShare()} the warm-up goes on until the last job's
 * compile time ({@link JitClock}) in each of the last two jobs is at most that share of their wall time; the compile time
 * during the measured job is recorded beside it, so that a reader sees what the JIT took from the window.
 */
final class SteadyRun {
    /**
     * A warm-up job's longest target length once the throughput is known: long enough to be many requests, short enough
     * to repeat. Under a cap shorter than four such jobs a job is a quarter of the cap, so that the three jobs a verdict
     * needs fit in it (the quick matrix's 0.8 s cap: jobs of 0.2 s).
     */
    private static final long WARMUP_JOB_NANOS = 500_000_000L;
    /** The measured job's cap in items, so that its outcomes fit in any heap. */
    private static final int MAX_ITEMS = 2_000_000;

    private final Session session;
    private final IntFunction<DownloadJob> jobs;
    private final int c;
    private final TrialSpec.Steady spec;
    private final List<Double> warmupThroughputs = new ArrayList<>();
    private final List<Double> warmupJitShares = new ArrayList<>();
    private final JitClock jit;
    private final LongSupplier clock;
    private final JitWarmup jitWarmup;
    private long warmupNanos;
    private boolean converged;
    /** Whether steadiness is judged inside the measured window: the first warm-up job alone reached the cap. */
    private boolean judgedInWindow;

    /**
     * A run on {@code session} of jobs made by {@code jobs} (a job of n items) at concurrency {@code c}; with a
     * {@code null} spec it only measures the job it is given; {@code jitWarmup} is what the JVM's JIT warm-up
     * before the session took, or {@code null}.
     */
    SteadyRun(Session session, IntFunction<DownloadJob> jobs, int c, TrialSpec.Steady spec, JitWarmup jitWarmup) {
        this(session, jobs, c, spec, jitWarmup, new JitClock());
    }

    /** The same run reading the JIT's compile time from {@code jit} (for tests). */
    SteadyRun(Session session, IntFunction<DownloadJob> jobs, int c, TrialSpec.Steady spec, JitWarmup jitWarmup,
              JitClock jit) {
        this(session, jobs, c, spec, jitWarmup, jit, System::nanoTime);
    }

    /** The same run timing jobs and items on {@code clock}, in nanoseconds (for tests: a clock the session advances). */
    SteadyRun(Session session, IntFunction<DownloadJob> jobs, int c, TrialSpec.Steady spec, JitWarmup jitWarmup,
              JitClock jit, LongSupplier clock) {
        this.clock = clock;
        this.jit = jit;
        this.session = session;
        this.jitWarmup = jitWarmup;
        this.jobs = jobs;
        this.c = c;
        this.spec = spec;
    }

    /** Runs warm-up jobs until steady or capped; the first job is one round of C, which opens the connections. */
    void warmUp() throws InterruptedException {
        long start = clock.getAsLong();
        int n = c;
        while (true) {
            long jit0 = jit.read();
            // The warm-up's jobs carry the measured job's listener, so that the JIT compiles the code the measured
            // job runs: a listener first seen in the measured job made the JIT compile again inside it.
            Stamps stamps = new Stamps(n, clock);
            long t0 = stamps.fromReady.start();
            session.download(jobs.apply(n).withListener(stamps));
            long wall = clock.getAsLong() - t0;
            double throughput = n / (wall / 1e9);
            warmupThroughputs.add(throughput);
            Double jitShare = jit.shareSince(jit0, wall);
            if (jitShare != null) {
                warmupJitShares.add(jitShare);
            }
            long elapsed = clock.getAsLong() - start;
            int k = warmupThroughputs.size();
            boolean steadyThroughput = k >= 2 && agree(warmupThroughputs.get(k - 2), throughput)
                    && elapsed >= spec.minWarmupMillis() * 1_000_000;
            if (steadyThroughput && jitQuiet()) {
                converged = true;
                break;
            }
            if (k == 1 && elapsed >= spec.maxWarmupMillis() * 1_000_000) {
                // One round of C (the job that opened the connections) took the whole cap: C = 10,000 at L = 5 s
                // runs a round in about 8 s, so two more one-round jobs to compare would cost 17 s a trial and tell
                // no more than the measured window itself, a continuous stream of several rounds. Its thirds are
                // compared instead (measure).
                judgedInWindow = true;
                break;
            }
            if (k >= 3 && elapsed >= spec.maxWarmupMillis() * 1_000_000) {
                // The cap, once the first job (which opens the connections) has two to be compared with. Where the
                // session's steadiness does not ask for a quiet JIT, it has been waited for up to here, and steady
                // throughput is enough.
                converged = steadyThroughput && !spec.sessionWaitsForJit();
                break;
            }
            n = (int) Math.min(MAX_ITEMS, Math.max(c, Math.round(throughput * warmupJobNanos(spec) / 1e9)));
        }
        warmupNanos = clock.getAsLong() - start;
    }

    /** A warm-up job's target length under {@code spec}'s cap: {@link #WARMUP_JOB_NANOS}, or a quarter of a short cap. */
    static long warmupJobNanos(TrialSpec.Steady spec) {
        return Math.min(WARMUP_JOB_NANOS, spec.maxWarmupMillis() * 1_000_000 / 4);
    }

    /**
     * Whether the warm-up converged (after {@link #warmUp}; where steadiness is judged inside the measured window,
     * after {@link #measure}).
     */
    boolean converged() {
        return converged;
    }

    /** How many warm-up jobs ran (after {@link #warmUp}). */
    int warmupJobs() {
        return warmupThroughputs.size();
    }

    /**
     * Whether the JIT has been quiet over the last two warm-up jobs: its compilations come in bursts, so one quiet job
     * after a busy one says little about the next.
     */
    private boolean jitQuiet() {
        int n = warmupJitShares.size();
        return spec.jitQuietShare() == 0 || n == 0
                || warmupJitShares.subList(Math.max(0, n - 2), n).stream().allMatch(x -> JitClock.quiet(x, spec.jitQuietShare()));
    }

    private boolean agree(double a, double b) {
        return Math.abs(a - b) <= spec.tolerance() * Math.max(a, b);
    }

    /**
     * The measured job: at least minRounds x C items, and a window (the job less its first and last C items)
     * about measuredMillis long. A window of a fixed time holds many rounds where L is short and several where it is
     * long, so that a collection or a compilation inside it weighs little (a 600 ms window at C = 1,000 lost 15 points
     * to one 76 ms pause). Its rate is guessed from the warm-up's last job, whose ramp and tail make it low when the
     * job is a round or two: so, given the ideal rate C / L, twice the warm-up's rate, but never more than the ideal.
     *
     * @param idealPerSecond C / (requests per item x L), or 0 when L is unknown
     */
    DownloadJob measuredJob(double idealPerSecond) {
        double last = warmupThroughputs.isEmpty() ? 0 : warmupThroughputs.getLast();
        double rate = idealPerSecond > 0 ? Math.min(idealPerSecond, 2 * last) : last;
        long byTime = Math.round(rate * spec.measuredMillis() / 1000.0);
        long n = Math.max((long) spec.minRounds() * c, 2L * c + byTime);
        return jobs.apply((int) Math.min(MAX_ITEMS, n));
    }

    /**
     * Runs {@code job} on the session, stamping each item as it finishes, and returns its result with the
     * {@link Window}'s figures, in items per second ({@code requestsPerItem} responses make an item).
     */
    Measured measure(DownloadJob job, int requestsPerItem) throws InterruptedException {
        Stamps stamps = new Stamps(job.items().size(), clock);
        long jit0 = jit.read();
        long t0 = stamps.fromReady.start();
        DownloadResult result = session.download(job.withListener(stamps));
        long wall = clock.getAsLong() - t0;
        Double measuredJitShare = jit.shareSince(jit0, wall);
        long[] done = stamps.fromReady.nanos();
        long[] latencies = stamps.fromReady.latencies();
        Window window = Window.of(done, latencies, c, requestsPerItem);
        List<Double> thirds = judgedInWindow ? Window.parts(done, latencies, c, 3) : List.of();
        if (judgedInWindow) {
            converged = thirds.size() == 3 && agree(thirds.get(0), thirds.get(1)) && agree(thirds.get(1), thirds.get(2))
                    && (!spec.sessionWaitsForJit() || JitClock.quiet(measuredJitShare, spec.jitQuietShare()));
        }
        TrialRecord.Steady steady = new TrialRecord.Steady(warmupNanos / 1_000_000, warmupThroughputs.size(), converged,
                spec == null ? 0 : spec.tolerance(), warmupThroughputs, window.requests(), window.millis(),
                window.throughput(), null, warmupJitShares, measuredJitShare, jitWarmup == null ? null : jitWarmup.millis(),
                jitWarmup == null ? null : jitWarmup.quiet(), thirds);
        return new Measured(result, t0, wall, steady, stamps.fromReady.nanos());
    }

    /**
     * The measured job's result.
     *
     * @param result every item's outcome
     * @param startNanos the job's start, {@link System#nanoTime()}
     * @param wallNanos the whole job's wall time
     * @param steady the warm-up and the window
     * @param fromReadyNanos each finished item's time from the job's start to its last response
     */
    record Measured(DownloadResult result, long startNanos, long wallNanos, TrialRecord.Steady steady, long[] fromReadyNanos) {
    }

    /**
     * A listener like the measured job's, for a job of {@code items} (the JIT warm-up's cold jobs carry one too, so
     * that the JIT sees the measured job's code from the start).
     */
    static ProgressListener stamps(int items) {
        return new Stamps(items, System::nanoTime);
    }

    /** Stamps each finished item of a job as the model reports it: the window's clock and the second latency clock. */
    private static final class Stamps implements ProgressListener {
        private final FromReady fromReady;

        Stamps(int items, LongSupplier clock) {
            fromReady = new FromReady(items, clock);
        }

        @Override
        public void onItem(ItemOutcome outcome) {
            fromReady.onItem(outcome);
        }
    }

    /**
     * The second latency clock of a closed job: every item is ready to run when the job starts, so each item's time
     * from ready is its completion time less the job's start, queueing in the model included.
     */
    static final class FromReady {
        private final long[] nanos;
        private final long[] latencies;
        private final AtomicInteger next = new AtomicInteger();
        private final LongSupplier clock;
        private volatile long start;

        FromReady(int items) {
            this(items, System::nanoTime);
        }

        /** The same on {@code clock}, in nanoseconds. */
        FromReady(int items, LongSupplier clock) {
            this.clock = clock;
            nanos = new long[items];
            latencies = new long[items];
        }

        /** Marks the job's start (call just before running it) and returns it. */
        long start() {
            start = clock.getAsLong();
            return start;
        }

        /** Records a finished item (cancelled ones never ran to the end and are left out). */
        void onItem(ItemOutcome outcome) {
            if (outcome.status() == Status.CANCELLED) {
                return;
            }
            int i = next.getAndIncrement();
            if (i < nanos.length) {
                nanos[i] = clock.getAsLong() - start;
                latencies[i] = outcome.latencyNanos();
            }
        }

        /** The recorded times from the job's start, in completion order. */
        long[] nanos() {
            return Arrays.copyOf(nanos, recorded());
        }

        /** The same items' latencies (first request sent to last response read), in the same order. */
        long[] latencies() {
            return Arrays.copyOf(latencies, recorded());
        }

        private int recorded() {
            return Math.min(next.get(), nanos.length);
        }
    }

    /**
     * The JVM's JIT warm-up before the session: cold jobs against the delay-free server.
     *
     * @param millis how long it ran
     * @param quiet whether it ended with the JIT quiet (its last job within the quiet share), not at its cap
     */
    record JitWarmup(long millis, boolean quiet) {
    }
}
