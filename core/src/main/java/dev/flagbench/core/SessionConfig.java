package dev.flagbench.core;

import java.util.Objects;

/**
 * What a session is opened for: its concurrency C and the HTTP settings of its client.
 *
 * @param maxConcurrency C, the most requests in flight at once in each of its jobs
 * @param http the client settings every model applies alike; the pool ceiling is at least C
 */
public record SessionConfig(int maxConcurrency, HttpSettings http) {

    /** Validates that the pool can hold C connections. */
    public SessionConfig {
        Checks.atLeast("maxConcurrency", maxConcurrency, 1);
        Objects.requireNonNull(http, "http");
        if (http.maxConnections() < maxConcurrency) {
            throw new IllegalArgumentException("http.maxConnections must be >= maxConcurrency (" + maxConcurrency
                    + "), was " + http.maxConnections());
        }
    }

    /** The session a single job needs: its own concurrency and settings (the cold job). */
    public static SessionConfig of(DownloadJob job) {
        return new SessionConfig(job.maxConcurrency(), job.http());
    }

    /**
     * Checks that {@code job} can run on a session of this config.
     *
     * @throws IllegalArgumentException naming the job's concurrency and the session's
     */
    public DownloadJob admit(DownloadJob job) {
        if (job.maxConcurrency() != maxConcurrency) {
            throw new IllegalArgumentException("job.maxConcurrency must be the session's " + maxConcurrency + ", was "
                    + job.maxConcurrency());
        }
        return job;
    }
}
