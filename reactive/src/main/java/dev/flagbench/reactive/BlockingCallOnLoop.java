package dev.flagbench.reactive;

import dev.flagbench.core.Session;
import dev.flagbench.core.SessionConfig;
import dev.flagbench.core.scenario.ScenarioVariant;

/** The tutorial's mistake in Reactor: each GET a blocking call made on the event loop, so that the loop serves one request at a time. */
public final class BlockingCallOnLoop implements ScenarioVariant {
    /** The variant's name. */
    static final String NAME = "reactive-blocking-call";

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
        return Role.MISTAKE;
    }

    @Override
    public String summary() {
        return "Reactor flatMap(..., C) on one event loop, each GET a blocking classic-client call made on the loop (the mistake)";
    }

    @Override
    public Session open(SessionConfig config) {
        return new BlockingCallPipeline(false).open(config);
    }
}
