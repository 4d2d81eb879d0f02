package dev.flagbench.core;

import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;

/**
 * A way of doing I/O concurrently, plugged in through {@link java.util.ServiceLoader}.
 *
 * <p>A model is stateless and thread-safe: its resources live in the {@link Session}s it opens. A trial opens one
 * session, warms it up and measures jobs on it (steady state); {@link #download} is the cold job, a fresh session
 * for one job, what a user of the {@code flags} command lives through.
 */
public interface ConcurrencyModel {

    /** The model's name on the command line and in reports, e.g. {@code "virtual-threads"}. */
    String name();

    /** One line saying how the model does I/O concurrently. */
    String summary();

    /** What the model is, as data the harness reads: thread kind, Table 1 column, JVM options, Table 1's rows. */
    Traits traits();

    /** Opens a session of concurrency {@code config.maxConcurrency()}; the caller closes it. */
    Session open(SessionConfig config);

    /** Starts this model's echo server; the caller closes it. */
    EchoServer startEchoServer(EchoServerConfig config) throws IOException;

    /** The cold job: opens a session for {@code job} alone, runs it, and closes the session. */
    default DownloadResult download(DownloadJob job) throws InterruptedException {
        try (Session session = open(SessionConfig.of(job))) {
            return session.download(job);
        }
    }
}
