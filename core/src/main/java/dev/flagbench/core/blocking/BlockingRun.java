package dev.flagbench.core.blocking;

import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.ItemOutcome;
import dev.flagbench.core.Outcomes;
import dev.flagbench.core.Status;
import java.util.List;

/**
 * One job as a blocking model runs it: the job's shared {@link BlockingSteps}, its {@link Outcomes}, and the two
 * ways it ends, {@link #result()} or {@link #cancel(Runnable)}.
 *
 * <p>A model keeps only its scheduling: which thread runs {@link #run(int, BlockingSteps.Step)} for which item,
 * and how it waits for them. Each item's outcome comes from its own step alone, so no error can leak from one
 * item into another.
 */
public final class BlockingRun implements AutoCloseable {
    private final DownloadJob job;
    private final Outcomes outcomes;
    private final BlockingSteps steps;

    /** A run of {@code job}, with one client for all its items. */
    public BlockingRun(DownloadJob job) {
        this.job = job;
        this.outcomes = Outcomes.of(job);
        this.steps = new BlockingSteps(job);
    }

    /** The job's items, in order; item {@code i} is recorded in slot {@code i}. */
    public List<String> items() {
        return job.items();
    }

    /** The steps every item of this run shares. */
    public BlockingSteps steps() {
        return steps;
    }

    /**
     * Runs {@code step} for item {@code index} on the calling thread and records its outcome. A failure of a worker
     * that was interrupted is the cancellation's, not the item's: it is dropped, and the item ends CANCELLED.
     */
    public void run(int index, BlockingSteps.Step step) {
        ItemOutcome outcome = step.run(steps, job.items().get(index));
        if (outcome.status() == Status.OK || !Thread.currentThread().isInterrupted()) {
            outcomes.record(index, outcome);
        }
    }

    /** Records the outcome of item {@code index}, for models that compose the steps themselves. */
    public void record(int index, ItemOutcome outcome) {
        outcomes.record(index, outcome);
    }

    /** Every item's outcome, once all have finished, with the client settings as applied. */
    public DownloadResult result() {
        return outcomes.result(steps.describe());
    }

    /**
     * Ends the run early because the waiting thread was interrupted: stops accepting outcomes, aborts the requests
     * in flight, runs {@code stopWorkers} (interrupt threads, shut a pool down), restores the caller's interrupt
     * flag, and returns the result with every unfinished item CANCELLED.
     */
    public DownloadResult cancel(Runnable stopWorkers) {
        outcomes.cancel();
        steps.close();
        stopWorkers.run();
        Thread.currentThread().interrupt();
        return result();
    }

    /** Closes the client. */
    @Override
    public void close() {
        steps.close();
    }
}
