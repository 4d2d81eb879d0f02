package dev.flagbench.reactive;

import dev.flagbench.core.Session;
import dev.flagbench.core.SessionConfig;
import dev.flagbench.core.scenario.ScenarioVariant;

/** What the blocked-loop scenario's two variants of the reactive model share: all but where the blocking GET runs. */
abstract class BlockingCallVariant implements ScenarioVariant {
    private final String name;
    private final Role role;
    private final String summary;
    private final boolean offloaded;

    BlockingCallVariant(String name, Role role, String summary, boolean offloaded) {
        this.name = name;
        this.role = role;
        this.summary = summary;
        this.offloaded = offloaded;
    }

    @Override
    public final String scenario() {
        return "blocked-loop";
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String variantOf() {
        return "reactive";
    }

    @Override
    public final Role role() {
        return role;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final Session open(SessionConfig config) {
        return new BlockingCallPipeline(offloaded).open(config);
    }
}
