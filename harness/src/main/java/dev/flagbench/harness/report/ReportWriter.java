package dev.flagbench.harness.report;

import dev.flagbench.harness.data.RunRecord;
import java.nio.file.Path;
import java.util.List;

/** Placeholder of the report writer: the reports branch's class replaces it at merge. */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** Writes every report of {@code run} into {@code runDir} and returns their paths (none in this placeholder). */
    public static List<Path> writeAll(RunRecord run, Path runDir) {
        return List.of();
    }
}
