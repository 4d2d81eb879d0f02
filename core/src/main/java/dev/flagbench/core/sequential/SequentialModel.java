package dev.flagbench.core.sequential;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Outcomes;
import dev.flagbench.core.blocking.BlockingSteps;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;
import java.util.List;

/** The reference: one request after another, as Fluent Python's flags.py. C is ignored: it is always 1. */
public final class SequentialModel implements ConcurrencyModel {

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

    @Override
    public DownloadResult downloadFlags(DownloadJob job) throws InterruptedException {
        return oneByOne(job, BlockingSteps::flag);
    }

    @Override
    public DownloadResult downloadFlagsWithMetadata(DownloadJob job) throws InterruptedException {
        return oneByOne(job, BlockingSteps::flagWithMetadata);
    }

    @Override
    public DownloadResult downloadPeps(DownloadJob job) throws InterruptedException {
        return oneByOne(job, BlockingSteps::pep);
    }

    private static DownloadResult oneByOne(DownloadJob job, BlockingSteps.Step step) {
        Outcomes outcomes = Outcomes.of(job);
        List<String> items = job.items();
        try (BlockingSteps steps = new BlockingSteps(job)) {
            for (int i = 0; i < items.size() && !Thread.currentThread().isInterrupted(); i++) {
                outcomes.record(i, step.run(steps, items.get(i)));
            }
            outcomes.cancel();
            return outcomes.result(steps.describe());
        }
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        return SequentialEchoServer.start(config);
    }
}
