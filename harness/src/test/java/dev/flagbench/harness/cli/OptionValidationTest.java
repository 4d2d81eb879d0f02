package dev.flagbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionValidationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "run --levels 10,0                 | --levels       | 0",
            "run --delay 5parsecs              | --delay        | 5parsecs",
            "run --workloads flags,bogus       | --workloads    | bogus",
            "run --trial-timeout soon          | --trial-timeout| soon",
            "run --matrix huge                 | --matrix       | huge",
            "run --server ftp://x/             | --server       | ftp://x/",
            "run --futex-hash-slots 1000       | --futex-hash-slots | 1000",
            "mock-server --error-rate 2        | --error-rate   | 2",
            "mock-server --error-status 200    | --error-status | 200",
            "mock-server --delay uniform:3s-1s | --delay        | uniform:3s-1s",
            "flags --model sequential -m 0     | --max-req      | 0",
            "flags --model sequential -s MARS  | --server       | MARS",
            "flags --model sequential 123      | CC             | 123",
            "run --models threads,threads      | --models       | threads",
            "run --server http://127.0.0.1:9/ --delay 10ms       | --delay | in-process server only",
            "run --server http://127.0.0.1:9/ --preset ERROR     | --preset | ERROR",
            "run --capacity-levels 10,0        | --capacity-levels | 0",
            "run --capacity-rate -5            | --capacity-rate | -5",
            "run --warmup-cap 0s               | --warmup-cap   | '0s'",
            "run --warmup-cap 500ms            | --warmup-cap   | 500ms",
            "run --server http://127.0.0.1:99999/              | --server | 99999",
            "flags --model sequential -s http://127.0.0.1:99999/flags | --server | 99999",
            "flags --model sequential --timeout 0s              | --timeout | '0s'",
            "run --trial-timeout 0s                             | --trial-timeout | '0s'",
            "run --request-timeout 0ms                          | --request-timeout | '0s'",
            "mock-server --port 0 --bind 192.0.2.1              | --bind | not an address of this host",
            "mock-server --port 0 --bind no-such-host.invalid   | --bind | cannot be resolved",
            "echo-server --model sequential --port 0 --bind 192.0.2.1            | --bind | 192.0.2.1",
            "echo-server --model sequential --port 0 --bind no-such-host.invalid | --bind | cannot be resolved",
            "run --models sequential --jvm-option=-XX:+NoSuchFlag | --jvm-option | Unrecognized VM option 'NoSuchFlag'",
            "run --models sequential --jvm-option=-Xmx1k         | --jvm-option | Too small maximum heap",
            "run --models sequential --out /proc/flagbench-out   | --out | refuses new folders",
            "run --server-token abc                              | --server-token | give --server URL too",
            "run --scenarios blocked-loop,nope | --scenarios    | nope",
            "run --scenarios spinner,spinner   | --scenarios    | spinner",
    })
    void badOption_exitsWith2_namingTheOptionAndTheValue(String command, String option, String value) {
        CliRun r = CliRun.of(command.trim().split("\\s+"));

        assertThat(r.exitCode()).as("a bad option is a usage error: exit 2").isEqualTo(2);
        assertThat(r.err()).as("the message names the option").contains(option.trim())
                .as("and quotes the value").contains(value.trim())
                .as("a duration is echoed as the user writes it, never ISO-8601's PT0S").doesNotContain("PT0")
                .as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void runOutThatIsAFile_exitsWith2_andRunWithABadOption_leavesNoFolder(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Path fresh = dir.resolve("fresh").resolve("results");

        CliRun asFile = CliRun.of("run", "--models", "sequential", "--out", file.toString());
        CliRun badServer = CliRun.of("run", "--models", "sequential", "--server", "http://127.0.0.1:99999/",
                "--out", fresh.toString());

        assertThat(asFile.exitCode()).as("usage error").isEqualTo(2);
        assertThat(asFile.err()).as("names --out, the file and why").contains("--out").contains(file.toString())
                .contains("is a file");
        assertThat(badServer.exitCode()).as("usage error").isEqualTo(2);
        assertThat(dir.resolve("fresh")).as("a run refused up front creates no results folder").doesNotExist();
    }

    @Test
    void durations_areEchoedAsAUserWritesThem() {
        assertThat(Converters.text(java.time.Duration.ZERO)).as("zero").isEqualTo("0s");
        assertThat(Converters.text(java.time.Duration.ofMillis(1500))).as("ms").isEqualTo("1500ms");
        assertThat(Converters.text(java.time.Duration.ofSeconds(60))).as("s").isEqualTo("60s");
        assertThat(Converters.text(java.time.Duration.ofNanos(250_000))).as("us").isEqualTo("250us");
    }

    @Test
    void flagsOutThatIsAFile_exitsWith2_beforeAnyRequest(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

        CliRun r = CliRun.of("flags", "--model", "sequential", "--out", file.toString());

        assertThat(r.exitCode()).as("usage error").isEqualTo(2);
        assertThat(r.err()).as("names the option, the value and why").contains("--out").contains(file.toString())
                .contains("not a directory");
        assertThat(r.out()).as("no flag was searched for").doesNotContain("Searching");
    }

    @Test
    void runWhereEveryLevelIsBeyondTheMachine_isRefusedUpFront_withTheLimit(@TempDir Path out) throws IOException {
        CliRun r = CliRun.of("run", "--models", "threads", "--workloads", "flags", "--levels", "999999999",
                "--out", out.toString());

        assertThat(r.exitCode()).as("nothing can run: a usage error, exit 2").isEqualTo(2);
        assertThat(r.err()).as("says so and names the limit").contains("nothing to run").contains("open files");
        try (var left = Files.list(out)) {
            assertThat(left).as("no run folder is left behind").isEmpty();
        }
    }

    @Test
    void unknownModel_exitsWith2_listingTheKnownModels() {
        CliRun r = CliRun.of("flags", "--model", "carrier-pigeon");

        assertThat(r.exitCode()).as("usage error").isEqualTo(2);
        assertThat(r.err()).as("names the option and the value").contains("--model").contains("carrier-pigeon")
                .as("lists the models that exist").contains("sequential");
    }

    @Test
    void unknownModelInRun_exitsWith2_listingTheKnownModels() {
        CliRun r = CliRun.of("run", "--models", "sequential,nope");

        assertThat(r.exitCode()).as("usage error").isEqualTo(2);
        assertThat(r.err()).as("names the bad model and the known ones").contains("--models").contains("nope").contains("sequential");
    }

    @Test
    void externalServerThatDoesNotAnswer_failsThePreflightCheck_beforeAnyTrial(@TempDir Path out) throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }

        CliRun r = CliRun.of("run", "--server", "http://127.0.0.1:" + closedPort + "/", "--models", "sequential",
                "--out", out.toString());
        CliRun fresh = CliRun.of("run", "--server", "http://127.0.0.1:" + closedPort + "/", "--models", "sequential",
                "--out", out.resolve("new").resolve("results").toString());

        assertThat(r.exitCode()).as("the run could not start: exit 1").isEqualTo(1);
        assertThat(r.err()).as("says which check failed, where, and why")
                .contains("pre-flight check failed").contains("127.0.0.1:" + closedPort).contains("ConnectException");
        try (var left = Files.list(out)) {
            assertThat(left).as("no run folder is left behind: no trial ran").isEmpty();
        }
        assertThat(fresh.exitCode()).as("the same in a results folder that did not exist").isEqualTo(1);
        assertThat(out.resolve("new")).as("which the failed pre-flight removed again").doesNotExist();
    }

    @Test
    void everySubcommand_hasHelp_withoutAWarningFromPicocli() {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream traced = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(traced, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String cmd : new String[] {"models", "mock-server", "flags", "echo-server", "run"}) {
                CliRun r = CliRun.of(cmd, "--help");
                assertThat(r.exitCode()).as(cmd + " --help succeeds").isZero();
                assertThat(r.out()).as(cmd + " --help prints its usage").contains("Usage:").contains(cmd);
            }
        } finally {
            System.setErr(stderr);
        }
        // A lone % in a description is a format specifier to picocli: it warns on stderr and prints the raw text.
        assertThat(traced.toString(java.nio.charset.StandardCharsets.UTF_8)).as("picocli's tracer").doesNotContain("picocli WARN");
    }

    @Test
    void durations_acceptMillisSecondsAndFractions() {
        assertThat(Converters.duration("500ms").toMillis()).as("500ms").isEqualTo(500);
        assertThat(Converters.duration("0.5s").toMillis()).as("0.5s is 500 ms").isEqualTo(500);
        assertThat(Converters.duration("1m").toSeconds()).as("1m").isEqualTo(60);
        assertThat(Converters.delay("uniform:100ms-300ms").nominal().toMillis()).as("uniform's nominal is its mean").isEqualTo(200);
        assertThat(Converters.delay("exp:200ms").nominal().toMillis()).as("exp's nominal is its mean").isEqualTo(200);
    }
}
