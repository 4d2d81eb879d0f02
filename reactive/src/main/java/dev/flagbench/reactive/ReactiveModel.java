package dev.flagbench.reactive;

import dev.flagbench.core.Checks;
import dev.flagbench.core.SessionConfig;
import dev.flagbench.core.Traits;
import dev.flagbench.core.async.AsyncClient;
import dev.flagbench.core.async.AsyncModel;
import dev.flagbench.core.async.AsyncRun;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Project Reactor on reactor-netty's HttpClient: one non-blocking pipeline per job, at most C requests in flight
 * through {@code Flux.flatMap(..., C)}, on an event loop of one thread per core.
 *
 * <p>A session owns one event loop and one connection pool; responses are interpreted by core, so what is left
 * here is the scheduling. File writes, the one blocking step, run on {@link Schedulers#boundedElastic()}, never on
 * the event loop.
 */
public final class ReactiveModel implements AsyncModel {

    /** Blocking work (file writes) goes to Reactor's elastic scheduler, off the event loop. */
    private static final Executor OFF_THE_LOOP = task -> Schedulers.boundedElastic().schedule(task);

    private final int loopThreads;
    private final String loopName;

    /** The model on one event-loop thread per core. */
    public ReactiveModel() {
        this(Runtime.getRuntime().availableProcessors(), "flagbench-loop");
    }

    /** The model on {@code loopThreads} event-loop threads named after {@code loopName}. */
    ReactiveModel(int loopThreads, String loopName) {
        this.loopThreads = Checks.atLeast("loopThreads", loopThreads, 1);
        this.loopName = Checks.notBlank("loopName", loopName);
    }

    @Override
    public String name() {
        return "reactive";
    }

    @Override
    public String summary() {
        return "Reactor Flux.flatMap(..., C) over reactor-netty's non-blocking HttpClient, on an event loop of one thread per core.";
    }

    @Override
    public Traits traits() {
        return Traits.of(Traits.Threads.EVENT_LOOP, Traits.Column.ASYNCIO, "Flux, Mono, flatMap(concurrency), event loop",
                "event loop on " + loopThreads + " threads (one per core)");
    }

    /** The session's event loop and connection pool; a GET is a Mono of the whole response, bridged to a stage. */
    @Override
    public AsyncClient connect(SessionConfig config) {
        ReactorClient client = ReactorClient.open(config.http(), config.maxConcurrency(), loopName, loopThreads);
        Map<String, String> settings = client.describe();
        settings.put("fileWrites", "Schedulers.boundedElastic()");
        return new AsyncClient(uri -> client.get(uri).toFuture(), OFF_THE_LOOP, settings, client::close);
    }

    /** One pipeline: every item's requests as a Mono, at most C subscribed at once by {@code flatMap}. */
    @Override
    public CompletionStage<?> downloadMany(AsyncRun run) {
        return Flux.range(0, run.size())
                .flatMap(i -> Mono.fromCompletionStage(() -> run.item(i)), run.maxConcurrency())
                .then()
                .toFuture();
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        return ReactiveEchoServer.start(config, loopThreads);
    }
}
