package dev.flagbench.reactive;

/** The tutorial's mistake in Reactor: each GET a blocking call made on the event loop, so that the loop serves one request at a time. */
public final class BlockingCallOnLoop extends BlockingCallVariant {
    /** The variant's name. */
    static final String NAME = "reactive-blocking-call";

    /** The variant, as ServiceLoader makes it. */
    public BlockingCallOnLoop() {
        super(NAME, Role.MISTAKE, "Reactor flatMap(..., C) on one event loop, each GET a blocking classic-client call made"
                + " on the loop (the mistake)", false);
    }
}
