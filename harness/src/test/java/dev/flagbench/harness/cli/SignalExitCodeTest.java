package dev.flagbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The servers' help says what their exit codes are when a signal stops them, and that is what they exit with. */
class SignalExitCodeTest {

    @ParameterizedTest
    @CsvSource({
            "mock-server, TERM, 143",
            "mock-server, INT, 130",
            "echo-server, TERM, 143",
    })
    void serverStoppedByASignal_exitsWithTheCodeItsHelpStates(String command, String signal, int code,
                                                              @TempDir Path dir) throws Exception {
        String[] args = command.equals("echo-server")
                ? new String[] {command, "--model", "sequential", "--port", "0"}
                : new String[] {command, "--port", "0"};
        String help = CliRun.of(command, "--help").out();
        assertThat(help).as("the help names the code for SIG" + signal).contains(code + " stopped by")
                .doesNotContain("0 stopped by a signal");

        try (CliProcess p = CliProcess.start(dir.resolve("stderr.txt"), args)) {
            assertThat(p.awaitLine("Ctrl-C stops it", 60)).as("the server started: " + p.stderr()).isTrue();
            p.signal(signal);

            assertThat(p.exitCode(30)).as("SIG" + signal + " ends it with the code its help states").isEqualTo(code);
            assertThat(p.stderr()).as("no stack trace").doesNotContain("\tat ");
        }
    }
}
