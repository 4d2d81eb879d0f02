package dev.flagbench.harness.external;

import dev.flagbench.core.Checks;
import dev.flagbench.core.Traits;
import java.util.List;
import java.util.Objects;

/**
 * A file that declares external models as data (docs/trial-protocol.md#descriptors): the files a model's program
 * needs, and per model its name, summary, traits, command, probe and workloads.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param files the program's files, relative to the descriptor's folder (extracted together from harness.jar)
 * @param models the models it declares
 */
public record Descriptor(int formatVersion, List<String> files, List<Entry> models) {
    /** The descriptor format this harness reads. */
    public static final int FORMAT_VERSION = 1;

    /** Validates the version and copies the lists. */
    public Descriptor {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("formatVersion must be " + FORMAT_VERSION + ", was " + formatVersion);
        }
        files = List.copyOf(Objects.requireNonNullElse(files, List.of()));
        models = List.copyOf(Objects.requireNonNullElse(models, List.of()));
    }

    /**
     * One external model.
     *
     * @param name the model's name on the command line and in reports
     * @param summary one line saying how it does I/O concurrently
     * @param traits what it is, as the harness and the report read it (like a JVM model's {@code traits()})
     * @param command the program and its first arguments; the harness appends the spec file and the result file
     *                (a trial) or {@code --job} and a job file (one job); {@code {dir}} is the descriptor's folder
     * @param probe a command that exits 0 when the program can run here, else prints why and exits non-zero
     * @param workloads the download workloads the program runs (echo is skipped for a model that omits it)
     */
    public record Entry(String name, String summary, Traits traits, List<String> command, List<String> probe,
                        List<String> workloads) {
        /** Validates the fields and copies the lists. */
        public Entry {
            Checks.notBlank("name", name);
            Checks.notBlank("summary", summary);
            Objects.requireNonNull(traits, "traits of " + name);
            command = List.copyOf(Objects.requireNonNullElse(command, List.of()));
            if (command.isEmpty()) {
                throw new IllegalArgumentException("command of " + name + " must not be empty");
            }
            probe = List.copyOf(Objects.requireNonNullElse(probe, List.of()));
            workloads = List.copyOf(Objects.requireNonNullElse(workloads, List.of()));
        }
    }
}
