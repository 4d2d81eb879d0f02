package dev.flagbench.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP client settings every model must apply alike (DESIGN.md, fairness rules).
 *
 * @param maxConnections connection-pool ceiling to the one host; at least the job's concurrency
 * @param maxPending requests allowed to wait for a pooled connection (reactor-netty's pending-acquire queue)
 * @param connectTimeout TCP connect timeout
 * @param responseTimeout per-request timeout: no response data within it gives {@link Status#TIMEOUT}
 * @param keepAlive how long an idle pooled connection is kept
 */
public record HttpSettings(int maxConnections, int maxPending, Duration connectTimeout, Duration responseTimeout,
                           Duration keepAlive) {

    /** The protocol every model speaks. */
    public static final String PROTOCOL = "HTTP/1.1";

    /** Validates every field. */
    public HttpSettings {
        Checks.atLeast("maxConnections", maxConnections, 1);
        Checks.atLeast("maxPending", maxPending, 0);
        Checks.positive("connectTimeout", connectTimeout);
        Checks.positive("responseTimeout", responseTimeout);
        Checks.positive("keepAlive", keepAlive);
    }

    /**
     * The settings for jobs of concurrency {@code c} and per-request timeout {@code timeout}: a pool of C connections,
     * C requests allowed to wait for one (a job never has more than C requests at once), a 60 s keep-alive.
     */
    public static HttpSettings forJob(int c, Duration timeout) {
        Duration connect = timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
        return new HttpSettings(c, c, connect, timeout, Duration.ofSeconds(60));
    }

    /** The settings as the report prints them. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("protocol", PROTOCOL);
        m.put("maxConnections", Integer.toString(maxConnections));
        m.put("maxPending", Integer.toString(maxPending));
        m.put("connectTimeout", connectTimeout.toString());
        m.put("responseTimeout", responseTimeout.toString());
        m.put("keepAlive", keepAlive.toString());
        return m;
    }
}
