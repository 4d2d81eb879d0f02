package dev.flagbench.reactive;

/** The fix of {@link BlockingCallOnLoop}, Python's run_in_executor: the same blocking call offloaded with {@code subscribeOn(Schedulers.boundedElastic())}. */
public final class BlockingCallOffloaded extends BlockingCallVariant {
    /** The variant's name. */
    static final String NAME = "reactive-blocking-offloaded";

    /** The variant, as ServiceLoader makes it. */
    public BlockingCallOffloaded() {
        super(NAME, Role.FIX, "the same pipeline, each blocking GET offloaded with subscribeOn(Schedulers.boundedElastic())"
                + " (the fix; at most 10 threads per core)", true);
    }
}
