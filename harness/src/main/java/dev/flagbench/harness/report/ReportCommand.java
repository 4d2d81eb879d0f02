package dev.flagbench.harness.report;

import dev.flagbench.harness.data.RunRecord;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Regenerates report.md, index.html and the charts of a run from its run.json alone. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regenerates report.md, index.html and charts/ from RUN.json into its folder;"
                + " prints the path of report.md.")
public final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN.json", description = "the run.json of a run, or the run's folder")
    private Path runJson;

    /** Writes the report; exit code 0, or 2 when run.json is missing or unreadable. */
    @Override
    public Integer call() {
        if (Files.isDirectory(runJson)) {
            runJson = runJson.resolve("run.json");
        }
        if (!Files.isRegularFile(runJson)) {
            spec.commandLine().getErr().println("RUN.json: no such file: " + runJson + " (give a run's run.json or its"
                    + " folder)");
            return 2;
        }
        RunRecord run;
        try {
            run = ReportWriter.read(runJson);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        Path dir = runJson.toAbsolutePath().getParent();
        ReportWriter.writeAll(run, dir);
        spec.commandLine().getOut().println(dir.resolve(ReportWriter.REPORT_MD));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
