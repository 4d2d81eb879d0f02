package dev.flagbench.core.sequential;

import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.blocking.BlockingModel;
import dev.flagbench.core.blocking.BlockingRun;
import dev.flagbench.core.blocking.BlockingSteps;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;

/** The reference: one request after another, as Fluent Python's flags.py. C is ignored: it is always 1. */
public final class SequentialModel implements BlockingModel {

    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public String summary() {
        return "One request after another on the calling thread (Fluent Python's flags.py baseline).";
    }

    @Override
    public Traits traits() {
        return new Traits("a for loop", "single thread, one request at a time");
    }

    /** A for loop on the calling thread, which checks for an interrupt between items. */
    @Override
    public DownloadResult downloadMany(DownloadJob job, BlockingSteps.Step step) {
        try (BlockingRun run = new BlockingRun(job)) {
            for (int i = 0; i < job.items().size(); i++) {
                if (Thread.currentThread().isInterrupted()) {
                    return run.cancel(() -> { });
                }
                run.run(i, step);
            }
            return run.result();
        }
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        return SequentialEchoServer.start(config);
    }
}
