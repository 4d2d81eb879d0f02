package dev.flagbench.reactive;

import java.io.IOException;
import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.Session;
import dev.flagbench.core.SessionConfig;
import dev.flagbench.core.Traits;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;

/**
 * The reactive model pinned to ONE event-loop thread: the JVM analog of asyncio's single-thread processing.
 *
 * <p>It is {@link ReactiveModel}'s pipeline, unchanged, on a loop of one thread; only the name and the traits differ.
 */
public final class ReactiveOneLoopModel implements ConcurrencyModel {

    private final ReactiveModel oneLoop = new ReactiveModel(1, "flagbench-1loop");

    @Override
    public String name() {
        return "reactive-1loop";
    }

    @Override
    public String summary() {
        return "Reactor Flux.flatMap(..., C) over reactor-netty's non-blocking HttpClient, on ONE event-loop thread (asyncio's model).";
    }

    @Override
    public Traits traits() {
        return Traits.of(Traits.Threads.EVENT_LOOP, Traits.Column.ASYNCIO, "Flux, Mono, flatMap(concurrency), event loop",
                "single-thread event loop");
    }

    @Override
    public Session open(SessionConfig config) {
        return oneLoop.open(config);
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        return oneLoop.startEchoServer(config);
    }
}
