package dev.flagbench.threads;

import dev.flagbench.core.echo.BlockingEchoServer;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;
import java.util.concurrent.Executors;

/** The classic thread-per-connection server: each accepted connection gets a new platform thread of its own. */
public final class ThreadsEchoServer {

    private ThreadsEchoServer() {
    }

    /** Starts the server; {@code poolSize} is ignored (threads are unbounded: one per connection). */
    public static EchoServer start(EchoServerConfig config) throws IOException {
        return BlockingEchoServer.start(config, "threads-echo",
                Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("threads-echo-", 0).factory()));
    }
}
