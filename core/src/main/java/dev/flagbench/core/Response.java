package dev.flagbench.core;

import java.util.Objects;

/**
 * One HTTP response, read whole, as any model's client hands it to the shared interpretation in {@link Downloads}.
 *
 * @param status the status code
 * @param reason the reason phrase (may be empty)
 * @param body the body bytes
 */
public record Response(int status, String reason, byte[] body) {
    /** Validates the fields. */
    public Response {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(body, "body");
    }
}
