package dev.flagbench.core.sequential;

import dev.flagbench.core.echo.BlockingEchoServer;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;

/**
 * The baseline of the baseline: one thread accepts a connection, echoes it until EOF, then accepts the next; the
 * others wait in the kernel's accept queue (their connect succeeds, their echoes wait).
 */
public final class SequentialEchoServer {

    private SequentialEchoServer() {
    }

    /** Starts the server; {@code poolSize} is ignored (there is one thread). */
    public static EchoServer start(EchoServerConfig config) throws IOException {
        return BlockingEchoServer.start(config, "sequential-echo", Runnable::run);
    }
}
