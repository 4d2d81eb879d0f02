package dev.flagbench.core.blocking;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;

/**
 * A model written with blocking calls, whose whole style is how it schedules one {@link BlockingSteps.Step} per
 * item: Fluent Python's {@code download_many}. The three workloads map onto the steps here, once.
 */
public interface BlockingModel extends ConcurrencyModel {

    /** Runs {@code step} for every item of {@code job}, at most {@code job.maxConcurrency()} at once. */
    DownloadResult downloadMany(DownloadJob job, BlockingSteps.Step step) throws InterruptedException;

    @Override
    default DownloadResult downloadFlags(DownloadJob job) throws InterruptedException {
        return downloadMany(job, BlockingSteps::flag);
    }

    @Override
    default DownloadResult downloadFlagsWithMetadata(DownloadJob job) throws InterruptedException {
        return downloadMany(job, BlockingSteps::flagWithMetadata);
    }

    @Override
    default DownloadResult downloadPeps(DownloadJob job) throws InterruptedException {
        return downloadMany(job, BlockingSteps::pep);
    }
}
