package dev.flagbench.core.blocking;

import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.ItemOutcome;
import dev.flagbench.core.Outcomes;
import dev.flagbench.core.Status;

/**
 * One job as a blocking model runs it: the workload's step for each item through the session's client, the job's
 * {@link Outcomes}, and the two ways it ends, {@link #result()} or {@link #cancel(Runnable)}.
 *
 * <p>A model keeps only its scheduling: which thread runs {@link #run(int)} for which item, and how it waits for
 * them. Each item's outcome comes from its own step alone, so no error can leak from one item into another.
 */
public final class BlockingRun {
    private final DownloadJob job;
    private final BlockingSession session;
    private final Outcomes outcomes;
    private final BlockingSteps steps;
    private final BlockingSteps.Step step;

    BlockingRun(DownloadJob job, BlockingSession session) {
        this.job = job;
        this.session = session;
        this.outcomes = Outcomes.of(job);
        this.steps = new BlockingSteps(job, session.client());
        this.step = BlockingSteps.forWorkload(job);
    }

    /** The number of items; item {@code i} is recorded in slot {@code i}. */
    public int size() {
        return job.items().size();
    }

    /** C, the most items in flight at once. */
    public int maxConcurrency() {
        return job.maxConcurrency();
    }

    /**
     * Runs item {@code index} on the calling thread and records its outcome. A failure of a worker that was
     * interrupted is the cancellation's, not the item's: it is dropped, and the item ends CANCELLED.
     */
    public void run(int index) {
        ItemOutcome outcome = step.run(steps, job.items().get(index));
        if (outcome.status() == Status.OK || !Thread.currentThread().isInterrupted()) {
            outcomes.record(index, outcome);
        }
    }

    /** Every item's outcome, once all have finished, with the client settings as applied. */
    public DownloadResult result() {
        return outcomes.result(session.client().describe());
    }

    /**
     * Ends the run early because the waiting thread was interrupted: stops accepting outcomes, closes the session
     * (which aborts the requests in flight), runs {@code stopWorkers} (interrupt threads), restores the caller's
     * interrupt flag, and returns the result with every unfinished item CANCELLED.
     */
    public DownloadResult cancel(Runnable stopWorkers) {
        outcomes.cancel();
        session.close();
        stopWorkers.run();
        Thread.currentThread().interrupt();
        return result();
    }
}
