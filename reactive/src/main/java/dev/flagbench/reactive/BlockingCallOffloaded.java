package dev.flagbench.reactive;

import dev.flagbench.core.Session;
import dev.flagbench.core.SessionConfig;
import dev.flagbench.core.scenario.ScenarioVariant;

/** The fix of {@link BlockingCallOnLoop}, Python's run_in_executor: the same blocking call offloaded with {@code subscribeOn(Schedulers.boundedElastic())}. */
public final class BlockingCallOffloaded implements ScenarioVariant {
    /** The variant's name. */
    static final String NAME = "reactive-blocking-offloaded";

    @Override
    public String scenario() {
        return "blocked-loop";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String variantOf() {
        return "reactive";
    }

    @Override
    public Role role() {
        return Role.FIX;
    }

    @Override
    public String summary() {
        return "the same pipeline, each blocking GET offloaded with subscribeOn(Schedulers.boundedElastic()) (the fix; at most 10 threads per core)";
    }

    @Override
    public Session open(SessionConfig config) {
        return new BlockingCallPipeline(true).open(config);
    }
}
