package dev.flagbench.core.scenario;

import dev.flagbench.core.Session;
import dev.flagbench.core.SessionConfig;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A deliberately different version of a model, written to show one lesson of the tutorial (a mistake, or its fix),
 * plugged in through {@link ServiceLoader} under its own service name, so that it is found by the scenario that names
 * it and never listed beside the models of Table 1.
 */
public interface ScenarioVariant {

    /** What the variant shows. */
    enum Role {
        /** The tutorial's mistake, e.g. a blocking call made on the event loop. */
        MISTAKE,
        /** The tutorial's fix of that mistake, e.g. the same blocking call offloaded to a pool. */
        FIX
    }

    /** The name of the scenario that measures this variant, e.g. {@code "blocked-loop"}. */
    String scenario();

    /** The variant's name in run.json and the report, e.g. {@code "reactive-blocking-call"}. */
    String name();

    /** The name of the {@link dev.flagbench.core.ConcurrencyModel} this is a variant of, e.g. {@code "reactive"}. */
    String variantOf();

    /** Whether this is the mistake or its fix. */
    Role role();

    /** One line saying what the variant does differently from its model. */
    String summary();

    /** Opens a session of concurrency {@code config.maxConcurrency()}, as a model does; the caller closes it. */
    Session open(SessionConfig config);

    /** Every variant on the class path. */
    static List<ScenarioVariant> all() {
        return ServiceLoader.load(ScenarioVariant.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** The variant called {@code name}, if there is one. */
    static Optional<ScenarioVariant> byName(String name) {
        return all().stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
