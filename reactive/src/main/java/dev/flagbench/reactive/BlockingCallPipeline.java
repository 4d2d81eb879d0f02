package dev.flagbench.reactive;

import dev.flagbench.core.Response;
import dev.flagbench.core.SessionConfig;
import dev.flagbench.core.Traits;
import dev.flagbench.core.async.AsyncClient;
import dev.flagbench.core.async.AsyncModel;
import dev.flagbench.core.async.AsyncRun;
import dev.flagbench.core.blocking.BlockingClient;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

/**
 * The reactive pipeline of {@link ReactiveModel} ({@code Flux.flatMap(..., C)}) run on one event-loop thread, but with
 * each GET made by the blocking classic client the thread-based models use, the tutorial's "requests inside asyncio":
 * either on the loop itself (the mistake) or offloaded with {@code subscribeOn(Schedulers.boundedElastic())} (the fix).
 *
 * <p>One instance serves one session: {@link #connect} opens its loop and client, {@link #downloadMany} schedules on
 * them. It is no registered model; {@link BlockingCallOnLoop} and {@link BlockingCallOffloaded} are its two variants.
 */
final class BlockingCallPipeline implements AsyncModel {
    /** The loop thread's name prefix, which a BlockHound report shows. */
    static final String LOOP_NAME = "flagbench-blocked-loop";
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final boolean offloaded;
    private Scheduler loop;

    /** A pipeline whose blocking calls run on the loop, or on boundedElastic when {@code offloaded}. */
    BlockingCallPipeline(boolean offloaded) {
        this.offloaded = offloaded;
    }

    @Override
    public String name() {
        return offloaded ? BlockingCallOffloaded.NAME : BlockingCallOnLoop.NAME;
    }

    @Override
    public String summary() {
        return "Reactor flatMap(..., C) on one event-loop thread, each GET a blocking call "
                + (offloaded ? "offloaded with subscribeOn(Schedulers.boundedElastic())" : "made on the loop itself");
    }

    @Override
    public Traits traits() {
        return Traits.of(Traits.Threads.EVENT_LOOP, Traits.Column.ASYNCIO, "Flux, Mono, flatMap(concurrency), event loop",
                "single-thread event loop");
    }

    /** One event-loop thread, the blocking client, and their settings. */
    @Override
    public AsyncClient connect(SessionConfig config) {
        BlockingClient blocking = new BlockingClient(config.http());
        LoopResources resources = LoopResources.create(LOOP_NAME, 1, true);
        EventLoop thread = resources.onClient(false).next();
        loop = Schedulers.fromExecutorService(thread, LOOP_NAME); // disposed with the loop: its dispose would stop it
        Map<String, String> settings = new LinkedHashMap<>(blocking.describe());
        settings.put("loopThreads", "1");
        settings.put("blockingCalls", offloaded ? "subscribeOn(Schedulers.boundedElastic()), at most "
                + Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE + " threads" : "on the event loop");
        return new AsyncClient(uri -> get(blocking, uri), task -> Schedulers.boundedElastic().schedule(task), settings,
                () -> {
                    blocking.close();
                    resources.disposeLater(Duration.ZERO, SHUTDOWN_TIMEOUT).block(SHUTDOWN_TIMEOUT);
                });
    }

    /** The blocking GET, on whichever thread subscribes: the loop's for the mistake, boundedElastic's for the fix. */
    private static CompletionStage<Response> get(BlockingClient client, URI uri) {
        try {
            return CompletableFuture.completedFuture(client.get(uri));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The pipeline of {@link ReactiveModel}, started on the loop; only where each item's GET runs differs. */
    @Override
    public CompletionStage<?> downloadMany(AsyncRun run) {
        return Flux.range(0, run.size())
                .subscribeOn(loop)
                .flatMap(i -> {
                    Mono<?> item = Mono.fromCompletionStage(() -> run.item(i));
                    return offloaded ? item.subscribeOn(Schedulers.boundedElastic()) : item;
                }, run.maxConcurrency())
                .then()
                .toFuture();
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) {
        throw new UnsupportedOperationException("a scenario variant has no echo server");
    }
}
