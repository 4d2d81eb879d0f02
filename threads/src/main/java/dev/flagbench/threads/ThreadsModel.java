package dev.flagbench.threads;

import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Traits;
import dev.flagbench.core.blocking.BlockingModel;
import dev.flagbench.core.blocking.BlockingRun;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
        return Traits.of(Traits.Threads.PLATFORM_PER_REQUEST, Traits.Column.THREADING,
                "Thread, Semaphore, CountDownLatch", "multi-thread (one OS thread per in-flight request)");
    }

    /** Starts a thread per item once the semaphore lets it, then waits for every item to count down the latch. */
    @Override
    public DownloadResult downloadMany(BlockingRun run) {
        Semaphore semaphore = new Semaphore(run.maxConcurrency());
        CountDownLatch done = new CountDownLatch(run.size());
        Set<Thread> running = ConcurrentHashMap.newKeySet();
        try {
            for (int i = 0; i < run.size(); i++) {
                semaphore.acquire();
                int index = i;
                Thread worker = Thread.ofPlatform().name("threads-item-" + i).unstarted(() -> {
                    try {
                        run.run(index);
                    } finally {
                        running.remove(Thread.currentThread());
                        semaphore.release();
                        done.countDown();
                    }
                });
                running.add(worker);
                worker.start();
            }
            done.await();
            return run.result();
        } catch (InterruptedException e) {
            return run.cancel(() -> running.forEach(Thread::interrupt));
        }
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        return ThreadsEchoServer.start(config);
    }
}
