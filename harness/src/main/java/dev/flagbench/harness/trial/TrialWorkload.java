package dev.flagbench.harness.trial;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.flagbench.core.Workload;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a trial runs: one of core's download workloads (which the models implement), or echo (a model's echo server
 * under the harness's load). Its label is its name on the command line, in a trial's spec file, in run.json and in
 * the reports; the harness plans, forks and labels trials with this type, never with the label's text.
 */
public enum TrialWorkload {
    /** One GIF per country code. */
    FLAGS(Workload.FLAGS),
    /** metadata.json, then the GIF, per country. */
    FLAGS_METADATA(Workload.FLAGS_METADATA),
    /** One PEP page per number. */
    PEPS(Workload.PEPS),
    /** The TCP echo server: connections that each send a message and read it back, in a closed loop. */
    ECHO(null);

    private final Workload download;

    TrialWorkload(Workload download) {
        this.download = download;
    }

    /** The name used on the command line and in reports: the download workload's label, or {@code echo}. */
    @JsonValue
    public String label() {
        return download == null ? "echo" : download.label();
    }

    /** Whether this is echo, not a download workload. */
    public boolean isEcho() {
        return download == null;
    }

    /** The download workload the models run; echo has none. */
    public Workload download() {
        if (download == null) {
            throw new IllegalStateException("echo is not a download workload");
        }
        return download;
    }

    /** The requests one item takes one after the other (1 for echo's message). */
    public int requestsPerItem() {
        return download == null ? 1 : download.requestsPerItem();
    }

    /** The trial workload of a download workload. */
    public static TrialWorkload of(Workload w) {
        return Arrays.stream(values()).filter(t -> t.download == w).findFirst().orElseThrow();
    }

    /** The workload labelled {@code label} (any case), or empty. */
    public static Optional<TrialWorkload> find(String label) {
        return Arrays.stream(values()).filter(w -> w.label().equalsIgnoreCase(label)).findFirst();
    }

    /** Parses a label such as {@code flags+metadata} or {@code echo}; the error names the value and the known labels. */
    public static TrialWorkload fromLabel(String label) {
        return find(label).orElseThrow(() -> new IllegalArgumentException("workload: unknown value '" + label
                + "'; known: " + String.join(", ", labels())));
    }

    /** Every label, downloads first, in run order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(TrialWorkload::label).toList();
    }

    /** The download workloads, in run order. */
    public static List<TrialWorkload> downloads() {
        return Arrays.stream(values()).filter(w -> !w.isEcho()).toList();
    }

    @Override
    public String toString() {
        return label();
    }
}
