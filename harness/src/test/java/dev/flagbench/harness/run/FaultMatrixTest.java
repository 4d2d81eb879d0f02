package dev.flagbench.harness.run;

import dev.flagbench.harness.trial.TrialWorkload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flagbench.core.ConcurrencyModels;
import dev.flagbench.core.mock.DelaySpec;
import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.harness.data.RunRecord;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.report.ReportWriter;
import dev.flagbench.harness.trial.TrialProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix on loopback, each fault in one short run of real forked trials (the sequential model, C = 1,
 * six items): every trial ends within its time limit, every request is accounted for by the client and the server
 * (or the trial is marked with the reason), run.json is valid and nothing measured is lost. The hung trial, the
 * trial JVM that dies and the server killed mid-run are in {@link RunSessionTest}; Ctrl-C is in
 * {@code RunInterruptedTest}.
 */
class FaultMatrixTest {
    private static final int ITEMS = 6;

    @TempDir
    Path out;

    private static Plan plan(FaultProfile faults, Duration requestTimeout, int repetitions) {
        return Plan.builder()
                .matrix("custom").models(List.of(ConcurrencyModels.byName("sequential"))).workloads(List.of(TrialWorkload.FLAGS))
                .levels(List.of(1)).echoLevels(List.of()).fixedItems(ITEMS).itemsPerC(10).minItems(1).maxItems(ITEMS)
                .faults(faults).preset("CUSTOM").repetitions(repetitions).warmup(Duration.ZERO)
                .trialTimeout(Duration.ofSeconds(60)).requestTimeout(requestTimeout).echoMessageBytes(128)
                .echoDuration(Duration.ofSeconds(1)).seed(42).futexHashSlots(0).build();
    }

    private RunSession session(Plan plan, PrintWriter progress) throws IOException {
        return new RunSession(plan, out, progress, TrialProcess.currentJava(),
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED"),
                TrialProcess.currentClasspath(), null);
    }

    private TrialRecord onlyTrial(RunSession session) throws IOException {
        RunRecord onDisk = ReportWriter.read(session.runDir().resolve("run.json"));
        assertThat(onDisk.status()).as("run.json is valid and says the run completed").isEqualTo("complete");
        assertThat(session.runDir().resolve(".trials")).as("the scratch folder is removed").doesNotExist();
        assertThat(onDisk.trials()).as("the one trial is recorded").hasSize(1);
        return onDisk.trials().getFirst();
    }

    @Test
    void delayBeyondTheRequestTimeout_countsEveryRequestAsATimeout_likeTheServerSawIt() throws Exception {
        RunSession session = session(plan(FaultProfile.delay(Duration.ofSeconds(2)), Duration.ofMillis(200), 1),
                new PrintWriter(new StringWriter()));

        session.run();

        TrialRecord t = onlyTrial(session);
        assertThat(t.counts().get("TIMEOUT")).as("every item timed out at the client: " + t.counts()).isEqualTo(ITEMS);
        assertThat(t.serverCounts().get("OK")).as("the server answered none in time: " + t.serverCounts())
                .isZero();
        assertThat(t.state()).as("the accounting agrees: " + t.accountingMismatches()).isEqualTo(TrialRecord.OK);
    }

    @Test
    void burstsOf503_areCountedAsErrors_exactlyAsTheServerSentThem() throws Exception {
        RunSession session = session(plan(FaultProfile.NONE.withErrors(0.5, 503), Duration.ofSeconds(5), 1),
                new PrintWriter(new StringWriter()));

        session.run();

        TrialRecord t = onlyTrial(session);
        long errors = t.counts().getOrDefault("ERROR", 0L);
        assertThat(errors).as("some items met a 503: " + t.counts()).isPositive();
        assertThat(errors + t.counts().getOrDefault("OK", 0L)).as("every item is OK or an error").isEqualTo(ITEMS);
        assertThat(t.serverCounts().get("ERROR")).as("the server sent exactly that many 503s").isEqualTo(errors);
        assertThat(t.state()).as("the accounting agrees: " + t.accountingMismatches()).isEqualTo(TrialRecord.OK);
    }

    @Test
    void connectionResets_areCountedAsErrors_exactlyAsTheServerResetThem() throws Exception {
        RunSession session = session(plan(new FaultProfile(DelaySpec.none(), 0, 500, 0.5, 0), Duration.ofSeconds(5), 1),
                new PrintWriter(new StringWriter()));

        session.run();

        TrialRecord t = onlyTrial(session);
        long errors = t.counts().getOrDefault("ERROR", 0L);
        assertThat(errors).as("some items met a reset: " + t.counts()).isPositive();
        assertThat(errors + t.counts().getOrDefault("OK", 0L)).as("every item is OK or an error").isEqualTo(ITEMS);
        assertThat(t.serverCounts().get("resets")).as("the server reset exactly that many: " + t.serverCounts())
                .isEqualTo(errors);
        assertThat(t.state()).as("the accounting agrees: " + t.accountingMismatches()).isEqualTo(TrialRecord.OK);
    }

    @Test
    void slowBodies_arriveWhole_andEveryItemIsCounted() throws Exception {
        RunSession session = session(plan(new FaultProfile(DelaySpec.none(), 0, 500, 0, 200_000), Duration.ofSeconds(5), 1),
                new PrintWriter(new StringWriter()));

        session.run();

        TrialRecord t = onlyTrial(session);
        assertThat(t.counts().get("OK")).as("every flag arrived, slowly: " + t.counts()).isEqualTo(ITEMS);
        assertThat(t.serverCounts().get("OK")).as("the server sent each once").isEqualTo(ITEMS);
        assertThat(t.state()).as("the accounting agrees: " + t.accountingMismatches()).isEqualTo(TrialRecord.OK);
    }

    @Test
    void trialJvmThatDies_isRecordedFailed_andLeavesNeitherScratchNorAnEmptyHgrmFolder() throws Exception {
        RunSession session = new RunSession(plan(FaultProfile.NONE, Duration.ofSeconds(5), 1), out,
                new PrintWriter(new StringWriter()), TrialProcess.currentJava(), List.of("-Xmx256m", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED"), TrialProcess.currentClasspath(), "halt");

        session.run();

        TrialRecord t = onlyTrial(session);
        assertThat(t.state()).as("the trial whose JVM died").isEqualTo(TrialRecord.FAILED);
        assertThat(t.failureReason()).as("names the JVM's last words").isNotBlank().doesNotContain("null");
        assertThat(session.runDir().resolve("hgrm")).as("no histogram was written: no empty hgrm/ is left").doesNotExist();
    }

    @Test
    void resultsFolderBecomingUnwritable_endsTheRun_namingTheFile_andKeepsTheRunJsonWrittenBefore() throws Exception {
        Path moved = out.resolve("moved");
        RunSession[] session = new RunSession[1];
        // After the first trial's progress line (run.json holds it), the run folder is moved away and a place no one
        // can write (procfs refuses new files, also to root) takes its name: the next write of run.json fails.
        StringWriter sink = new StringWriter() {
            @Override
            public void write(String s, int off, int len) {
                super.write(s, off, len);
                if (s.substring(off, off + len).startsWith("[1/")) {
                    try {
                        Files.move(session[0].runDir(), moved);
                        Files.createSymbolicLink(session[0].runDir(), Path.of("/proc/self/fdinfo"));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        };
        session[0] = session(plan(FaultProfile.NONE, Duration.ofSeconds(5), 3), new PrintWriter(sink, true));

        assertThatThrownBy(session[0]::run).as("the run ends with an I/O error that names the file")
                .isInstanceOf(IOException.class).hasMessageContaining(session[0].runDir().getFileName().toString());

        RunRecord kept = ReportWriter.read(moved.resolve("run.json"));
        assertThat(kept.trials()).as("the run.json written before holds the trial measured before, valid")
                .singleElement().extracting(TrialRecord::state).isEqualTo(TrialRecord.OK);
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count())
                .as("no trial JVM is left running").isZero();
    }
}
