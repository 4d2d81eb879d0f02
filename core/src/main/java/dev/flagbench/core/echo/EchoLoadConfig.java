package dev.flagbench.core.echo;

import dev.flagbench.core.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * One run of the {@link EchoLoadGenerator}: where, how many connections, what messages, at what pace.
 *
 * <p>Every field is checked here, before any connection opens; a bad one throws {@link IllegalArgumentException}
 * naming the field and the value.
 *
 * @param host the echo server's address
 * @param port the echo server's port
 * @param connections C, connections opened (all of them before any message is sent)
 * @param messageSize S, bytes per message, 1 byte to 1 MiB
 * @param duration how long messages are started for; echoes still in flight are then awaited
 * @param pacing closed loop, or a fixed rate over all connections (open model)
 * @param timeout longest wait for a connect, and for a message's echo counted from its intended send time; a
 *                connection whose echo times out is closed and its unanswered messages counted
 * @param seed seeds the message contents, which differ per message and per connection
 */
public record EchoLoadConfig(String host, int port, int connections, int messageSize, Duration duration,
                             Pacing pacing, Duration timeout, long seed) {

    /** The largest message: 1 MiB. */
    public static final int MAX_MESSAGE_SIZE = 1 << 20;

    /** Validates every field. */
    public EchoLoadConfig {
        Checks.notBlank("host", host);
        Checks.inRange("port", port, 1, 65535);
        Checks.atLeast("connections", connections, 1);
        Checks.inRange("messageSize", messageSize, 1, MAX_MESSAGE_SIZE);
        Checks.positive("duration", duration);
        Objects.requireNonNull(pacing, "pacing");
        Checks.positive("timeout", timeout);
    }

    /** A closed-loop run with a 10-second timeout and seed 42. */
    public static EchoLoadConfig closedLoop(String host, int port, int connections, int messageSize,
                                            Duration duration) {
        return new EchoLoadConfig(host, port, connections, messageSize, duration, new ClosedLoop(),
                Duration.ofSeconds(10), 42);
    }

    /** A closed-loop run against {@code server}. */
    public static EchoLoadConfig closedLoop(EchoServer server, int connections, int messageSize, Duration duration) {
        return closedLoop(server.address().getHostString(), server.address().getPort(), connections, messageSize,
                duration);
    }

    /** This run at a fixed rate of {@code perSecond} messages per second over all connections. */
    public EchoLoadConfig withRate(double perSecond) {
        return new EchoLoadConfig(host, port, connections, messageSize, duration, new FixedRate(perSecond), timeout,
                seed);
    }

    /** This run with another timeout. */
    public EchoLoadConfig withTimeout(Duration t) {
        return new EchoLoadConfig(host, port, connections, messageSize, duration, pacing, t, seed);
    }

    /** This run with another seed for the message contents. */
    public EchoLoadConfig withSeed(long s) {
        return new EchoLoadConfig(host, port, connections, messageSize, duration, pacing, timeout, s);
    }

    /** One line for logs and reports, e.g. {@code "1000 connections × 64 B, closed loop, 10 s → 127.0.0.1:9000"}. */
    public String describe() {
        return connections + " connections × " + messageSize + " B, " + pacing.describe() + ", "
                + duration.toMillis() / 1000.0 + " s, timeout " + timeout.toMillis() / 1000.0 + " s → " + host + ":"
                + port;
    }

    /** How messages are paced. */
    public sealed interface Pacing permits ClosedLoop, FixedRate {
        /** A few words for {@link #describe()}. */
        String describe();
    }

    /**
     * Each connection sends its next message when the previous echo is back, until the duration is over (and at least
     * one message, however late it starts): latency is service time, and a server that stalls is asked less
     * (coordinated omission), so use {@link FixedRate} for latency.
     */
    public record ClosedLoop() implements Pacing {
        @Override
        public String describe() {
            return "closed loop";
        }
    }

    /**
     * The open model: message {@code j} is due at {@code j / perSecond} seconds after the start, on connection
     * {@code j mod C}, whatever the server does; latency counts from that intended time, so a stall shows as latency,
     * never as fewer samples. {@code round(perSecond × duration)} messages are due in all (at least one).
     *
     * @param perSecond R, messages per second over all connections
     */
    public record FixedRate(double perSecond) implements Pacing {
        /** Requires a finite rate above zero. */
        public FixedRate {
            if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("rate must be > 0 messages/s, was " + perSecond);
            }
        }

        @Override
        public String describe() {
            return "fixed rate " + perSecond + " msg/s";
        }
    }
}
