package dev.flagbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.mock.MockServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MockServerCommandTest {

    @Test
    void mockServer_servesAFlagByteForByte_asItsCountersSay() throws Exception {
        CompletableFuture<MockServer> started = new CompletableFuture<>();
        MockServerCommand command = new MockServerCommand().onStart(started::complete);
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(
                () -> CliRun.with(new CommandLine(command), "--port", "0", "--preset", "LOCAL"));
        MockServer server = started.get(30, TimeUnit.SECONDS);
        try (HttpClient http = HttpClient.newHttpClient()) {
            URI flag = server.baseUrl().resolve("flags/br/br.gif");
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(flag).build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(r.statusCode()).as("the flag exists").isEqualTo(200);
            assertThat(r.body()).as("the bytes are the content's GIF for BR").isEqualTo(server.content().flagGif("BR"));
            assertThat(server.stats().count("flag", 200)).as("the server counted exactly that one flag").isEqualTo(1);
        } finally {
            command.stop();
        }
        CliRun result = run.get(30, TimeUnit.SECONDS);
        assertThat(result.exitCode()).as("stopping it is a clean exit").isZero();
        assertThat(result.out()).as("it printed its base URL and the flags URL")
                .contains(server.baseUrl().toString()).contains(server.baseUrl() + "flags");
    }

    @Test
    void portInUse_exitsWith1_sayingSo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun r = CliRun.of("mock-server", "--port", String.valueOf(taken.getLocalPort()));

            assertThat(r.exitCode()).as("a port in use is a runtime failure, exit 1").isEqualTo(1);
            assertThat(r.err()).as("the message says the port is in use").contains("already in use")
                    .contains(String.valueOf(taken.getLocalPort()));
        }
    }
}
