package dev.flagbench.core.echo;

import dev.flagbench.core.Checks;
import java.net.BindException;

/**
 * How to start an echo server.
 *
 * @param host the address to bind, 127.0.0.1 by default
 * @param port the port, 0 for any free one
 * @param poolSize worker threads for models with a bounded pool (futures); others ignore it
 */
public record EchoServerConfig(String host, int port, int poolSize) {

    /** The futures model's default pool size. */
    public static final int DEFAULT_POOL_SIZE = 200;

    /** Validates the fields. */
    public EchoServerConfig {
        Checks.notBlank("host", host);
        Checks.inRange("port", port, 0, 65535);
        Checks.atLeast("poolSize", poolSize, 1);
    }

    /** 127.0.0.1, any free port, the default pool size. */
    public static EchoServerConfig loopback() {
        return new EchoServerConfig("127.0.0.1", 0, DEFAULT_POOL_SIZE);
    }

    /** This config with another port. */
    public EchoServerConfig withPort(int p) {
        return new EchoServerConfig(host, p, poolSize);
    }

    /** This config with another pool size. */
    public EchoServerConfig withPoolSize(int size) {
        return new EchoServerConfig(host, port, size);
    }

    /** What a server throws when it cannot bind: names the host and port (a port in use says which one). */
    public BindException bindFailure(Throwable cause) {
        BindException failure = new BindException("cannot bind the echo server to " + host + ":" + port + ": "
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        failure.initCause(cause);
        return failure;
    }
}
