package dev.flagbench.core.blocking;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Session;
import dev.flagbench.core.SessionConfig;

/**
 * A model written with blocking calls, whose whole style is how it schedules the items of a {@link BlockingRun}:
 * Fluent Python's {@code download_many}. Its sessions share one pooled blocking client; the workloads' steps are
 * core's.
 */
public interface BlockingModel extends ConcurrencyModel {

    /**
     * Runs {@link BlockingRun#run(int)} for every item, at most {@link BlockingRun#maxConcurrency()} at once, and
     * returns {@link BlockingRun#result()}; when the calling thread is interrupted, returns
     * {@link BlockingRun#cancel(Runnable)} instead.
     */
    DownloadResult downloadMany(BlockingRun run) throws InterruptedException;

    @Override
    default Session open(SessionConfig config) {
        return new BlockingSession(config, this);
    }
}
