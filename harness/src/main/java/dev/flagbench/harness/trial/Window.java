package dev.flagbench.harness.trial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The measured job's window and its throughput: between the C-th item to finish and the C-th before last, where the
 * model holds C items in flight as a stream, each item counted by the share of its time that lies inside the window.
 *
 * <p>Why shares and not a count: a closed job starts its C items at once, and each finished item starts the next, so
 * its items move in waves of C that keep their shape round after round. A count of the items that finish between two
 * of their own finishes measures the distance between two waves' edges, which a few late items at an edge move: at
 * C = 10,000 and L = 2 s such counts read 93 % and 105 % of the ideal rate in two trials whose servers saw the same
 * steady 10,000 in flight. An item's share of the window (its overlap with the window ÷ its latency) adds up to the
 * same figure as a count over a long stream, but an item that straddles an edge counts by how much of it is inside,
 * so the figure no longer depends on where the waves' edges fall; what a model loses between an item's end and the
 * next one's start, or to a pause that stretches the items in flight, it still loses. (A perfect model simulated
 * over three rounds of the capacity sweep's uniform delay reads about 0.4 % above C / L: the rounds after a common
 * start have not mixed yet.)
 *
 * <p>docs/trial-protocol.md states the same rule for a program in another language (python/trial.py follows it).
 *
 * @param requests the window's items as requests: the sum of their shares × requests per item, rounded
 * @param millis the window's length
 * @param throughput items per second: the sum of the shares ÷ the window's length
 */
record Window(long requests, double millis, double throughput) {
    /** No window: too few items finished. */
    static final Window NONE = new Window(0, 0, 0);

    /**
     * The window of a job's finished items.
     *
     * @param doneNanos each finished item's end, on any one clock (any order)
     * @param latencyNanos the same items' latencies, first request sent to last response read (0: never started)
     * @param c the job's concurrency
     * @param requestsPerItem responses that make one item
     */
    static Window of(long[] doneNanos, long[] latencyNanos, int c, int requestsPerItem) {
        long[] span = span(doneNanos, latencyNanos, c);
        if (span == null) {
            return NONE;
        }
        double items = items(doneNanos, latencyNanos, span[0], span[1]);
        double seconds = (span[1] - span[0]) / 1e9;
        return new Window(Math.round(items * requestsPerItem), (span[1] - span[0]) / 1e6, items / seconds);
    }

    /**
     * The same window cut into {@code parts} equal consecutive parts, and each part's items per second, each item
     * counted by the share of its time inside the part: the window's own steadiness (empty when there is no window).
     */
    static List<Double> parts(long[] doneNanos, long[] latencyNanos, int c, int parts) {
        long[] span = span(doneNanos, latencyNanos, c);
        if (span == null || parts < 1) {
            return List.of();
        }
        List<Double> out = new ArrayList<>(parts);
        double length = (double) (span[1] - span[0]) / parts;
        for (int p = 0; p < parts; p++) {
            long from = span[0] + Math.round(p * length);
            long to = p == parts - 1 ? span[1] : span[0] + Math.round((p + 1) * length);
            out.add(items(doneNanos, latencyNanos, from, to) / ((to - from) / 1e9));
        }
        return out;
    }

    /** The window's [from, to]: the C-th item to finish and the C-th before last, or {@code null} when too few finished. */
    private static long[] span(long[] doneNanos, long[] latencyNanos, int c) {
        if (doneNanos.length != latencyNanos.length) {
            throw new IllegalArgumentException("doneNanos and latencyNanos differ in length: " + doneNanos.length
                    + " and " + latencyNanos.length);
        }
        int n = doneNanos.length;
        int skip = Math.min(c, n / 3);
        if (skip <= 0 || n - 2 * skip <= 0) {
            return null;
        }
        long[] sorted = doneNanos.clone();
        Arrays.sort(sorted);
        long from = sorted[skip - 1];
        long to = sorted[n - skip - 1];
        return to <= from ? null : new long[] {from, to};
    }

    /** The items' shares of [from, to], summed. */
    private static double items(long[] doneNanos, long[] latencyNanos, long from, long to) {
        double items = 0;
        for (int i = 0; i < doneNanos.length; i++) {
            items += share(doneNanos[i] - latencyNanos[i], doneNanos[i], from, to);
        }
        return items;
    }

    /** The share of the item [start, end] that lies in [from, to]; an item without a duration counts when it ends inside. */
    static double share(long start, long end, long from, long to) {
        if (end <= start) {
            return end >= from && end <= to ? 1 : 0;
        }
        long overlap = Math.min(end, to) - Math.max(start, from);
        return overlap <= 0 ? 0 : (double) overlap / (end - start);
    }
}
