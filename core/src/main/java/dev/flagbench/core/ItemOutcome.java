package dev.flagbench.core;

import java.util.Objects;

/**
 * What became of one item.
 *
 * @param item the country code or PEP number as given in the job
 * @param status the outcome
 * @param bytes body bytes of the item's final response (0 unless OK)
 * @param checksum CRC-32 of those bytes (0 unless OK)
 * @param detail for OK the saved name (e.g. {@code Brazil.gif}) or the PEP title; for ERROR the reason
 * @param latencyNanos from the item's first request being sent to its last response read (0 if never started)
 */
public record ItemOutcome(String item, Status status, long bytes, long checksum, String detail, long latencyNanos) {

    /** Validates the fields. */
    public ItemOutcome {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        if (bytes < 0 || latencyNanos < 0) {
            throw new IllegalArgumentException("bytes and latencyNanos must be >= 0, were " + bytes + ", " + latencyNanos);
        }
    }

    /** A successful download. */
    public static ItemOutcome ok(String item, long bytes, long checksum, String detail) {
        return new ItemOutcome(item, Status.OK, bytes, checksum, detail, 0);
    }

    /** An outcome without a body. */
    public static ItemOutcome of(String item, Status status, String detail) {
        return new ItemOutcome(item, status, 0, 0, detail, 0);
    }

    /** This outcome with its latency set. */
    public ItemOutcome withLatency(long nanos) {
        return new ItemOutcome(item, status, bytes, checksum, detail, nanos);
    }
}
