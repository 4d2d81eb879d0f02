package dev.flagbench.harness.external;

import dev.flagbench.harness.trial.TrialWorkload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Status;
import dev.flagbench.core.Traits;
import dev.flagbench.core.Workload;
import dev.flagbench.core.contract.BackgroundDownload;
import dev.flagbench.core.contract.MockServers;
import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.core.mock.MockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The descriptors, the probes that skip a model, the failures of a trial program, and the one-job mode. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExternalModelsTest {
    private static final List<String> POP20 = List.of("CN", "IN", "US", "ID", "BR", "PK", "NG", "BD", "RU", "JP", "MX",
            "PH", "VN", "ET", "EG", "DE", "IR", "TR", "CD", "FR");

    @RegisterExtension
    final MockServers servers = new MockServers();

    @TempDir
    Path dir;

    /** A model of a descriptor entry whose probe is {@code probe}, for the skip tests. */
    private ExternalModel withProbe(String... probe) {
        Traits traits = Traits.of(Traits.Threads.EVENT_LOOP, Traits.Column.ASYNCIO, "coroutines", "single thread");
        return new ExternalModel(new Descriptor.Entry("probe-test", "A model whose probe decides.", traits,
                List.of("/bin/false"), List.of(probe), List.of("flags")), dir);
    }

    /** The first model the descriptors declare that runs here; the test is skipped when none does. */
    private static ExternalModel anyAvailable() {
        ExternalModel m = ExternalTrials.models().filter(x -> x.unavailableReason() == null).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(m != null, "no external model can run here (Python or its packages missing)");
        return m;
    }

    @Test
    void packedDescriptors_declareTheTutorialsColumns_asTraits_andTheCatalogFindsThem() {
        List<ExternalModel> models = ExternalModels.all();

        assertThat(models).as("the Python models are declared").isNotEmpty();
        assertThat(models).extracting(m -> m.traits().column()).as("Table 1's columns, from the declared traits")
                .contains(Traits.Column.BASELINE, Traits.Column.THREADING, Traits.Column.FUTURES, Traits.Column.ASYNCIO);
        for (ExternalModel m : models) {
            assertThat(m.name()).as("the name is usable on a command line").matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(m.summary()).as("the summary is one line").isNotBlank().doesNotContain("\n");
            ConcurrencyModel found = ModelCatalog.byName(m.name());
            assertThat(found).as("the catalog finds %s by its name", m.name()).isSameAs(m);
            assertThat(m.trialCommand(Path.of("s.json"), Path.of("r.json")))
                    .as("the command has the descriptor's folder resolved and the two files appended")
                    .noneMatch(a -> a.contains(ExternalModel.DIR)).endsWith(Path.of("s.json").toAbsolutePath().toString(),
                            Path.of("r.json").toAbsolutePath().toString());
            assertThat(m.workloads()).as("%s runs every workload", m.name())
                    .containsExactly("flags", "flags+metadata", "peps", "echo");
        }
    }

    @Test
    void missingInterpreter_skipsTheModel_namingTheProgram() {
        ExternalModel m = withProbe("/nonexistent/python3", "probe.py");

        assertThat(m.unavailableReason()).as("the reason names the program that could not run")
                .startsWith("cannot run /nonexistent/python3");
        assertThat(ModelCatalog.skipReason(m, TrialWorkload.FLAGS)).as("every workload is skipped with that reason")
                .isEqualTo(m.unavailableReason());
    }

    @Test
    void failingProbe_skipsTheModel_withItsLastLine() {
        ExternalModel m = withProbe("/bin/sh", "-c", "echo checking; echo /usr/bin/python3 cannot import aiohttp; exit 1");

        assertThat(m.unavailableReason()).as("the probe's last line is the reason")
                .isEqualTo("its probe failed: /usr/bin/python3 cannot import aiohttp");
    }

    @Test
    void passingProbe_runsTheDeclaredWorkloads_only() {
        ExternalModel m = withProbe("/bin/sh", "-c", "exit 0");

        assertThat(m.skipReason("flags")).as("a declared workload runs").isNull();
        assertThat(m.skipReason("peps")).as("another is skipped, naming the declared ones")
                .isEqualTo("the external model declares the workloads flags, not peps");
    }

    @Test
    void programThatDies_failsTheTrial_withItsLastWords() throws Exception {
        ExternalModel m = anyAvailable();
        MockServer server = servers.start(FaultProfile.NONE);

        ExternalTrials.Ran ran = ExternalTrials.run(dir, m, server, "flags", POP20, 1, Duration.ofSeconds(5), null, 0,
                "halt", Duration.ofSeconds(30));

        assertThat(ran.outcome().result()).as("no result").isNull();
        assertThat(ran.outcome().failure()).as("the program's own error line")
                .isEqualTo("RuntimeError: the trial spec asked this program to die (debug=halt)");
    }

    @Test
    void programThatHangs_isKilledAtTheTimeLimit() throws Exception {
        ExternalModel m = anyAvailable();
        MockServer server = servers.start(FaultProfile.NONE);

        ExternalTrials.Ran ran = ExternalTrials.run(dir, m, server, "flags", POP20, 1, Duration.ofSeconds(5), null, 0,
                "hang", Duration.ofSeconds(5));

        assertThat(ran.outcome().failure()).as("the time limit ended it").isEqualTo("exceeded time limit of 5 s");
    }

    @Test
    void oneJobMode_downloadsLikeTheServer_andReportsItsSettings() throws Exception {
        ExternalModel m = anyAvailable();
        MockServer server = servers.start(FaultProfile.NONE);
        DownloadJob job = DownloadJob.of(server.baseUrl(), Workload.FLAGS, List.of("BR", "ZZ", "CN", "US"));

        DownloadResult r = m.download(job).validate(job);

        assertThat(r.count(Status.OK)).as("three flags").isEqualTo(3);
        assertThat(r.count(Status.NOT_FOUND)).as("ZZ is not found").isEqualTo(1);
        assertThat(r.outcomes().getFirst().bytes()).as("BR has the server's bytes")
                .isEqualTo(server.content().flagGif("BR").length);
        assertThat(server.stats().count("flag")).as("one request per item, as the server counted").isEqualTo(4);
        assertThat(r.clientSettings()).as("the settings the program applied").containsEntry("maxConnections", "1");
    }

    /** The flags command's cancellation: an interrupt ends the program and leaves its unfinished items CANCELLED. */
    @Test
    void oneJobMode_interrupt_endsTheProgram_andCancelsTheUnfinishedItems() throws Exception {
        ExternalModel m = anyAvailable();
        MockServer server = servers.start(FaultProfile.delay(Duration.ofSeconds(30)));
        DownloadJob job = DownloadJob.of(server.baseUrl(), Workload.FLAGS, POP20.subList(0, 4))
                .withTimeout(Duration.ofSeconds(60));

        BackgroundDownload download = BackgroundDownload.start(m, job);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.stats().inFlight() < 1 && download.running() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.stats().inFlight()).as("a request is in flight when the caller is interrupted").isPositive();
        DownloadResult r = download.interruptAndAwait(Duration.ofSeconds(20));

        assertThat(r.validate(job).count(Status.CANCELLED)).as("every unfinished item is cancelled").isEqualTo(4);
    }
}
