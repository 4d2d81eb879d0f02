package dev.flagbench.harness.trial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Session;
import dev.flagbench.core.Workload;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's stopping rules on a session whose every job takes the same time, with a JIT clock and a wall clock
 * the test drives (a job advances the clock by its length; nothing sleeps, so a busy machine changes nothing):
 * throughput agrees from the second job on, so what decides is whether the JIT is quiet and what the sweep asks.
 */
class SteadyRunTest {
    private static final int C = 100;
    /** Each item's share of a job's time: 1,000 items/s whatever the job's size. */
    private static final long MILLIS_PER_ITEM = 1;
    private static final IntFunction<DownloadJob> JOBS = n -> new DownloadJob(URI.create("http://127.0.0.1:1/"),
            Workload.FLAGS, DownloadJob.cycle(List.of("br", "cn"), n), C, Duration.ofSeconds(1), null, null, null);

    /** Min warm-up 0, cap 1 s (at least three jobs run), 5 % JIT share, a tolerance of 90 %. */
    private static final TrialSpec.Steady THROUGHPUT = new TrialSpec.Steady(0, 1_000, 0.9, 100, 3, 0.05);
    private static final TrialSpec.Steady CAPACITY = THROUGHPUT.sessionIgnoringJit();

    /** A session whose jobs take {@link #MILLIS_PER_ITEM} an item; the JIT clock compiles through each one when busy. */
    private static final class FixedSession implements Session {
        final AtomicInteger jobs = new AtomicInteger();
        final List<Integer> sizes = new java.util.ArrayList<>();
        final AtomicLong compileMillis = new AtomicLong();
        final AtomicLong clock = new AtomicLong();
        final boolean jitBusy;
        /** The first job's least length: the one that opens the connections, a round of C. */
        long firstJobMillis;

        FixedSession(boolean jitBusy) {
            this.jitBusy = jitBusy;
        }

        @Override
        public DownloadResult download(DownloadJob job) {
            jobs.incrementAndGet();
            sizes.add(job.items().size());
            long millis = MILLIS_PER_ITEM * job.items().size();
            clock.addAndGet((jobs.get() == 1 ? Math.max(millis, firstJobMillis) : millis) * 1_000_000);
            if (jitBusy) {
                compileMillis.addAndGet(millis); // a compiler thread busy for the whole job
            }
            return null; // the warm-up reads only the job's wall time
        }

        @Override
        public void close() {
        }
    }

    private static SteadyRun warmedUp(FixedSession session, TrialSpec.Steady spec) throws InterruptedException {
        SteadyRun run = new SteadyRun(session, JOBS, C, spec, null, new JitClock(session.compileMillis::get),
                session.clock::get);
        run.warmUp();
        return run;
    }

    @Test
    void aWarmupJobIsHalfASecond_orAQuarterOfAShorterCap() throws Exception {
        FixedSession quick = new FixedSession(true);
        warmedUp(quick, new TrialSpec.Steady(0, 800, 0.9, 100, 3, 0.05));
        assertThat(quick.sizes).as("a round of C, then 0.2 s at 1,000 items/s until the cap")
                .containsExactly(C, 200, 200, 200, 200);
        FixedSession reference = new FixedSession(true);
        warmedUp(reference, new TrialSpec.Steady(0, 6_000, 0.9, 100, 3, 0.05));
        assertThat(reference.sizes.subList(0, 3)).as("a round of C, then 0.5 s").containsExactly(C, 500, 500);
    }

    @Test
    void aQuietJit_convergesOnTheSecondJob_inEitherSweep() throws Exception {
        for (TrialSpec.Steady spec : List.of(THROUGHPUT, CAPACITY)) {
            SteadyRun run = warmedUp(new FixedSession(false), spec);

            assertThat(run.converged()).as("steady throughput and a quiet JIT").isTrue();
            assertThat(run.warmupJobs()).as("the second job agrees with the first").isEqualTo(2);
        }
    }

    @Test
    void aBusyJit_keepsTheWarmUpGoingToItsCap_andTheThroughputSweepCallsItNotConverged() throws Exception {
        FixedSession session = new FixedSession(true);

        SteadyRun run = warmedUp(session, THROUGHPUT);

        assertThat(run.warmupJobs()).as("steady throughput alone does not stop it: it runs to the cap").isGreaterThanOrEqualTo(3);
        assertThat(run.converged()).as("the JIT compiled through every job").isFalse();
    }

    @Test
    void aBusyJit_keepsTheWarmUpGoingToItsCap_andTheCapacitySweepCallsSteadyThroughputConverged() throws Exception {
        FixedSession session = new FixedSession(true);

        SteadyRun run = warmedUp(session, CAPACITY);

        assertThat(run.warmupJobs()).as("it waits for the JIT up to the cap too").isGreaterThanOrEqualTo(3);
        assertThat(run.converged()).as("at the cap, steady throughput is enough in the capacity sweep").isTrue();
    }

    /**
     * A session whose jobs stream their items on the test's clock: one item ends every 2 ms, each 100 x 2 ms long
     * (C = 100 slots), and from {@code slowAfter} items into a job each takes {@code slowBy} times as long.
     */
    private static final class StreamSession implements Session {
        final int slowAfter;
        final int slowBy;
        final AtomicLong clock = new AtomicLong();

        StreamSession(int slowAfter, int slowBy) {
            this.slowAfter = slowAfter;
            this.slowBy = slowBy;
        }

        @Override
        public DownloadResult download(DownloadJob job) {
            int n = job.items().size();
            long itemNanos = 2_000_000L; // C = 100 slots at 200 ms an item: 500 items/s, a round in 200 ms
            List<dev.flagbench.core.ItemOutcome> outcomes = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                clock.addAndGet(itemNanos * (i >= slowAfter ? slowBy : 1));
                dev.flagbench.core.ItemOutcome o = dev.flagbench.core.ItemOutcome
                        .ok(job.items().get(i), 1, 0, "").withLatency(C * itemNanos * (i >= slowAfter ? slowBy : 1));
                outcomes.add(o);
                job.listener().onItem(o);
            }
            return new DownloadResult(job.workload(), outcomes, java.util.Map.of());
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aFirstJobAsLongAsTheCap_endsTheWarmUp_andTheWindowsThirdsJudgeIt() throws Exception {
        FixedSession first = new FixedSession(false);
        first.firstJobMillis = CAPACITY.maxWarmupMillis() + 50;

        SteadyRun run = warmedUp(first, CAPACITY);

        assertThat(run.warmupJobs()).as("one round took the whole cap: no second job").isEqualTo(1);
    }

    @Test
    void judgedInTheWindow_aStreamThatHoldsItsRate_converges_andOneThatSlowsDownDoesNot() throws Exception {
        // A tolerance of 60 %: a stream at one rate reads three equal thirds; one whose items take four times as
        // long from the middle of its window on reads thirds of about 1,000, 300 and 250 items/s and cannot agree.
        TrialSpec.Steady spec = new TrialSpec.Steady(0, 1, 0.6, 100, 5).sessionIgnoringJit();
        for (int slowBy : new int[] {1, 4}) {
            StreamSession session = new StreamSession(250, slowBy);
            SteadyRun run = new SteadyRun(session, JOBS, C, spec, null, new JitClock(() -> 0), session.clock::get);
            run.warmUp(); // its first job, a round of C, alone outlasts the 1 ms cap
            SteadyRun.Measured m = run.measure(JOBS.apply(400), 1);

            assertThat(run.warmupJobs()).as("no second warm-up job").isEqualTo(1);
            assertThat(m.steady().windowThirds()).as("the window's thirds").hasSize(3);
            assertThat(m.steady().converged()).as("slowed by " + slowBy + ": " + m.steady().windowThirds())
                    .isEqualTo(slowBy == 1);
        }
    }
}
