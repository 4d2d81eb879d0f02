package dev.flagbench.harness.external;

import dev.flagbench.harness.trial.TrialWorkload;
import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.ConcurrencyModels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every model the harness knows: the JVM models (ServiceLoader) and the external ones (descriptors), by name. */
public final class ModelCatalog {
    private ModelCatalog() {
    }

    /** Every model, sorted by name. */
    public static List<ConcurrencyModel> all() {
        List<ConcurrencyModel> all = new ArrayList<>(ConcurrencyModels.all());
        all.addAll(ExternalModels.all());
        all.sort(Comparator.comparing(ConcurrencyModel::name));
        return List.copyOf(all);
    }

    /** The model called {@code name}; the error lists the known names. */
    public static ConcurrencyModel byName(String name) {
        List<ConcurrencyModel> all = all();
        return all.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("model: unknown value '" + name + "'; known: "
                        + all.stream().map(ConcurrencyModel::name).collect(Collectors.joining(", "))));
    }

    /** The external model called {@code name}, or empty (a JVM model, the Netty baseline). */
    public static Optional<ExternalModel> external(String name) {
        return ExternalModels.all().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** Why {@code model} cannot run here (an external model whose probe failed), or {@code null}. */
    public static String unavailableReason(ConcurrencyModel model) {
        return model instanceof ExternalModel e ? e.unavailableReason() : null;
    }

    /** Why {@code model}'s trials of {@code workload} are skipped (an external model that cannot run), or {@code null}. */
    public static String skipReason(ConcurrencyModel model, TrialWorkload workload) {
        return model instanceof ExternalModel e ? e.skipReason(workload.label()) : null;
    }
}
