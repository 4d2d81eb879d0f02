package dev.flagbench.core;

import java.util.Objects;

/**
 * One HTTP response, read whole, as any model's client hands it to the shared interpretation in {@link Downloads}.
 *
 * @param status the status code
 * @param reason the reason phrase (may be empty)
 * @param body the body bytes
 * @param sentNanos {@link System#nanoTime()} when the request was sent, or 0 when the client did not say
 */
public record Response(int status, String reason, byte[] body, long sentNanos) {
    /** Validates the fields. */
    public Response {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(body, "body");
    }

    /** A response whose send time is unknown. */
    public Response(int status, String reason, byte[] body) {
        this(status, reason, body, 0);
    }
}
