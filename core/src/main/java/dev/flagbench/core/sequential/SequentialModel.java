package dev.flagbench.core.sequential;

import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Traits;
import dev.flagbench.core.blocking.BlockingModel;
import dev.flagbench.core.blocking.BlockingRun;
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
        return Traits.of(Traits.Threads.CALLER, Traits.Column.BASELINE, "a for loop", "single thread, one request at a time");
    }

    /** A for loop on the calling thread, which checks for an interrupt between items. */
    @Override
    public DownloadResult downloadMany(BlockingRun run) {
        for (int i = 0; i < run.size(); i++) {
            if (Thread.currentThread().isInterrupted()) {
                return run.cancel(() -> { });
            }
            run.run(i);
        }
        return run.result();
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        return SequentialEchoServer.start(config);
    }
}
