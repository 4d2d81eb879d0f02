package dev.flagbench.template;

import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Traits;
import dev.flagbench.core.blocking.BlockingModel;
import dev.flagbench.core.blocking.BlockingRun;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The model a new one is copied from: a fixed pool of C virtual threads takes the items from its queue, each
 * running plain blocking code; the pool's size is the limit, so no Semaphore is needed.
 *
 * <p>When copying: rename the class ({@code MymodelModel}), {@link #name()} ({@code "mymodel"}), the summary, the
 * traits and the thread names, and keep only the scheduling: core's {@link BlockingRun} does the requests, the
 * outcomes and the cancellation.
 */
public final class TemplateModel implements BlockingModel {

    @Override
    public String name() {
        return "template-vt-pool";
    }

    @Override
    public String summary() {
        return "A fixed pool of C virtual threads running plain blocking code; the caller awaits the pool's termination.";
    }

    @Override
    public Traits traits() {
        return Traits.of(Traits.Threads.VIRTUAL, Traits.Column.VIRTUAL_THREADS,
                "fixed ExecutorService of virtual threads, awaitTermination",
                "multi-thread on a few carriers (C pooled virtual threads, ~one OS thread per core)");
    }

    /**
     * Queues every item on a pool of C virtual threads and waits until the pool has run them all; an interrupt
     * cancels the run and {@code shutdownNow} drops the queued items and interrupts the running ones.
     */
    @Override
    public DownloadResult downloadMany(BlockingRun run) {
        try (ExecutorService pool = Executors.newFixedThreadPool(run.maxConcurrency(),
                Thread.ofVirtual().name("template-vt-pool-", 0).factory())) {
            for (int i = 0; i < run.size(); i++) {
                int index = i;
                pool.execute(() -> run.run(index));
            }
            pool.shutdown(); // no more items: the queued ones still run
            try {
                pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS); // each item ends by its job's timeout
                return run.result();
            } catch (InterruptedException e) {
                return run.cancel(pool::shutdownNow);
            }
        }
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        return TemplateEchoServer.start(config);
    }
}
