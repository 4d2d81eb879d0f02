package dev.flagbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.core.mock.MockServer;
import dev.flagbench.core.mock.MockServerConfig;
import dev.flagbench.harness.run.ServerHandle;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness resets a server's counters with that server's token; nobody else can. */
class StatsResetTokenTest {

    @Test
    void externalServerWithAToken_refusesARunWithoutIt_upFront_andServesARunWithIt(@TempDir Path out) throws Exception {
        try (MockServer server = MockServer.start(MockServerConfig.loopback(FaultProfile.NONE).withResetToken("t0k"))) {
            String url = server.baseUrl().toString();

            CliRun without = CliRun.of("run", "--server", url, "--models", "sequential", "--workloads", "flags",
                    "--levels", "1", "--items", "3", "--repetitions", "1", "--out", out.toString());
            CliRun with = CliRun.of("run", "--server", url, "--server-token", "t0k", "--models", "sequential",
                    "--workloads", "flags", "--levels", "1", "--items", "3", "--repetitions", "1", "--warmup", "0s",
                    "--out", out.toString());

            assertThat(without.exitCode()).as("the run cannot start: exit 1").isEqualTo(1);
            assertThat(without.err()).as("the pre-flight says the reset was refused and what to give")
                    .contains("pre-flight check failed").contains("refused").contains("--server-token");
            assertThat(with.exitCode()).as("with the token the run completes: " + with.err()).isZero();
            try (var runs = Files.list(out)) {
                assertThat(runs).as("only the run that started left a folder").hasSize(1);
            }
        }
    }

    @Test
    void inProcessServer_refusesAnHttpReset_evenWithTheHeader() throws Exception {
        try (ServerHandle server = ServerHandle.inProcess(FaultProfile.NONE, 42);
             HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("__stats/reset"))
                    .header(MockServerConfig.RESET_TOKEN_HEADER, "guess").POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).as("the harness's own server takes its reset from the harness only").isEqualTo(403);
            assertThat(r.body()).as("and says why").contains("does not match");
        }
    }
}
