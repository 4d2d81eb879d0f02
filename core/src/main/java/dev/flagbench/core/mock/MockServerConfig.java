package dev.flagbench.core.mock;

import dev.flagbench.core.Checks;
import java.util.Objects;

/**
 * How to start a {@link MockServer}.
 *
 * @param host the address to bind, 127.0.0.1 by default
 * @param port the port, 0 for any free one
 * @param faults the faults to inject
 * @param tls whether to serve HTTPS with a self-signed certificate generated at start
 * @param seed the seed of the content and of every fault decision
 * @param ioThreads event-loop threads serving connections; 0 = Netty's default (twice the cores)
 * @param resetToken the value {@code POST /__stats/reset} must carry in its {@value #RESET_TOKEN_HEADER} header, or
 *                   {@code null}: the header must be there, with any value (a request a web page cannot send
 *                   without the server's consent), which is enough on a loopback address only
 */
public record MockServerConfig(String host, int port, FaultProfile faults, boolean tls, long seed, int ioThreads,
                               String resetToken) {

    /** The header a stats reset carries: a browser sends no custom header cross-origin without a CORS preflight. */
    public static final String RESET_TOKEN_HEADER = "X-Flagbench-Token";

    /** The seed {@link #loopback} uses. */
    public static final long DEFAULT_SEED = 42;

    /** Validates every field. */
    public MockServerConfig {
        Checks.notBlank("host", host);
        Checks.inRange("port", port, 0, 65535);
        Objects.requireNonNull(faults, "faults");
        Checks.atLeast("ioThreads", ioThreads, 0);
        if (resetToken != null) {
            Checks.notBlank("resetToken", resetToken);
        }
    }

    /** A config without a reset token. */
    public MockServerConfig(String host, int port, FaultProfile faults, boolean tls, long seed, int ioThreads) {
        this(host, port, faults, tls, seed, ioThreads, null);
    }

    /** This config with a reset token ({@code null}: none). */
    public MockServerConfig withResetToken(String token) {
        return new MockServerConfig(host, port, faults, tls, seed, ioThreads, token);
    }

    /** 127.0.0.1, any free port, plain HTTP, seed 42, Netty's default thread count. */
    public static MockServerConfig loopback(FaultProfile faults) {
        return new MockServerConfig("127.0.0.1", 0, faults, false, DEFAULT_SEED, 0);
    }

    /** This config on another address. */
    public MockServerConfig withHost(String h) {
        return new MockServerConfig(h, port, faults, tls, seed, ioThreads, resetToken);
    }

    /** This config on another port. */
    public MockServerConfig withPort(int p) {
        return new MockServerConfig(host, p, faults, tls, seed, ioThreads, resetToken);
    }

    /** This config with TLS on or off. */
    public MockServerConfig withTls(boolean on) {
        return new MockServerConfig(host, port, faults, on, seed, ioThreads, resetToken);
    }

    /** This config with another seed. */
    public MockServerConfig withSeed(long s) {
        return new MockServerConfig(host, port, faults, tls, s, ioThreads, resetToken);
    }

    /** This config with other faults. */
    public MockServerConfig withFaults(FaultProfile f) {
        return new MockServerConfig(host, port, f, tls, seed, ioThreads, resetToken);
    }

    /** This config with another number of event-loop threads (0 = Netty's default). */
    public MockServerConfig withIoThreads(int n) {
        return new MockServerConfig(host, port, faults, tls, seed, n, resetToken);
    }
}
