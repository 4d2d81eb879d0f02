package dev.flagbench.core;

/**
 * A model's long-lived resources (its client and connection pool, its thread pool or event loop), opened once and
 * used for many jobs: what a steady-state trial measures. Closing it releases them all.
 *
 * <p>A job run on a session must have the session's concurrency; the session's HTTP settings apply to it. A download
 * never throws for a failed item: it records the failure as that item's outcome. When the calling thread is
 * interrupted, it returns early with the unfinished items {@link Status#CANCELLED}; the session is then closed.
 */
public interface Session extends AutoCloseable {

    /** Runs {@code job} on this session's resources and returns every item's outcome. */
    DownloadResult download(DownloadJob job) throws InterruptedException;

    /** Releases the session's clients, pools and threads; requests still in flight are aborted. */
    @Override
    void close();
}
