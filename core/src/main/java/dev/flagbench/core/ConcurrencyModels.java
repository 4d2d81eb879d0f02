package dev.flagbench.core;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The models on the class path, found with {@link ServiceLoader}: there is no hand-written registry. */
public final class ConcurrencyModels {
    private ConcurrencyModels() {
    }

    /** Every discovered model, sorted by name. */
    public static List<ConcurrencyModel> all() {
        return ServiceLoader.load(ConcurrencyModel.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(ConcurrencyModel::name))
                .toList();
    }

    /** The model called {@code name}; the error lists the known names. */
    public static ConcurrencyModel byName(String name) {
        List<ConcurrencyModel> all = all();
        return all.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("model: unknown value '" + name + "'; known: "
                        + all.stream().map(ConcurrencyModel::name).collect(Collectors.joining(", "))));
    }
}
