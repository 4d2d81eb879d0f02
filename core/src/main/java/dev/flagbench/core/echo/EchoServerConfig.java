package dev.flagbench.core.echo;

import dev.flagbench.core.Checks;

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
}
