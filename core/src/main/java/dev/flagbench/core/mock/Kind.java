package dev.flagbench.core.mock;

import java.util.Locale;

/** What a request asked for, by the shape of its path; the stats count requests per kind. */
enum Kind {
    FLAG(MockStats.FLAG),
    METADATA(MockStats.METADATA),
    PEP(MockStats.PEP),
    OTHER(MockStats.OTHER);

    private final String label;

    Kind(String label) {
        this.label = label;
    }

    /** The name the stats use: {@code "flag"}, {@code "metadata"}, {@code "pep"}, {@code "other"}. */
    String label() {
        return label;
    }

    /** The kind of a path that is not served: it still counts as a flag, metadata or PEP request if it looks like one. */
    static Kind of(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.startsWith("/flags/")) {
            if (p.endsWith(".gif")) {
                return FLAG;
            }
            if (p.endsWith("/metadata.json")) {
                return METADATA;
            }
        }
        return p.startsWith("/peps/") ? PEP : OTHER;
    }
}
