package dev.flagbench.template;

import dev.flagbench.core.echo.BlockingEchoServer;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;
import java.util.concurrent.Executors;

/**
 * The template's echo server: core's blocking copy loop, one virtual thread per connection. The executor handed to
 * {@link BlockingEchoServer} is the whole difference between models; a model whose style is not blocking sockets
 * writes its own server instead (as reactive does).
 *
 * <p>When copying: rename the class ({@code MymodelEchoServer}) and the thread names ({@code "mymodel-echo"}).
 */
public final class TemplateEchoServer {

    private TemplateEchoServer() {
    }

    /** Starts the server on {@code config}'s address; {@code poolSize} is ignored (a virtual thread per connection). */
    public static EchoServer start(EchoServerConfig config) throws IOException {
        return BlockingEchoServer.start(config, "template-vt-pool-echo",
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("template-vt-pool-echo-", 0).factory()));
    }
}
