package dev.flagbench.core.async;

import dev.flagbench.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * An asynchronous model's resources for one session: how it sends a GET, where blocking work (file writes) goes,
 * the settings it applied, and how it releases everything.
 *
 * @param get sends a GET and completes, later and on the client's own thread, with the whole response; a failure
 *            completes it exceptionally with an exception {@link dev.flagbench.core.Downloads#failure} can classify
 * @param blocking where the one blocking step, a file write, runs (never an event loop)
 * @param settings the client settings as applied, for the report's fairness table
 * @param release closes the client and stops its threads, aborting requests in flight
 */
public record AsyncClient(Get get, Executor blocking, Map<String, String> settings, Runnable release) {

    /** A non-blocking GET. */
    @FunctionalInterface
    public interface Get {
        /** Sends a GET of {@code uri}; the stage completes with the response, read whole. */
        CompletionStage<Response> get(URI uri);
    }

    /** Validates and copies. */
    public AsyncClient {
        Objects.requireNonNull(get, "get");
        Objects.requireNonNull(blocking, "blocking");
        settings = Map.copyOf(settings);
        Objects.requireNonNull(release, "release");
    }
}
