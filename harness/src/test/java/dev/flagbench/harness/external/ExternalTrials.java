package dev.flagbench.harness.external;

import dev.flagbench.harness.trial.TrialWorkload;
import dev.flagbench.core.mock.MockServer;
import dev.flagbench.core.mock.MockStats;
import dev.flagbench.harness.trial.TrialProcess;
import dev.flagbench.harness.trial.TrialSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Runs external models' trials through the harness's {@link TrialProcess}, as a run does, against a test's server. */
final class ExternalTrials {
    /** Not the kernel's default, so that a trial reporting it proves that the program resized its own futex hash. */
    static final int FUTEX_HASH_SLOTS = 4_096;

    private ExternalTrials() {
    }

    /** Every declared external model, for a parameterized test. */
    static Stream<ExternalModel> models() {
        return ExternalModels.all().stream();
    }

    /** Skips the test (a JUnit assumption, with the reason) when {@code model} cannot run here. */
    static void assumeAvailable(ExternalModel model) {
        String reason = model.unavailableReason();
        Assumptions.assumeTrue(reason == null, () -> model.name() + " is skipped: " + reason
                + " (apt-get install python3-aiohttp python3-uvloop python3-httpx)");
    }

    /** The trial's result and failure, and what the server counted in its measured phase. */
    record Ran(TrialProcess.Outcome outcome, MockStats stats) {
    }

    /** A one-job trial of {@code items} at level {@code c} against {@code server}, with a per-request timeout. */
    static Ran run(Path dir, ExternalModel model, MockServer server, String workload, List<String> items, int c,
                   Duration timeout, TrialSpec.Steady steady, double delayMillis, String debug, Duration limit)
            throws IOException, InterruptedException {
        TrialSpec spec = TrialSpec.builder("test/" + model.name() + "/C" + c, model.name(), TrialWorkload.fromLabel(workload), c)
                .baseUrl(server.baseUrl().toString()).items(items).warmupItems(List.of())
                .requestTimeoutMillis(timeout.toMillis()).echoPoolSize(c).hgrmFile(dir.resolve("trial.hgrm").toString())
                .futexHashSlots(FUTEX_HASH_SLOTS).debug(debug).steady(steady).delayMillis(delayMillis).build();
        TrialProcess forker = new TrialProcess(TrialProcess.currentJava(), List.of(), TrialProcess.currentClasspath(),
                dir.resolve("trials"));
        MockStats[] measured = new MockStats[1];
        try {
            TrialProcess.Outcome o = forker.run(spec, limit, new TrialProcess.Hooks() {
                @Override
                public void beforeGo(String ready) {
                    server.resetStats();
                }

                @Override
                public void afterMeasured() {
                    measured[0] = server.stats();
                }
            });
            return new Ran(o, measured[0]);
        } finally {
            forker.close();
        }
    }
}
