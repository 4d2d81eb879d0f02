package dev.flagbench.harness.run;

import dev.flagbench.harness.trial.TrialWorkload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flagbench.core.ConcurrencyModels;
import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.core.mock.MockServer;
import dev.flagbench.core.mock.MockServerConfig;
import dev.flagbench.harness.data.RunRecord;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.trial.FutexHash;
import dev.flagbench.harness.trial.Json;
import dev.flagbench.harness.trial.TrialProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real forked trials of the sequential model against an in-process mock server. */
class RunSessionTest {
    /** Not the default, so that a trial reporting it proves it resized its own futex hash. */
    private static final int TRIAL_FUTEX_HASH_SLOTS = 4_096;

    @TempDir
    Path out;

    private static Plan plan(List<String> workloads, Duration trialTimeout) {
        return plan("sequential", 1, workloads, trialTimeout);
    }

    private static Plan plan(String model, int level, List<String> workloads, Duration trialTimeout) {
        return Plan.builder()
                .matrix("custom").models(List.of(ConcurrencyModels.byName(model))).workloads(workloads.stream().map(TrialWorkload::fromLabel).toList())
                .levels(List.of(level)).echoLevels(List.of()).fixedItems(12).itemsPerC(10).minItems(1).maxItems(12)
                .faults(FaultProfile.delay(Duration.ofMillis(5))).preset("CUSTOM").repetitions(1)
                .warmup(Duration.ZERO).trialTimeout(trialTimeout).requestTimeout(Duration.ofSeconds(10))
                .echoMessageBytes(128).echoDuration(Duration.ofSeconds(1)).seed(42)
                .futexHashSlots(TRIAL_FUTEX_HASH_SLOTS).build();
    }

    private RunSession session(Plan plan, PrintWriter progress, String debug) throws IOException {
        List<String> jvm = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED"));
        return new RunSession(plan, out, progress, TrialProcess.currentJava(), jvm, TrialProcess.currentClasspath(), debug);
    }

    @Test
    void sequentialTrials_countWhatTheServerCounted_andRunJsonIsValidAfterEachTrial() throws Exception {
        List<Integer> trialsSeenInRunJson = new ArrayList<>();
        Path[] runDir = new Path[1];
        // Every progress line is printed right after run.json was rewritten: read it then.
        StringWriter sink = new StringWriter() {
            @Override
            public void write(String s, int off, int len) {
                super.write(s, off, len);
                if (s.substring(off, off + len).startsWith("[") && runDir[0] != null) {
                    try {
                        RunRecord r = Json.read(runDir[0].resolve("run.json"), RunRecord.class);
                        trialsSeenInRunJson.add(r.trials().size());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
        RunSession session = session(plan(List.of("flags", "peps"), Duration.ofSeconds(60)), new PrintWriter(sink, true), null);
        runDir[0] = session.runDir();

        RunRecord run = session.run();

        assertThat(trialsSeenInRunJson).as("run.json parsed after each trial, holding every trial so far").containsExactly(1, 2);
        RunRecord onDisk = Json.read(session.runDir().resolve("run.json"), RunRecord.class);
        assertThat(onDisk.status()).as("the finished run says so").isEqualTo("complete");
        assertThat(onDisk.formatVersion()).as("format version recorded").isEqualTo(RunRecord.FORMAT_VERSION);
        assertThat(run.trials()).as("one trial per workload").hasSize(2);
        for (TrialRecord t : run.trials()) {
            assertThat(t.state()).as(t.id() + " agrees with the server: " + t.accountingMismatches() + " " + t.failureReason()).isEqualTo(TrialRecord.OK);
            assertThat(t.counts().get("OK")).as(t.id() + ": every item OK").isEqualTo(12);
            assertThat(t.serverCounts().get("OK")).as(t.id() + ": the server sent exactly those 200s").isEqualTo(t.counts().get("OK"));
            assertThat(t.achievedConcurrency()).as(t.id() + ": sequential means one request in flight").isEqualTo(1);
            assertThat(t.latency().count()).as(t.id() + ": one latency sample per item").isEqualTo(12);
            assertThat(session.runDir().resolve(t.latency().hgrmFile())).as(t.id() + ": its .hgrm file exists").isRegularFile();
            assertThat(t.resources().cpuMillis()).as(t.id() + ": CPU time measured").isPositive();
            assertThat(t.resources().peakRssBytes()).as(t.id() + ": peak RSS measured").isPositive();
            assertThat(t.jvm().args()).as(t.id() + ": the trial JVM's options recorded").contains("-Xmx256m");
            assertThat(t.jvm().futexHashSlots()).as(t.id() + ": the trial JVM ran with the planned futex hash, where"
                    + " the kernel has one (else -1)").isIn(TRIAL_FUTEX_HASH_SLOTS, FutexHash.UNSUPPORTED);
            assertThat(t.jvm().futexHashSlots() == FutexHash.UNSUPPORTED)
                    .as(t.id() + ": the trial and this JVM agree on whether the kernel can resize a futex hash")
                    .isEqualTo(FutexHash.slots() == FutexHash.UNSUPPORTED);
        }
        assertThat(run.skipped()).as("sequential at C > 1 is never planned here, nothing skipped").isEmpty();
    }

    @Test
    void sequentialEchoServer_runsAtOneConnection_andIsSkippedAtThePlannedLevels_withTheReason() throws Exception {
        Plan plan = Plan.builder()
                .matrix("custom").models(List.of(ConcurrencyModels.byName("sequential"))).workloads(List.of(TrialWorkload.ECHO))
                .levels(List.of(1)).echoLevels(List.of(10)).fixedItems(12).itemsPerC(10).minItems(1).maxItems(12)
                .faults(FaultProfile.delay(Duration.ofMillis(5))).preset("CUSTOM").repetitions(1)
                .warmup(Duration.ZERO).trialTimeout(Duration.ofSeconds(60)).requestTimeout(Duration.ofSeconds(10))
                .echoMessageBytes(128).echoDuration(Duration.ofMillis(500)).seed(42)
                .futexHashSlots(0).build();

        RunRecord run = session(plan, new PrintWriter(new StringWriter()), null).run();

        assertThat(run.trials()).as("the Netty baseline runs at the planned level only")
                .filteredOn(t -> t.model().equals(RunSession.NETTY_BASELINE)).extracting(TrialRecord::level).containsExactly(10);
        assertThat(run.trials()).as("one sequential trial, at the one connection a one-at-a-time server serves")
                .filteredOn(t -> t.model().equals("sequential")).singleElement()
                .satisfies(t -> {
                    assertThat(t.level()).isEqualTo(1);
                    assertThat(t.state()).as(t.failureReason()).isEqualTo(TrialRecord.OK);
                    assertThat(t.echo().messages()).as("it echoed messages").isPositive();
                });
        assertThat(run.skipped()).as("the planned level is skipped with the reason")
                .singleElement().satisfies(s -> {
                    assertThat(s.level()).isEqualTo(10);
                    assertThat(s.reason()).contains("one connection at a time");
                });
    }

    @Test
    void virtualThreadsTrial_staysWithinC_andCountsItsVirtualThreads() throws Exception {
        RunSession session = session(plan("virtual-threads", 4, List.of("flags+metadata"), Duration.ofSeconds(60)),
                new PrintWriter(new StringWriter()), null);

        TrialRecord t = session.run().trials().get(0);

        assertThat(t.state()).as("agrees with the server: " + t.accountingMismatches() + " " + t.failureReason()).isEqualTo(TrialRecord.OK);
        assertThat(t.serverCounts().get("OK")).as("the server sent one flag per item").isEqualTo(12);
        assertThat(t.serverCounts().get("metadata200")).as("and one metadata.json per item").isEqualTo(12);
        assertThat(t.achievedConcurrency()).as("never more than C = 4 requests in flight at the server").isBetween(1, 4);
        assertThat(t.resources().virtualThreadsStarted()).as("JFR saw at least one virtual thread per item").isGreaterThanOrEqualTo(12);
        assertThat(t.idealMillis()).as("flags+metadata: ideal = ceil(12 / 4) x 2 L = 30 ms").isEqualTo(30.0);
    }

    @Test
    void hungTrial_isKilledAtItsTimeLimit_andRecordedFailed() throws Exception {
        StringWriter progress = new StringWriter();
        RunSession session = session(plan(List.of("flags"), Duration.ofSeconds(8)), new PrintWriter(progress, true), "hang");

        RunRecord run = session.run();

        TrialRecord t = run.trials().get(0);
        assertThat(t.state()).as("a hung trial fails").isEqualTo(TrialRecord.FAILED);
        assertThat(t.failureReason()).as("with the time limit as the reason").isEqualTo("exceeded time limit of 8 s");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count())
                .as("the trial JVM was killed, not left behind").isZero();
        assertThat(progress.toString()).as("the progress line says FAILED").contains("FAILED: exceeded time limit of 8 s");
    }

    @Test
    void crashedTrial_isFailedWithTheReasonFromStderr_andTheRunGoesOn() throws Exception {
        RunSession session = session(plan(List.of("flags", "peps"), Duration.ofSeconds(60)), new PrintWriter(new StringWriter()), "halt");

        RunRecord run = session.run();

        assertThat(run.trials()).as("both workloads were tried although the first JVM died").hasSize(2);
        assertThat(run.trials()).allSatisfy(t -> {
            assertThat(t.state()).as(t.id() + " failed").isEqualTo(TrialRecord.FAILED);
            assertThat(t.failureReason()).as(t.id() + ": the reason is the JVM's last words").startsWith("InternalError");
        });
        assertThat(Json.read(session.runDir().resolve("run.json"), RunRecord.class).status())
                .as("the run still completes").isEqualTo("complete");
        assertThat(session.runDir().resolve(".trials")).as("no trial files left behind").doesNotExist();
    }

    @Test
    void externalServerKilledMidRun_endsTheRun_keepsWhatWasMeasured_andNamesTheCause() throws Exception {
        MockServer external = MockServer.start(MockServerConfig.loopback(FaultProfile.delay(Duration.ofMillis(5))));
        Plan base = plan(List.of("flags", "peps"), Duration.ofSeconds(60));
        Plan plan = base.toBuilder().externalServer(external.baseUrl()).build();
        // The server dies as soon as the first trial's progress line is printed, before the second trial starts.
        StringWriter sink = new StringWriter() {
            @Override
            public void write(String str, int off, int len) {
                super.write(str, off, len);
                if (str.substring(off, off + len).startsWith("[1/")) {
                    external.close();
                }
            }
        };
        RunSession session = session(plan, new PrintWriter(sink, true), null);

        assertThatThrownBy(session::run).as("the run ends with the cause, a failure the CLI exits 1 with")
                .isInstanceOf(RunSession.ServerLost.class)
                .hasMessageContaining("the mock server at " + external.baseUrl() + " stopped answering during peps/")
                .hasMessageContaining("ConnectException");
        RunRecord onDisk = Json.read(session.runDir().resolve("run.json"), RunRecord.class);
        assertThat(onDisk.status()).as("run.json says how the run ended").isEqualTo(RunRecord.SERVER_LOST);
        assertThat(onDisk.endReason()).as("and why").contains("stopped answering").doesNotContain("null");
        assertThat(onDisk.trials()).as("the trial measured before the loss is kept, the lost one recorded")
                .extracting(TrialRecord::state).containsExactly(TrialRecord.OK, TrialRecord.FAILED);
        assertThat(onDisk.trials().get(1).failureReason()).as("the failed trial names the cause, never null")
                .contains("ConnectException").doesNotContain("null");
        assertThat(session.runDir().resolve("report.md")).as("the report is written, and says so")
                .content().contains(RunRecord.SERVER_LOST).contains("stopped answering");
    }

    @Test
    void coldJob_runsApartFromTheSweeps_oneShotDownloadOfNItems_andSkipsTheBaselineWithTheReason() throws Exception {
        Plan base = Plan.builder()
                .matrix("custom")
                .models(List.of(ConcurrencyModels.byName("sequential"), ConcurrencyModels.byName("threads")))
                .workloads(List.of(TrialWorkload.FLAGS)).levels(List.of(1)).echoLevels(List.of()).fixedItems(12).itemsPerC(10)
                .minItems(1).maxItems(12).faults(FaultProfile.delay(Duration.ofMillis(5))).preset("CUSTOM")
                .repetitions(1).warmup(Duration.ZERO).trialTimeout(Duration.ofSeconds(60))
                .requestTimeout(Duration.ofSeconds(10)).echoMessageBytes(128).echoDuration(Duration.ofSeconds(1))
                .seed(42).futexHashSlots(TRIAL_FUTEX_HASH_SLOTS).build();
        Plan plan = base.withCold(new Plan.Cold(TrialWorkload.FLAGS, 4, 20, Duration.ofMillis(20)));

        RunRecord run = session(plan, new PrintWriter(new StringWriter(), true), null).run();

        List<TrialRecord> cold = run.trials().stream().filter(t -> TrialRecord.COLD.equals(t.sweep())).toList();
        assertThat(cold).as("one cold trial, for the model that is not the baseline").singleElement().satisfies(t -> {
            assertThat(t.id()).as("named apart from the throughput sweep's trials").isEqualTo("cold/flags/threads/C4/r1");
            assertThat(t.state()).as(t.id() + " agrees with the server: " + t.failureReason()).isEqualTo(TrialRecord.OK);
            assertThat(t.items()).as("the cold job is exactly N items").isEqualTo(20);
            assertThat(t.serverCounts().get("OK")).as("the server sent exactly those 200s").isEqualTo(20);
            assertThat(t.achievedConcurrency()).as("at most C in flight, as the server saw it").isBetween(1, 4);
            assertThat(t.delayMillis()).as("its own server's L").isEqualTo(20.0);
            assertThat(t.steady()).as("no steady-state warm-up on a cold job").isNull();
            TrialRecord.Latency fromReady = t.latency().fromReady();
            assertThat(fromReady).as("the second clock is recorded").isNotNull();
            assertThat(fromReady.count()).as("one time from ready per item").isEqualTo(20);
            assertThat(fromReady.p50()).as("an item's time from ready includes its service time")
                    .isGreaterThanOrEqualTo(t.latency().p50());
            assertThat(fromReady.max()).as("and ends within the job").isGreaterThanOrEqualTo(t.latency().max())
                    .isLessThanOrEqualTo(t.wallMillis() * 1.001 + 0.01);
        });
        assertThat(run.trials()).as("the throughput sweep's trials run beside it, at C = 1")
                .filteredOn(t -> TrialRecord.THROUGHPUT.equals(t.sweep())).hasSize(2);
        assertThat(run.skipped()).as("the baseline does not run the cold job, and the skip says why")
                .anySatisfy(s -> assertThat(s.model() + " " + s.workload() + " " + s.reason())
                        .contains("sequential").contains("cold/flags").contains("C = 1 only"));
        assertThat(run.config().coldJob()).as("run.json says what the cold job was").contains("20 flags items at C = 4");
    }
}
