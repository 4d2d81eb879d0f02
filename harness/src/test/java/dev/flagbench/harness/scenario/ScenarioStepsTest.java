package dev.flagbench.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.harness.data.ScenarioRecord;
import dev.flagbench.harness.data.ScenarioRecord.Step;
import dev.flagbench.harness.run.ServerHandle;
import dev.flagbench.harness.trial.TrialProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario steps: the blocked loop as the server saw it, BlockHound naming the blocking call in a JVM of its own,
 * small thread-limit counts with their fits, and each spinner answering and stopping when cancelled.
 */
class ScenarioStepsTest {
    private static final String MISTAKE = "reactive-blocking-call";
    private static final String FIX = "reactive-blocking-offloaded";

    @TempDir
    Path dir;

    private static ScenarioSpec loop(String series, ServerHandle measured, ServerHandle warm, int c) {
        return new ScenarioSpec("t/" + series, ScenarioSpec.LOOP, series, "MISTAKE", c, measured.baseUrl().toString(),
                warm.baseUrl().toString(), measured.content().countryCodes(), 20, 100, 300, 50, 10_000);
    }

    @Test
    void blockingCallOnTheLoop_holdsAtMostOneRequestInFlight_asTheServerSawIt_whileItsFixHoldsMore() throws Exception {
        try (ServerHandle measured = ServerHandle.inProcess(FaultProfile.delay(Duration.ofMillis(20)), 42);
             ServerHandle warm = ServerHandle.inProcess(FaultProfile.NONE, 42)) {
            measured.resetStats();
            Step broken = ScenarioMain.run(loop(MISTAKE, measured, warm, 10));
            int brokenPeak = measured.stats().peakInFlight();
            measured.resetStats();
            Step fixed = ScenarioMain.run(loop(FIX, measured, warm, 10));
            int fixedPeak = measured.stats().peakInFlight();

            assertThat(broken.state()).as("the broken variant was measured").isEqualTo(ScenarioRecord.OK);
            assertThat(broken.loop().windowResponses()).as("it answered in the window").isPositive();
            assertThat(brokenPeak).as("the blocked loop sent one request at a time, though C = 10").isEqualTo(1);
            assertThat(fixedPeak).as("offloaded, the blocking calls overlap").isGreaterThan(1);
            assertThat(fixed.loop().settings()).as("the fix records where its blocking calls ran")
                    .containsKey("blockingCalls");
        }
    }

    @Test
    void blockHoundStep_inItsOwnJvm_namesTheBlockingCallAndTheClientThatMadeIt() throws Exception {
        ScenarioProcess process = new ScenarioProcess(TrialProcess.currentJava(), List.of(),
                TrialProcess.currentClasspath(), dir);
        try (ServerHandle warm = ServerHandle.inProcess(FaultProfile.NONE, 42)) {
            ScenarioSpec spec = new ScenarioSpec("t/blockhound", ScenarioSpec.BLOCKHOUND, MISTAKE, "BLOCKHOUND", 3,
                    warm.baseUrl().toString(), null, warm.content().countryCodes(), 0, 0, 0, 0, 10_000);

            Step step = process.run(spec, ScenarioRunner.BLOCKHOUND_JVM_OPTIONS, Duration.ofSeconds(60));

            assertThat(step.state()).as("BlockHound caught a call: " + step.failure() + "; the step JVM's output: "
                    + logs(dir)).isEqualTo(ScenarioRecord.OK);
            assertThat(step.blockingCall().method()).as("the blocking method, as BlockHound names it").isNotBlank();
            assertThat(step.blockingCall().thread()).as("made on the variant's event-loop thread")
                    .startsWith("flagbench-blocked-loop");
            assertThat(step.blockingCall().calledFrom()).as("the project's frame that made it: the classic client's GET")
                    .startsWith("dev.flagbench.core.blocking.BlockingClient.get");
        }
    }

    @Test
    void threadLimits_smallCounts_startAndReleaseEveryTask_andFitBothMemorySlopes() throws Exception {
        StringWriter progress = new StringWriter();
        ScenarioRunner runner = new ScenarioRunner(TrialProcess.currentJava(), List.of(),
                TrialProcess.currentClasspath(), dir, new Scenario.Sizes(List.of(10), Duration.ofMillis(20),
                Duration.ofMillis(100), List.of(100, 200), Duration.ofMillis(100), Duration.ofSeconds(60)), 42,
                new PrintWriter(progress));

        ScenarioRecord r = runner.run(Scenario.THREAD_LIMITS);

        assertThat(r.steps()).as("two counts for each kind, in order").extracting(Step::series, Step::level, Step::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("platform", 100, ScenarioRecord.OK),
                        org.assertj.core.groups.Tuple.tuple("platform", 200, ScenarioRecord.OK),
                        org.assertj.core.groups.Tuple.tuple("virtual", 100, ScenarioRecord.OK),
                        org.assertj.core.groups.Tuple.tuple("virtual", 200, ScenarioRecord.OK));
        assertThat(r.steps()).as("every task started and was counted").allSatisfy(s -> {
            assertThat(s.threads().started()).isEqualTo(s.level());
            assertThat(s.threads().rssBytes()).isPositive();
            assertThat(s.threads().limits()).containsKeys(ThreadLimits.PID_MAX, ThreadLimits.MAX_MAP_COUNT);
        });
        assertThat(r.fits()).as("an RSS and a heap fit per kind, each through two points")
                .extracting(ScenarioRecord.Fit::series, ScenarioRecord.Fit::measure, ScenarioRecord.Fit::points)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("platform", "rss", 2),
                        org.assertj.core.groups.Tuple.tuple("platform", "heap", 2),
                        org.assertj.core.groups.Tuple.tuple("virtual", "rss", 2),
                        org.assertj.core.groups.Tuple.tuple("virtual", "heap", 2));
        assertThat(r.fits()).as("each fit has a slope").allSatisfy(f -> assertThat(f.slope()).isFinite());
        assertThat(progress.toString()).as("a progress line per step").contains("thread-limits/virtual/N200: 200 tasks");
    }

    @Test
    void spinnerStep_everySpinnerAnswers42_clears_andStopsWhenItsCallerIsInterrupted() throws Exception {
        for (String model : List.of("threads", "futures", "reactive", "virtual-threads")) {
            Step s = ScenarioMain.run(new ScenarioSpec("t/" + model, ScenarioSpec.SPINNER, model, "spinner", 1, null,
                    null, List.of(), 200, 0, 0, 0, 0));

            assertThat(s.state()).as(model + ": " + s.failure()).isEqualTo(ScenarioRecord.OK);
            assertThat(s.spinner().answer()).as(model + " answers the tutorial's 42").isEqualTo(42);
            assertThat(s.spinner().frames()).as(model + " showed frames while waiting").isPositive();
            assertThat(s.spinner().cancelledByException()).as(model + ": interrupted, spin throws").isTrue();
            assertThat(s.spinner().framesAfterCancel()).as(model + ": no frame after the cancel").isZero();
        }
    }

    @Test
    void failedStart_isBlamedOnTheLimitNearestItsCount() {
        Map<String, Long> limits = Map.of(ThreadLimits.PID_MAX, 32_768L, ThreadLimits.THREADS_MAX, 190_000L,
                ThreadLimits.ULIMIT_U, -1L, ThreadLimits.MAX_MAP_COUNT, 65_530L);
        Map<String, Long> observed = Map.of(ThreadLimits.TASKS_ON_MACHINE, 32_700L, ThreadLimits.MAPS_OF_JVM, 63_000L);

        assertThat(ThreadLimits.nearest(limits, observed)).as("32,700 of 32,768 pids is nearer than 63,000 of 65,530 maps")
                .isEqualTo("pid_max = 32,768 (32,700 tasks on the machine at the failure, 100 % of it)");
    }

    /** Every file the step JVMs wrote into {@code dir}, for a failure's message. */
    private static String logs(Path dir) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        try (var files = java.nio.file.Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(java.nio.file.Files::isRegularFile)::iterator) {
                b.append("\n== ").append(f.getFileName()).append("\n").append(java.nio.file.Files.readString(f));
            }
        }
        return b.toString();
    }
}
