package dev.flagbench.core.mock;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The server's counters, updated from every event-loop thread without locks; exact once the server is quiet. */
final class Counters {
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final Map<Kind, ConcurrentHashMap<Integer, LongAdder>> answered = new EnumMap<>(Kind.class);
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder resets = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final LongAdder connections = new LongAdder();
    private final LongAdder slowChunks = new LongAdder();

    Counters() {
        for (Kind k : Kind.values()) {
            answered.put(k, new ConcurrentHashMap<>());
        }
    }

    /** The gate every handler of the server holds its answers at while it is armed. */
    final Gate gate = new Gate(() -> inFlight.get());

    /** A request has been read: returns its sequence number, and it is in flight from now on. */
    long received() {
        long seq = sequence.getAndIncrement();
        int now = inFlight.incrementAndGet();
        int peak = peakInFlight.get();
        while (now > peak && !peakInFlight.compareAndSet(peak, now)) {
            peak = peakInFlight.get();
        }
        return seq;
    }

    /** A request is no longer in flight: answered in full, reset or abandoned. */
    void finished() {
        inFlight.decrementAndGet();
    }

    /** A request's answer starts, with {@code status}. */
    void answered(Kind kind, int status) {
        LongAdder a = answered.get(kind).get(status);
        if (a == null) {
            a = answered.get(kind).computeIfAbsent(status, s -> new LongAdder());
        }
        a.increment();
    }

    void bodyBytes(long n) {
        bytesSent.add(n);
    }

    void slowChunk(int n) {
        slowChunks.increment();
        bytesSent.add(n);
    }

    void reset() {
        resets.increment();
    }

    void abandoned() {
        abandoned.increment();
    }

    void connectionAccepted() {
        connections.increment();
    }

    /** Paced body chunks written since the last reset; for tests. */
    long slowChunks() {
        return slowChunks.sum();
    }

    MockStats snapshot() {
        Map<String, Map<Integer, Long>> requests = new HashMap<>();
        answered.forEach((kind, byStatus) -> byStatus.forEach((status, n) -> {
            long v = n.sum();
            if (v > 0) {
                requests.computeIfAbsent(kind.label(), k -> new HashMap<>()).put(status, v);
            }
        }));
        return new MockStats(sequence.get(), requests, bytesSent.sum(), inFlight.get(), peakInFlight.get(),
                resets.sum(), abandoned.sum(), connections.sum());
    }

    /** Zeroes every counter and restarts the sequence; the peak restarts from what is in flight now. */
    void zero() {
        sequence.set(0);
        answered.values().forEach(m -> m.values().forEach(LongAdder::reset));
        bytesSent.reset();
        resets.reset();
        abandoned.reset();
        connections.reset();
        slowChunks.reset();
        peakInFlight.set(inFlight.get());
    }
}
