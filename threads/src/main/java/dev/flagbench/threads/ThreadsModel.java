package dev.flagbench.threads;

import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.blocking.BlockingModel;
import dev.flagbench.core.blocking.BlockingRun;
import dev.flagbench.core.blocking.BlockingSteps;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * Python's {@code threading} column of Table 1 in Java, as Fluent Python's flags2_threadpool would read: a platform
 * thread started per item, a {@link Semaphore} that lets at most C of them run, a {@link CountDownLatch} the caller
 * waits on. Every in-flight request holds one OS thread.
 */
public final class ThreadsModel implements BlockingModel {

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public String summary() {
        return "A platform thread per item, at most C at once behind a Semaphore; the caller waits on a CountDownLatch.";
    }

    @Override
    public Traits traits() {
        return new Traits("Thread, Semaphore, CountDownLatch", "multi-thread (one OS thread per in-flight request)");
    }

    /** Starts one thread per item once the semaphore lets it, then waits for every item to count down. */
    @Override
    public DownloadResult downloadMany(DownloadJob job, BlockingSteps.Step step) {
        Semaphore semaphore = new Semaphore(job.maxConcurrency());
        CountDownLatch done = new CountDownLatch(job.items().size());
        List<Thread> workers = new ArrayList<>();
        try (BlockingRun run = new BlockingRun(job)) {
            try {
                for (int i = 0; i < job.items().size(); i++) {
                    semaphore.acquire();
                    int index = i;
                    workers.add(Thread.ofPlatform().name("threads-item-" + i).start(() -> {
                        try {
                            run.run(index, step);
                        } finally {
                            semaphore.release();
                            done.countDown();
                        }
                    }));
                }
                done.await();
                return run.result();
            } catch (InterruptedException e) {
                return run.cancel(() -> workers.forEach(Thread::interrupt));
            }
        }
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        throw new UnsupportedOperationException("echo server: see the echo issue");
    }
}
