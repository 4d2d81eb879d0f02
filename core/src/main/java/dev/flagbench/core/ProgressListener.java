package dev.flagbench.core;

/** Told of each item as it finishes; called from whatever thread finished it, so it must be thread-safe. */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores every item. */
    ProgressListener NONE = outcome -> { };

    /** Called once per finished item. */
    void onItem(ItemOutcome outcome);
}
