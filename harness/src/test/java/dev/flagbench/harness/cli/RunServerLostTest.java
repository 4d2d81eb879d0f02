package dev.flagbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.core.mock.MockServer;
import dev.flagbench.core.mock.MockServerConfig;
import dev.flagbench.harness.data.RunRecord;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.trial.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `run --server URL` against a mock server that dies mid-run, as a user meets it: the exit code and the files. */
class RunServerLostTest {

    @Test
    void serverKilledMidRun_exits1_namingTheServer_andKeepsTheTrialsBefore(@TempDir Path out) throws Exception {
        MockServer external = MockServer.start(MockServerConfig.loopback(FaultProfile.delay(Duration.ofMillis(5))));
        String url = external.baseUrl().toString();
        // Bounded: kills the server once run.json holds a trial (twenty are planned), or after 60 s at the latest.
        Thread killer = Thread.ofPlatform().daemon().start(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && trialsOnDisk(out) < 1) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
            external.close();
        });

        CliRun r = CliRun.of("run", "--server", url, "--models", "sequential", "--workloads", "flags", "--levels", "1",
                "--items", "10", "--repetitions", "20", "--out", out.toString());
        killer.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(r.exitCode()).as("a run whose server was lost is a failure: exit 1").isEqualTo(1);
        assertThat(r.err()).as("the message names the server and what happened")
                .contains("the mock server at " + url + " stopped answering during flags/sequential/C1/r")
                .doesNotContain("null");
        RunRecord run = Json.read(runJson(out).orElseThrow(), RunRecord.class);
        assertThat(run.status()).as("run.json says how the run ended").isEqualTo(RunRecord.SERVER_LOST);
        assertThat(run.trials()).as("trials measured before the loss are kept, OK")
                .hasSizeBetween(2, 20).first().extracting(TrialRecord::state).isEqualTo(TrialRecord.OK);
        assertThat(run.trials().getLast().state()).as("the trial that met the dead server is recorded FAILED")
                .isEqualTo(TrialRecord.FAILED);
        assertThat(run.trials()).as("no trial was attempted after the one that found the server gone")
                .filteredOn(t -> TrialRecord.FAILED.equals(t.state())).hasSize(1);
    }

    private static Optional<Path> runJson(Path out) {
        try (var dirs = Files.list(out)) {
            return dirs.map(d -> d.resolve("run.json")).filter(Files::isRegularFile).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int trialsOnDisk(Path out) {
        try {
            Optional<Path> json = runJson(out);
            return json.isEmpty() ? 0 : Json.read(json.get(), RunRecord.class).trials().size();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
