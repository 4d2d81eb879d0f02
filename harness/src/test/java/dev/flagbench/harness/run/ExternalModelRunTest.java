package dev.flagbench.harness.run;

import dev.flagbench.harness.trial.TrialWorkload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.ConcurrencyModels;
import dev.flagbench.core.Traits;
import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.harness.data.RunRecord;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.external.Descriptor;
import dev.flagbench.harness.external.ExternalModel;
import dev.flagbench.harness.external.ExternalModels;
import dev.flagbench.harness.trial.TrialProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that plans external models beside JVM ones: one that cannot run is skipped with the reason, the rest runs. */
class ExternalModelRunTest {
    @TempDir
    Path out;

    private static Plan plan(List<ConcurrencyModel> models) {
        return Plan.builder()
                .matrix("custom").models(models).workloads(List.of(TrialWorkload.FLAGS)).levels(List.of(1)).echoLevels(List.of())
                .fixedItems(12).itemsPerC(10).minItems(1).maxItems(12)
                .faults(FaultProfile.delay(Duration.ofMillis(5))).preset("CUSTOM").repetitions(1)
                .warmup(Duration.ZERO).trialTimeout(Duration.ofSeconds(60)).requestTimeout(Duration.ofSeconds(10))
                .echoMessageBytes(128).echoDuration(Duration.ofSeconds(1)).seed(42)
                .futexHashSlots(0).build();
    }

    private RunRecord run(Plan plan, StringWriter progress) throws Exception {
        List<String> jvm = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED");
        return new RunSession(plan, out, new PrintWriter(progress, true), TrialProcess.currentJava(), jvm,
                TrialProcess.currentClasspath(), null).run();
    }

    @Test
    void modelWithoutItsInterpreter_isSkippedWithTheReason_andTheOthersRun() throws Exception {
        Traits traits = Traits.of(Traits.Threads.EVENT_LOOP, Traits.Column.ASYNCIO, "coroutines", "single thread");
        ExternalModel missing = new ExternalModel(new Descriptor.Entry("no-python", "A model without its interpreter.",
                traits, List.of("/nonexistent/python3", "trial.py"), List.of("/nonexistent/python3", "probe.py"),
                List.of("flags")), out);
        StringWriter progress = new StringWriter();

        RunRecord run = run(plan(List.of(missing, ConcurrencyModels.byName("sequential"))), progress);

        assertThat(run.skipped()).as("the model's trial is recorded as skipped, with the probe's reason")
                .extracting(RunRecord.Skipped::model, RunRecord.Skipped::workload, RunRecord.Skipped::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("no-python", "flags", 1));
        assertThat(run.skipped().getFirst().reason()).as("the reason names the program")
                .startsWith("cannot run /nonexistent/python3");
        assertThat(progress.toString()).as("and it is printed")
                .contains("skipped: flags no-python, every level: cannot run /nonexistent/python3");
        assertThat(run.trials()).as("the JVM model ran").extracting(TrialRecord::model, TrialRecord::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sequential", TrialRecord.OK));
    }

    /** Every external model's echo server, under the load generator, as the JVM models' echo trials run. */
    @Test
    void externalEchoServers_echoEveryMessage_withTheirResourcesFromProc() throws Exception {
        List<ConcurrencyModel> models = ExternalModels.all().stream().filter(m -> m.unavailableReason() == null)
                .map(ConcurrencyModel.class::cast).toList();
        Assumptions.assumeFalse(models.isEmpty(), "no external model can run here (Python or its packages missing)");
        Plan plan = Plan.builder()
                .matrix("custom").models(models).workloads(List.of(TrialWorkload.ECHO)).levels(List.of(1)).echoLevels(List.of(10))
                .fixedItems(12).itemsPerC(10).minItems(1).maxItems(12)
                .faults(FaultProfile.delay(Duration.ofMillis(5))).preset("CUSTOM").repetitions(1)
                .warmup(Duration.ZERO).trialTimeout(Duration.ofSeconds(60)).requestTimeout(Duration.ofSeconds(10))
                .echoMessageBytes(128).echoDuration(Duration.ofMillis(500)).seed(42)
                .futexHashSlots(0).build();

        RunRecord run = run(plan, new StringWriter());

        assertThat(run.trials()).as("one echo trial per model and the Netty baseline's")
                .extracting(TrialRecord::model).containsAll(models.stream().map(ConcurrencyModel::name).toList());
        for (TrialRecord t : run.trials()) {
            assertThat(t.state()).as("%s: %s", t.id(), t.failureReason()).isEqualTo(TrialRecord.OK);
            assertThat(t.echo().messages()).as("%s echoed messages", t.id()).isPositive();
            assertThat(t.echo().integrityErrors()).as("%s echoed every byte as sent", t.id()).isZero();
            assertThat(t.achievedConcurrency()).as("%s held its connections", t.id()).isEqualTo(t.level());
            assertThat(t.resources().peakRssBytes()).as("%s: peak RSS measured", t.id()).isPositive();
        }
    }

    @Test
    void pythonTrial_isRecordedLikeAJvmTrial_withItsResourcesFromProc() throws Exception {
        ExternalModel python = ExternalModels.all().stream().filter(m -> m.traits().baseline()).findFirst().orElseThrow();
        Assumptions.assumeTrue(python.unavailableReason() == null, () -> python.name() + " is skipped: "
                + python.unavailableReason());

        RunRecord run = run(plan(List.of(python)), new StringWriter());

        TrialRecord t = run.trials().getFirst();
        assertThat(t.state()).as("agrees with the server: %s %s", t.accountingMismatches(), t.failureReason())
                .isEqualTo(TrialRecord.OK);
        assertThat(t.counts().get("OK")).as("every item OK").isEqualTo(12);
        assertThat(t.serverCounts().get("OK")).as("the server sent exactly those 200s").isEqualTo(12);
        assertThat(t.achievedConcurrency()).as("one request in flight, as the server saw it").isEqualTo(1);
        assertThat(out.resolve(run.runId()).resolve(t.latency().hgrmFile())).as("its .hgrm file").isRegularFile();
        assertThat(t.resources().peakRssBytes()).as("peak RSS read from /proc").isPositive();
        assertThat(t.resources().peakPlatformThreads()).as("one OS thread: the baseline's caller").isEqualTo(1);
        assertThat(t.jvm()).as("no JVM ran the trial").isNull();
        assertThat(t.clientSettings()).as("the client's settings are recorded").containsKey("client");
    }
}
