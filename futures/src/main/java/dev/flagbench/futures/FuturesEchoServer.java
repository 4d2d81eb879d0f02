package dev.flagbench.futures;

import dev.flagbench.core.echo.BlockingEchoServer;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;
import java.util.concurrent.Executors;

/**
 * A fixed pool serves connections: a connection holds a worker until EOF, so connections beyond the pool size
 * connect (the kernel accepts them) but get no echo until a worker frees up. That stall is the lesson of a bounded
 * pool, as Python's {@code ThreadPoolExecutor(max_workers)} teaches it.
 */
public final class FuturesEchoServer {

    private FuturesEchoServer() {
    }

    /** Starts the server with {@code config.poolSize()} workers. */
    public static EchoServer start(EchoServerConfig config) throws IOException {
        return BlockingEchoServer.start(config, "futures-echo",
                Executors.newFixedThreadPool(config.poolSize(), Thread.ofPlatform().name("futures-echo-", 0).factory()));
    }
}
