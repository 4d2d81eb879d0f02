package dev.flagbench.core;

/** What became of one item. Every item ends with exactly one. */
public enum Status {
    /** Downloaded: HTTP 200 and a body that passed its check. */
    OK,
    /** HTTP 404. */
    NOT_FOUND,
    /** Any other status, an I/O error, or a body that failed its check. */
    ERROR,
    /** No response within the per-request timeout. */
    TIMEOUT,
    /** The job was cancelled before this item finished. */
    CANCELLED
}
