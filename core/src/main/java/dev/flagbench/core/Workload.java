package dev.flagbench.core;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The download workloads every model runs against the mock server. */
public enum Workload {
    /** One GIF per country code (Fluent Python's flags2). */
    FLAGS("flags"),
    /** metadata.json, then the GIF, chained per country (Fluent Python's flags3). */
    FLAGS_METADATA("flags+metadata"),
    /** One PEP page per number, title parsed. */
    PEPS("peps");

    private final String label;

    Workload(String label) {
        this.label = label;
    }

    /** The name used on the command line and in reports. */
    public String label() {
        return label;
    }

    /** Parses a label such as {@code flags+metadata}; the error lists the known labels. */
    public static Workload fromLabel(String label) {
        for (Workload w : values()) {
            if (w.label.equalsIgnoreCase(label)) {
                return w;
            }
        }
        throw new IllegalArgumentException("workload: unknown value '" + label + "'; known: "
                + Arrays.stream(values()).map(Workload::label).collect(Collectors.joining(", ")));
    }
}
