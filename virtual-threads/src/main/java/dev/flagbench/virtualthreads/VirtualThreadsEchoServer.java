package dev.flagbench.virtualthreads;

import dev.flagbench.core.echo.BlockingEchoServer;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;
import java.util.concurrent.Executors;

/**
 * Thread-per-connection code, virtual threads underneath: the same blocking copy loop as the threads model, at a
 * cost of a few kilobytes of heap per connection instead of a platform thread's stack.
 */
public final class VirtualThreadsEchoServer {

    private VirtualThreadsEchoServer() {
    }

    /** Starts the server; {@code poolSize} is ignored (one virtual thread per connection). */
    public static EchoServer start(EchoServerConfig config) throws IOException {
        return BlockingEchoServer.start(config, "virtual-threads-echo",
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("virtual-threads-echo-", 0).factory()));
    }
}
