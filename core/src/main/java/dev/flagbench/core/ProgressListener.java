package dev.flagbench.core;

/** Told of each item as it finishes; called from whatever thread finished it, so it must be thread-safe. */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores every item. */
    ProgressListener NONE = outcome -> { };

    /** Called once per finished item. */
    void onItem(ItemOutcome outcome);

    /**
     * Called once per response read whole, before its item's outcome (an item of flags+metadata has two): the stream
     * a steady-state window counts, since requests flow evenly where items need not (a model may finish every
     * item's first request before any second one).
     */
    default void onResponse() {
    }
}
