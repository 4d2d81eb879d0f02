package dev.flagbench.virtualthreads;

import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Traits;
import dev.flagbench.core.blocking.BlockingModel;
import dev.flagbench.core.blocking.BlockingRun;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The column Table 1 could not have: a virtual thread per item, all started at once, plain blocking code in each,
 * a {@link Semaphore} for the limit. A blocked virtual thread gives its carrier back, so a few OS threads carry
 * every request.
 */
public final class VirtualThreadsModel implements BlockingModel {

    @Override
    public String name() {
        return "virtual-threads";
    }

    @Override
    public String summary() {
        return "A virtual thread per item running plain blocking code, at most C past a Semaphore.";
    }

    @Override
    public Traits traits() {
        return Traits.of(Traits.Threads.VIRTUAL, Traits.Column.VIRTUAL_THREADS,
                "virtual Thread (thread-per-task ExecutorService), Semaphore",
                "multi-thread on a few carriers (one virtual thread per item, ~one OS thread per core)");
    }

    /** One virtual thread per item; each waits for a permit, then blocks on its requests as if it were alone. */
    @Override
    public DownloadResult downloadMany(BlockingRun run) {
        Semaphore permits = new Semaphore(run.maxConcurrency());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Callable<Void>> items = new ArrayList<>();
            for (int i = 0; i < run.size(); i++) {
                int index = i;
                items.add(() -> {
                    permits.acquire();
                    try {
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
                return run.cancel(() -> { }); // invokeAll has already interrupted every virtual thread
            }
        }
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        return VirtualThreadsEchoServer.start(config);
    }
}
