package dev.flagbench.core.echo;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What one {@link EchoLoadGenerator} run measured: throughput, latency, connect times and every failure.
 *
 * <p>Accounting: {@code attempted == messages + failures.integrityErrors() + failures.unanswered()} unless the server
 * sent bytes nobody sent (counted as integrity errors too). Histograms hold nanoseconds.
 *
 * @param config the run's configuration
 * @param elapsed from the barrier (every connection open) until the last connection finished
 * @param attempted messages the run meant to echo: sent (closed loop) or due on a connection (fixed rate)
 * @param messages echoes that came back complete and byte-for-byte equal to what was sent
 * @param bytes the bytes of those echoes
 * @param latency percentiles of {@code latencyHistogram}
 * @param latencyHistogram per intact echo, from the message's intended send time to its last byte back (ns)
 * @param connectTime from the first connect attempt until every connection was open or had failed (the barrier)
 * @param connectLatency percentiles of {@code connectHistogram}
 * @param connectHistogram per established connection, connect attempt to connection open (ns)
 * @param connectionsEstablished connections that opened
 * @param connectionsEchoed connections that got at least one intact echo
 * @param failures every failure, counted
 */
public record EchoLoadResult(EchoLoadConfig config, Duration elapsed, long attempted, long messages, long bytes,
                             Percentiles latency, Histogram latencyHistogram, Duration connectTime,
                             Percentiles connectLatency, Histogram connectHistogram, int connectionsEstablished,
                             int connectionsEchoed, Failures failures) {

    /** Requires every part. */
    public EchoLoadResult {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(latencyHistogram, "latencyHistogram");
        Objects.requireNonNull(connectTime, "connectTime");
        Objects.requireNonNull(connectLatency, "connectLatency");
        Objects.requireNonNull(connectHistogram, "connectHistogram");
        Objects.requireNonNull(failures, "failures");
    }

    /** Intact echoes per second of {@link #elapsed()}. */
    public double messagesPerSecond() {
        return perSecond(messages);
    }

    /** Bytes of intact echoes per second of {@link #elapsed()}. */
    public double bytesPerSecond() {
        return perSecond(bytes);
    }

    private double perSecond(long count) {
        long nanos = elapsed.toNanos();
        return nanos == 0 ? 0 : count * 1e9 / nanos;
    }

    /** A few lines for a person: the figures above, latency marked as service time for a closed loop. */
    public String describe() {
        String latencyKind = config.pacing() instanceof EchoLoadConfig.ClosedLoop
                ? "closed loop: service time, coordinated omission applies"
                : "from intended send time";
        return String.format(Locale.ROOT, """
                echo load: %s
                connect:   %d established, %d failed, in %.3f s; per connection %s
                messages:  %d intact of %d attempted in %.3f s: %.0f msg/s, %.2f MiB/s; %d of %d connections echoed
                latency:   %s (%s)
                failures:  integrity %d, resets %d, timeouts %d, unanswered %d, connect %d""",
                config.describe(),
                connectionsEstablished, failures.connectFailures(), connectTime.toNanos() / 1e9, connectLatency,
                messages, attempted, elapsed.toNanos() / 1e9, messagesPerSecond(), bytesPerSecond() / (1 << 20),
                connectionsEchoed, connectionsEstablished,
                latency, latencyKind,
                failures.integrityErrors(), failures.resets(), failures.timeouts(), failures.unanswered(),
                failures.connectFailures());
    }

    /**
     * Latency percentiles of a histogram of nanoseconds.
     *
     * @param count how many values were recorded
     */
    public record Percentiles(long count, Duration p50, Duration p90, Duration p99, Duration p999, Duration max) {

        /** Reads the percentiles of {@code nanos}; all zero when it is empty. */
        public static Percentiles of(Histogram nanos) {
            return new Percentiles(nanos.getTotalCount(), at(nanos, 50), at(nanos, 90), at(nanos, 99),
                    at(nanos, 99.9), Duration.ofNanos(nanos.getTotalCount() == 0 ? 0 : nanos.getMaxValue()));
        }

        private static Duration at(Histogram nanos, double percentile) {
            return Duration.ofNanos(nanos.getTotalCount() == 0 ? 0 : nanos.getValueAtPercentile(percentile));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "p50 %s, p90 %s, p99 %s, p99.9 %s, max %s",
                    millis(p50), millis(p90), millis(p99), millis(p999), millis(max));
        }

        private static String millis(Duration d) {
            return String.format(Locale.ROOT, "%.3f ms", d.toNanos() / 1e6);
        }
    }

    /**
     * Every way a run can fail, counted; none is ever ignored.
     *
     * @param connectFailures connections that did not open (refused, timed out, out of file descriptors)
     * @param integrityErrors echoes that differ from what was sent, plus bytes the server sent that nobody sent
     * @param resets connections the server reset or closed before the run was over
     * @param timeouts connections closed because an echo took longer than the timeout
     * @param unanswered messages attempted that never came back: timed out, lost with a reset, or due on a
     *                   connection that was gone
     */
    public record Failures(long connectFailures, long integrityErrors, long resets, long timeouts, long unanswered) {

        /** The sum of the counts: zero for a clean run. */
        public long total() {
            return connectFailures + integrityErrors + resets + timeouts + unanswered;
        }
    }
}
