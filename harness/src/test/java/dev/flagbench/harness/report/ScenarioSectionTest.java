package dev.flagbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.harness.data.RunRecord;
import dev.flagbench.harness.data.ScenarioRecord;
import dev.flagbench.harness.data.ScenarioRecord.Step;
import dev.flagbench.harness.trial.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenarios in run.json and the report: old files have none; the section's sentences come from the numbers. */
class ScenarioSectionTest {

    @TempDir
    Path dir;

    @Test
    void runJsonWrittenBeforeScenarios_readsAsNone_andItsReportHasNoScenarioSection() throws IOException {
        RunRecord old = ReportWriter.read(ReportFixture.copyTo(dir));

        assertThat(old.scenarios()).as("a file without the list has no scenarios").isEmpty();
        ReportWriter.writeAll(old, dir);
        assertThat(Files.readString(dir.resolve(ReportWriter.REPORT_MD), StandardCharsets.UTF_8))
                .as("no section for scenarios that did not run").doesNotContain("Scenarios: the tutorial's lessons");
    }

    @Test
    void scenarios_roundTripThroughRunJson_andTheReportStatesTheirFiguresInSentences() throws IOException {
        RunRecord old = ReportWriter.read(ReportFixture.copyTo(dir));
        RunRecord run = new RunRecord(old.formatVersion(), old.runId(), old.status(), old.startedAt(), old.finishedAt(),
                old.environment(), old.config(), old.server(), old.trials(), old.skipped(), old.endReason(),
                List.of(blockedLoop(), threadLimits(), spinner()));
        Json.writeAtomically(dir.resolve("run.json"), run);

        RunRecord read = ReportWriter.read(dir.resolve("run.json"));
        ReportWriter.writeAll(read, dir);
        String md = Files.readString(dir.resolve(ReportWriter.REPORT_MD), StandardCharsets.UTF_8);

        assertThat(read.scenarios()).as("run.json keeps every scenario and its steps").isEqualTo(run.scenarios());
        assertThat(md).as("the section is there").contains("## Scenarios: the tutorial's lessons")
                .as("the collapse ratio, mistake ÷ model").contains("a collapse ratio of 0.01")
                .as("the fix's recovery, fix ÷ model").contains("a recovery of 20 % of the model")
                .as("what the server saw").contains("the server held at most 1 of its requests at once")
                .as("BlockHound's blocking call, quoted").contains("`java.net.Socket$SocketOutputStream#write`")
                .contains("made from `dev.flagbench.core.blocking.BlockingClient.get(BlockingClient.java:69)`")
                .as("where platform threads stopped, and why")
                .contains("Platform threads stopped at 31,800 of 32,000 tasks: OutOfMemoryError: unable to create"
                        + " native thread").contains("pid\\_max = 32,768")
                .as("virtual threads went on").contains("Virtual threads held every count asked, up to 32,000 tasks")
                .as("the fitted slopes").contains("A blocked platform thread costs 64 KiB of RSS (r² = 0.999")
                .contains("A blocked virtual thread costs 1 KiB of RSS")
                .as("a sentence per spinner").contains("threads: answered 42 after 1.01 s");
    }

    private static ScenarioRecord blockedLoop() {
        return new ScenarioRecord("blocked-loop", "a blocking call on the event loop", List.of(
                loop("sequential", "BASELINE", 1, 9.9, 1),
                loop("reactive-blocking-call", "MISTAKE", 1_000, 9.8, 1),
                loop("reactive-blocking-offloaded", "FIX", 1_000, 196, 20),
                loop("reactive", "MODEL", 1_000, 980, 1_000),
                new Step("blocked-loop/reactive-blocking-call/blockhound", "reactive-blocking-call", "BLOCKHOUND", 10,
                        ScenarioRecord.OK, null, null, null, null, new ScenarioRecord.BlockingCall(
                        "java.net.Socket$SocketOutputStream#write", "flagbench-blocked-loop-nio-1",
                        "dev.flagbench.core.blocking.BlockingClient.get(BlockingClient.java:69)",
                        List.of("java.base/java.net.Socket$SocketOutputStream.write(Socket.java:1075)")))), List.of());
    }

    private static Step loop(String series, String role, int c, double throughput, int peak) {
        return new Step("blocked-loop/" + series + "/C" + c, series, role, c, ScenarioRecord.OK, null,
                new ScenarioRecord.Loop(100, throughput, Math.round(throughput * 1.5), 1500, peak, Map.of()), null, null,
                null);
    }

    private static ScenarioRecord threadLimits() {
        Map<String, Long> limits = new LinkedHashMap<>(Map.of("pid_max", 32_768L));
        Map<String, Long> observed = Map.of("tasks on the machine", 32_700L);
        return new ScenarioRecord("thread-limits", "tasks held blocked at once", List.of(
                threads("platform", 16_000, 16_000, null, null, limits, observed),
                threads("platform", 32_000, 31_800, "OutOfMemoryError: unable to create native thread",
                        "pid_max = 32,768 (32,700 tasks on the machine at the failure, 100 % of it)", limits, observed),
                threads("virtual", 16_000, 16_000, null, null, limits, observed),
                threads("virtual", 32_000, 32_000, null, null, limits, observed)),
                List.of(new ScenarioRecord.Fit("platform", "rss", 3, 65_536, 1.2e9, 0.9991),
                        new ScenarioRecord.Fit("platform", "heap", 3, 200, 7e6, 0.5),
                        new ScenarioRecord.Fit("virtual", "rss", 2, 1_024, 1.2e9, Double.NaN),
                        new ScenarioRecord.Fit("virtual", "heap", 2, 1_100, 7e6, Double.NaN)));
    }

    private static Step threads(String kind, int asked, int started, String error, String limit,
                                Map<String, Long> limits, Map<String, Long> observed) {
        return new Step("thread-limits/" + kind + "/N" + asked, kind, kind, asked,
                error == null ? ScenarioRecord.OK : ScenarioRecord.FAILED, error, null,
                new ScenarioRecord.Threads(kind, asked, started, 1L << 30, 8L << 20, 900, 40, error, limit, limits,
                        observed), null, null);
    }

    private static ScenarioRecord spinner() {
        return new ScenarioRecord("spinner", "the tutorial's spinner", List.of(new Step("spinner/threads", "threads",
                "spinner", 1, ScenarioRecord.OK, null, null, null,
                new ScenarioRecord.SpinnerRun(42, 10, 1000, 1006, true, true, 0.5, 0), null)), List.of());
    }
}
