package dev.flagbench.core.echo;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the connections of one {@link EchoLoadGenerator} run share: the message contents and the counters, all safe to
 * use from any event loop without blocking.
 *
 * <p>Message contents: one seeded random pattern of {@code S + 64 KiB} bytes; message {@code m} of connection {@code c}
 * is the {@code S} bytes at an offset hashed from (seed, c, m). Messages thus differ per message and connection, and a
 * shifted, lost or corrupted byte differs from the expected one with probability 255/256 per byte.
 */
final class LoadRun {

    /** Latencies above an hour are recorded as an hour. */
    private static final long HIGHEST_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final int SPREAD = 1 << 16;

    /**
     * The measured phase, fixed at the barrier.
     *
     * @param startNanos when the barrier was passed
     * @param endNanos when no more messages are started
     * @param connections connections established, the C of the schedule
     * @param due fixed rate: messages due in all; closed loop: 0
     * @param periodNanos fixed rate: nanoseconds between due times; closed loop: 0
     * @param done counted down once per connection when it has ended
     */
    record Phase(long startNanos, long endNanos, int connections, long due, double periodNanos, CountDownLatch done) {
    }

    private final EchoLoadConfig config;
    private final byte[] patternBytes;
    private final ByteBuf pattern;
    private final int offsets;
    private final Recorder latency = new Recorder(1, HIGHEST_NANOS, 3);
    private final Recorder connect = new Recorder(1, HIGHEST_NANOS, 3);
    private final LongAdder attempted = new LongAdder();
    private final LongAdder intact = new LongAdder();
    private final LongAdder integrityErrors = new LongAdder();
    private final LongAdder unanswered = new LongAdder();
    private final LongAdder resets = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();
    private final AtomicInteger established = new AtomicInteger();
    private final AtomicInteger echoedConnections = new AtomicInteger();

    LoadRun(EchoLoadConfig config) {
        this.config = config;
        this.patternBytes = new byte[config.messageSize() + SPREAD];
        new SplittableRandom(config.seed()).nextBytes(patternBytes);
        this.pattern = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(patternBytes)).asReadOnly();
        this.offsets = SPREAD + 1;
    }

    EchoLoadConfig config() {
        return config;
    }

    long timeoutNanos() {
        return config.timeout().toNanos();
    }

    /** The whole pattern, for comparing echoes (read-only, shared). */
    ByteBuf pattern() {
        return pattern;
    }

    /** Where message {@code seq} of connection {@code id} starts in the pattern. */
    int offset(int id, long seq) {
        long h = mix(config.seed() ^ mix(id * 0x9E3779B97F4A7C15L + seq));
        return (int) Long.remainderUnsigned(h, offsets);
    }

    /** The bytes of a message, ready to write. */
    ByteBuf bytesOf(int offset) {
        return Unpooled.wrappedBuffer(patternBytes, offset, config.messageSize());
    }

    private static long mix(long z) { // SplittableRandom's mix64
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    void recordLatency(long nanos) {
        latency.recordValue(Math.clamp(nanos, 1, HIGHEST_NANOS));
    }

    void connected(long nanos) {
        established.incrementAndGet();
        connect.recordValue(Math.clamp(nanos, 1, HIGHEST_NANOS));
    }

    void connectFailed() {
        connectFailures.increment();
    }

    void unexpectedBytes() {
        integrityErrors.increment();
    }

    /** A connection's final counts; {@code attempted - intact - corrupted} of its messages went unanswered. */
    void connectionEnded(long sent, long ok, long corrupted, boolean reset, boolean timedOut) {
        attempted.add(sent);
        intact.add(ok);
        integrityErrors.add(corrupted);
        unanswered.add(sent - ok - corrupted);
        if (ok > 0) {
            echoedConnections.incrementAndGet();
        }
        if (reset) {
            resets.increment();
        }
        if (timedOut) {
            timeouts.increment();
        }
    }

    int established() {
        return established.get();
    }

    /** Everything counted, once every connection has ended. */
    EchoLoadResult result(Duration elapsed, Duration connectTime) {
        Histogram latencies = latency.getIntervalHistogram();
        Histogram connects = connect.getIntervalHistogram();
        long messages = intact.sum();
        return new EchoLoadResult(config, elapsed, attempted.sum(), messages, messages * config.messageSize(),
                EchoLoadResult.Percentiles.of(latencies), latencies, connectTime,
                EchoLoadResult.Percentiles.of(connects), connects, established.get(), echoedConnections.get(),
                new EchoLoadResult.Failures(connectFailures.sum(), integrityErrors.sum(), resets.sum(),
                        timeouts.sum(), unanswered.sum()));
    }
}
