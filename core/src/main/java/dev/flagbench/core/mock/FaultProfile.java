package dev.flagbench.core.mock;

import dev.flagbench.core.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The faults the mock server injects, decided per request from the seed and the request's sequence number.
 *
 * <p>Requests are numbered from 0 in the order they are read, from start or from the last stats reset, so the
 * same request sequence meets the same faults. Each request draws one number u in [0, 1): {@code u < resetRate}
 * resets the connection, {@code u < resetRate + errorRate} answers {@code errorStatus}, anything else is served
 * normally; so {@code errorRate} and {@code resetRate} are exact probabilities and their sum is at most 1.
 * Every answer, reset or error included, comes after the request's delay.
 *
 * @param delay how long to wait before answering
 * @param errorRate the fraction of requests answered with {@code errorStatus}, 0 to 1
 * @param errorStatus 500, 503 or 418 (Fluent Python's slow_server.py answers 418 I'm a Teapot)
 * @param resetRate the fraction of requests whose connection is reset (TCP RST, SO_LINGER 0) instead of answered
 * @param slowBodyBytesPerSecond if above 0, every body is written in paced chunks at about this rate; 0 = off
 */
public record FaultProfile(DelaySpec delay, double errorRate, int errorStatus, double resetRate,
                           long slowBodyBytesPerSecond) {

    /** The error statuses the server can inject. */
    public static final Set<Integer> ERROR_STATUSES = Set.of(500, 503, 418);

    /** No faults at all. */
    public static final FaultProfile NONE = new FaultProfile(DelaySpec.none(), 0, 500, 0, 0);

    /** Validates every field. */
    public FaultProfile {
        Objects.requireNonNull(delay, "delay");
        Checks.inRange("errorRate", errorRate, 0.0, 1.0);
        if (!ERROR_STATUSES.contains(errorStatus)) {
            throw new IllegalArgumentException("errorStatus must be one of 500, 503, 418, was " + errorStatus);
        }
        Checks.inRange("resetRate", resetRate, 0.0, 1.0);
        if (errorRate + resetRate > 1.0) {
            throw new IllegalArgumentException("errorRate + resetRate must be <= 1, was " + errorRate + " + " + resetRate);
        }
        if (slowBodyBytesPerSecond < 0) {
            throw new IllegalArgumentException("slowBodyBytesPerSecond must be >= 0, was " + slowBodyBytesPerSecond);
        }
    }

    /** A fixed delay of {@code d} and no other fault. */
    public static FaultProfile delay(Duration d) {
        return NONE.withDelay(DelaySpec.fixed(d));
    }

    /** This profile with another delay. */
    public FaultProfile withDelay(DelaySpec d) {
        return new FaultProfile(d, errorRate, errorStatus, resetRate, slowBodyBytesPerSecond);
    }

    /** This profile answering {@code rate} of the requests with {@code status}. */
    public FaultProfile withErrors(double rate, int status) {
        return new FaultProfile(delay, rate, status, resetRate, slowBodyBytesPerSecond);
    }

    /** This profile resetting the connection of {@code rate} of the requests. */
    public FaultProfile withResetRate(double rate) {
        return new FaultProfile(delay, errorRate, errorStatus, rate, slowBodyBytesPerSecond);
    }

    /** This profile writing bodies at about {@code bytesPerSecond} (0 = at full speed). */
    public FaultProfile withSlowBody(long bytesPerSecond) {
        return new FaultProfile(delay, errorRate, errorStatus, resetRate, bytesPerSecond);
    }

    /** A one-line description for reports: {@code delay fixed:500ms, errors 25% 418}. */
    public String describe() {
        StringBuilder sb = new StringBuilder("delay ").append(delay.describe());
        if (errorRate > 0) {
            sb.append(", errors ").append(percent(errorRate)).append(' ').append(errorStatus);
        }
        if (resetRate > 0) {
            sb.append(", resets ").append(percent(resetRate));
        }
        if (slowBodyBytesPerSecond > 0) {
            sb.append(", slow body ").append(slowBodyBytesPerSecond).append(" B/s");
        }
        return sb.toString();
    }

    private static String percent(double rate) {
        double p = rate * 100;
        return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "%";
    }
}
