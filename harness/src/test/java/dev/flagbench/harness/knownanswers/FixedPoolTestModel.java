package dev.flagbench.harness.knownanswers;

import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Traits;
import dev.flagbench.core.blocking.BlockingModel;
import dev.flagbench.core.blocking.BlockingRun;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A known answer for the method: a fixed pool of {@link #POOL} threads whatever C is, so that its capacity knee must
 * come out at C = {@value #POOL} (above it, at most {@value #POOL} requests are in flight). Tests only.
 */
public final class FixedPoolTestModel implements BlockingModel {
    /** The pool's size K. */
    public static final int POOL = 20;

    @Override
    public String name() {
        return "test-fixed-pool";
    }

    @Override
    public String summary() {
        return "Tests only: a fixed pool of " + POOL + " threads, whatever C is.";
    }

    @Override
    public Traits traits() {
        return Traits.of(Traits.Threads.FIXED_POOL, Traits.Column.FUTURES, "ExecutorService", "a fixed pool of " + POOL);
    }

    /** Every item on the pool; the caller waits for all of them. */
    @Override
    public DownloadResult downloadMany(BlockingRun run) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(POOL);
        try {
            for (int i = 0; i < run.size(); i++) {
                int index = i;
                pool.execute(() -> run.run(index));
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
            return run.result();
        } catch (InterruptedException e) {
            return run.cancel(pool::shutdownNow);
        }
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) {
        throw new UnsupportedOperationException("no echo server: a test model of the download method");
    }
}
