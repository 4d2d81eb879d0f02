package dev.flagbench.harness.knownanswers;

import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Traits;
import dev.flagbench.core.blocking.BlockingModel;
import dev.flagbench.core.blocking.BlockingRun;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * A known answer for the method: platform threads (whose CPU time the JVM can read) that each spin {@value #BURN_MICROS} µs of their own CPU time before
 * their request, so that the throughput sweep's CPU per request must be at least that. Tests only.
 */
public final class CpuCostTestModel implements BlockingModel {
    /** A JVM option the model's traits declare, which every trial JVM of the model must get. */
    public static final String DECLARED_OPTION = "-Dflagbench.knownanswer=declared";
    /** The CPU each item burns, in microseconds of the thread's CPU time. */
    public static final long BURN_MICROS = 2_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Override
    public String name() {
        return "test-cpu-cost";
    }

    @Override
    public String summary() {
        return "Tests only: a platform thread per item that burns " + BURN_MICROS + " µs of CPU before its request.";
    }

    @Override
    public Traits traits() {
        return Traits.of(Traits.Threads.PLATFORM_PER_REQUEST, Traits.Column.THREADING, "Thread, Semaphore",
                "platform threads that burn CPU").withJvmOptions(DECLARED_OPTION);
    }

    /** A platform thread per item behind a semaphore; each spins, then runs its item. */
    @Override
    public DownloadResult downloadMany(BlockingRun run) {
        Semaphore permits = new Semaphore(run.maxConcurrency());
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory())) {
            List<Callable<Void>> items = new ArrayList<>();
            for (int i = 0; i < run.size(); i++) {
                int index = i;
                items.add(() -> {
                    permits.acquire();
                    try {
                        burn();
                        run.run(index);
                    } finally {
                        permits.release();
                    }
                    return null;
                });
            }
            try {
                executor.invokeAll(items);
                return run.result();
            } catch (InterruptedException e) {
                return run.cancel(() -> { });
            }
        }
    }

    /** Spins until this thread has used {@link #BURN_MICROS} more CPU time. */
    private static void burn() {
        long until = THREADS.getCurrentThreadCpuTime() + BURN_MICROS * 1_000;
        while (THREADS.getCurrentThreadCpuTime() < until) {
            Thread.onSpinWait();
        }
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) {
        throw new UnsupportedOperationException("no echo server: a test model of the download method");
    }
}
