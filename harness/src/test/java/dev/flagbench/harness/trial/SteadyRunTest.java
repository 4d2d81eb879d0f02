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
 * The warm-up's stopping rules on a session whose every job takes the same time, with a JIT clock the test drives:
 * throughput agrees from the second job on, so what decides is whether the JIT is quiet and what the sweep asks.
 */
class SteadyRunTest {
    private static final int C = 100;
    /** Each item's share of a job's time: 1,000 items/s whatever the job's size. */
    private static final long MILLIS_PER_ITEM = 1;
    private static final IntFunction<DownloadJob> JOBS = n -> new DownloadJob(URI.create("http://127.0.0.1:1/"),
            Workload.FLAGS, DownloadJob.cycle(List.of("br", "cn"), n), C, Duration.ofSeconds(1), null, null, null);

    /**
     * Min warm-up 0, cap 150 ms (at least three jobs run), 5 % JIT share, and a tolerance of 90 %, so that the jobs
     * agree on throughput however busy the machine is (a 100 ms sleep would have to take a second not to).
     */
    private static final TrialSpec.Steady THROUGHPUT = new TrialSpec.Steady(0, 150, 0.9, 100, 3, 0.05);
    private static final TrialSpec.Steady CAPACITY = THROUGHPUT.sessionIgnoringJit();

    /** A session whose jobs take {@link #MILLIS_PER_ITEM} an item; the JIT clock compiles through each one when busy. */
    private static final class FixedSession implements Session {
        final AtomicInteger jobs = new AtomicInteger();
        final AtomicLong compileMillis = new AtomicLong();
        final boolean jitBusy;

        FixedSession(boolean jitBusy) {
            this.jitBusy = jitBusy;
        }

        @Override
        public DownloadResult download(DownloadJob job) throws InterruptedException {
            jobs.incrementAndGet();
            long millis = MILLIS_PER_ITEM * job.items().size();
            Thread.sleep(millis);
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
        SteadyRun run = new SteadyRun(session, JOBS, C, spec, null, new JitClock(session.compileMillis::get));
        run.warmUp();
        return run;
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
}
