package dev.flagbench.core;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The download workloads every model runs against the mock server. */
public enum Workload {
    /** One GIF per country code (Fluent Python's flags2). */
    FLAGS("flags", 1),
    /** metadata.json, then the GIF, chained per country (Fluent Python's flags3). */
    FLAGS_METADATA("flags+metadata", 2),
    /** One PEP page per number, title parsed. */
    PEPS("peps", 1);

    private final String label;
    private final int requestsPerItem;

    Workload(String label, int requestsPerItem) {
        this.label = label;
        this.requestsPerItem = requestsPerItem;
    }

    /**
     * The requests one found item takes, one after the other: an item's least latency is this many times the server's
     * delay L, and so is each round of the ideal time.
     */
    public int requestsPerItem() {
        return requestsPerItem;
    }

    /** The name used on the command line and in reports. */
    public String label() {
        return label;
    }

    /** The workload labelled {@code label} (any case), or empty for another label such as {@code echo}. */
    public static Optional<Workload> find(String label) {
        return Arrays.stream(values()).filter(w -> w.label.equalsIgnoreCase(label)).findFirst();
    }

    /** Parses a label such as {@code flags+metadata}; the error lists the known labels. */
    public static Workload fromLabel(String label) {
        return find(label).orElseThrow(() -> new IllegalArgumentException("workload: unknown value '" + label + "'; known: "
                + Arrays.stream(values()).map(Workload::label).collect(Collectors.joining(", "))));
    }
}
