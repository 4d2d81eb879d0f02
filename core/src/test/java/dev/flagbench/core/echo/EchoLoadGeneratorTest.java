package dev.flagbench.core.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

import dev.flagbench.core.echo.FaultyEchoServer.Faults;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load generator counts what the server did, and every way it can fail, exactly. */
class EchoLoadGeneratorTest {

    private static final String HOST = "127.0.0.1";
    private static final Duration SHORT_RUN = Duration.ofMillis(300);

    private FaultyEchoServer server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private EchoLoadConfig against(Faults faults, int connections, int size, Duration duration) throws Exception {
        server = FaultyEchoServer.start(faults);
        return EchoLoadConfig.closedLoop(HOST, server.port(), connections, size, duration);
    }

    @Test
    void badInput_isRejectedUpFront_namingTheFieldAndTheValue() {
        EchoLoadConfig good = EchoLoadConfig.closedLoop(HOST, 9, 10, 64, SHORT_RUN);

        assertThatThrownBy(() -> EchoLoadConfig.closedLoop(HOST, 9, 10, 0, SHORT_RUN))
                .as("an empty message").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messageSize").hasMessageContaining("was 0");
        assertThatThrownBy(() -> EchoLoadConfig.closedLoop(HOST, 9, 10, (1 << 20) + 1, SHORT_RUN))
                .as("a message over 1 MiB").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messageSize").hasMessageContaining("was 1048577");
        assertThatThrownBy(() -> EchoLoadConfig.closedLoop(HOST, 9, 0, 64, SHORT_RUN))
                .as("no connection").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connections").hasMessageContaining("was 0");
        assertThatThrownBy(() -> good.withRate(0))
                .as("a zero rate").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate").hasMessageContaining("was 0.0");
        assertThatThrownBy(() -> good.withRate(-5))
                .as("a negative rate").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate").hasMessageContaining("was -5.0");
        assertThatThrownBy(() -> EchoLoadConfig.closedLoop(HOST, 9, 10, 64, Duration.ZERO))
                .as("a zero duration").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration").hasMessageContaining("was PT0S");
        assertThatThrownBy(() -> EchoLoadConfig.closedLoop(HOST, 9, 10, 64, Duration.ofSeconds(-1)))
                .as("a negative duration").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration").hasMessageContaining("was PT-1S");
        assertThatThrownBy(() -> EchoLoadConfig.closedLoop(HOST, 0, 10, 64, SHORT_RUN))
                .as("no port").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port").hasMessageContaining("was 0");
    }

    @Test
    void closedLoop_countsExactlyWhatTheServerEchoed() throws Exception {
        EchoLoadResult result = EchoLoadGenerator.run(against(Faults.NONE, 10, 100, SHORT_RUN));

        assertThat(result.failures().total()).as("a correct server gives a clean run:%n%s", result.describe())
                .isZero();
        assertThat(result.messages()).as("every message sent came back").isEqualTo(result.attempted())
                .isGreaterThanOrEqualTo(10);
        assertThat(result.bytes()).as("the bytes counted are the bytes the server wrote")
                .isEqualTo(server.echoed()).isEqualTo(result.messages() * 100);
        assertThat(result.latencyHistogram().getTotalCount()).as("one latency per intact echo")
                .isEqualTo(result.messages());
        assertThat(result.connectionsEstablished()).as("all connections opened").isEqualTo(10);
        assertThat(result.connectionsEchoed()).as("all connections were echoed").isEqualTo(10);
        assertThat(result.connectHistogram().getTotalCount()).as("one connect time per connection").isEqualTo(10);
        assertThat(result.messagesPerSecond()).as("the rate is the count over the elapsed time")
                .isCloseTo(result.messages() / (result.elapsed().toNanos() / 1e9),
                        withPercentage(0.01));
    }

    @Test
    void corruptingServer_oneByteInAThousand_isDetectedAndCounted() throws Exception {
        EchoLoadResult result = EchoLoadGenerator.run(
                against(new Faults(1000, -1, Duration.ZERO, false, false), 4, 100, SHORT_RUN));

        assertThat(server.corrupted()).as("the server corrupted some bytes").isPositive();
        assertThat(result.failures().integrityErrors())
                .as("each corrupted byte (one per 100-byte message at most) is an integrity error")
                .isEqualTo(server.corrupted());
        assertThat(result.messages() + result.failures().integrityErrors())
                .as("every echo is either intact or counted as corrupt").isEqualTo(result.attempted());
        assertThat(result.latencyHistogram().getTotalCount()).as("corrupt echoes are not successes")
                .isEqualTo(result.messages());
    }

    @Test
    void fixedRate_stalledServer_showsAsLatency_notAsFewerSamples() throws Exception {
        int size = 64;
        Duration stall = Duration.ofMillis(400);
        // 500 msg/s over 2 connections: 4 ms apart on each; each connection's server thread stalls at message 50
        EchoLoadConfig config = against(new Faults(0, 50L * size, stall, false, false), 2, size,
                Duration.ofSeconds(1)).withRate(500);

        EchoLoadResult result = EchoLoadGenerator.run(config);

        assertThat(result.failures().total()).as("a stall shorter than the timeout is no failure:%n%s",
                result.describe()).isZero();
        assertThat(result.attempted()).as("rate × duration messages were due").isEqualTo(500);
        assertThat(result.messages()).as("every due message was sent and echoed: no sample is missing")
                .isEqualTo(500);
        // Per connection, the 50 messages due in the first 200 ms of its 400-ms stall wait >= 200 ms from their
        // intended send time: 100 of 500 samples, so p90 cannot be lower. A closed loop would record one.
        assertThat(result.latency().p90()).as("the stall shows in the latency of the messages due during it")
                .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void blackHole_everyConnectionTimesOut_andIsCounted() throws Exception {
        EchoLoadResult result = EchoLoadGenerator.run(
                against(new Faults(0, -1, Duration.ZERO, false, true), 3, 64, Duration.ofMillis(50))
                        .withTimeout(Duration.ofMillis(300)));

        assertThat(result.failures().timeouts()).as("each connection timed out").isEqualTo(3);
        assertThat(result.failures().unanswered()).as("its message went unanswered").isEqualTo(3);
        assertThat(result.messages()).as("nothing came back").isZero();
        assertThat(result.failures().resets()).as("a timeout is not a reset").isZero();
    }

    @Test
    void resettingServer_everyResetIsCounted() throws Exception {
        EchoLoadResult result = EchoLoadGenerator.run(
                against(new Faults(0, -1, Duration.ZERO, true, false), 3, 64, SHORT_RUN));

        assertThat(result.failures().resets()).as("each connection was reset").isEqualTo(3);
        assertThat(result.failures().unanswered()).as("each first message went unanswered").isEqualTo(3);
        assertThat(result.connectionsEchoed()).as("no connection got an echo").isZero();
    }

    @Test
    void nothingListening_everyConnectFailureIsCounted() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        EchoLoadResult result = EchoLoadGenerator.run(EchoLoadConfig.closedLoop(HOST, port, 5, 64, SHORT_RUN));

        assertThat(result.failures().connectFailures()).as("every connect was refused").isEqualTo(5);
        assertThat(result.connectionsEstablished()).as("no connection opened").isZero();
        assertThat(result.attempted()).as("no message without a connection").isZero();
    }

    @Test
    void commandLine_readsDurationsAndRejectsUnknownOptions() {
        CommandLineArgs line = CommandLineArgs.parse(
                new String[] {"--duration", "500ms", "--timeout", "2m", "--port", "7"}, "duration", "timeout", "port");

        assertThat(line.duration("duration", "1s")).as("milliseconds").isEqualTo(Duration.ofMillis(500));
        assertThat(line.duration("timeout", "1s")).as("minutes").isEqualTo(Duration.ofMinutes(2));
        assertThat(line.integer("port", 0)).as("an integer").isEqualTo(7);
        assertThat(line.duration("missing", "PT3S")).as("an ISO-8601 default").isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> CommandLineArgs.parse(new String[] {"--conections", "5"}, "connections"))
                .as("a misspelt option").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--conections");
    }
}
