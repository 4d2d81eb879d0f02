package dev.flagbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.harness.data.RunRecord;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.report.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C during a run, sent to a harness process as a shell sends it: what the run leaves behind. */
class RunInterruptedTest {

    @Test
    void ctrlC_midRun_exits130_keepsTheTrialsMeasured_marksTheRunInterrupted_andRemovesTheScratch(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("results");
        try (CliProcess p = CliProcess.start(dir.resolve("stderr.txt"), "run", "--models", "sequential", "--workloads",
                "flags", "--levels", "1", "--items", "6", "--repetitions", "20", "--warmup", "0s", "--delay", "5ms",
                "--trial-timeout", "30s", "--out", out.toString())) {
            assertThat(p.awaitLine("C=1 r2:", 120)).as("a second trial was measured: " + p.seen() + p.stderr()).isTrue();
            p.signal("INT");

            assertThat(p.exitCode(60)).as("Ctrl-C: exit 130").isEqualTo(130);
            assertThat(p.liveDescendants()).as("no trial JVM is left running").isZero();
            assertThat(p.stderr()).as("no stack trace").doesNotContain("\tat ");
        }
        Path runDir;
        try (var runs = Files.list(out)) {
            runDir = runs.findFirst().orElseThrow();
        }
        RunRecord run = ReportWriter.read(runDir.resolve("run.json"));
        assertThat(run.status()).as("run.json is valid and says the run was interrupted").isEqualTo("interrupted");
        assertThat(run.finishedAt()).as("with the time it ended").isNotNull();
        assertThat(run.trials()).as("the trials measured before Ctrl-C are kept, OK").hasSizeBetween(2, 19)
                .allSatisfy(t -> assertThat(t.state()).as(t.id()).isEqualTo(TrialRecord.OK));
        assertThat(runDir.resolve(".trials")).as("the scratch folder is removed").doesNotExist();
        assertThat(runDir.resolve("hgrm")).as("the histograms of the kept trials stay").isDirectory();
    }
}
