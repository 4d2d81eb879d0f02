package dev.flagbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.Spinner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpinnerCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"threads", "futures", "reactive", "virtual-threads"})
    void spinner_offATerminal_printsPlainFrameLines_thenTheAnswer(String model) {
        CliRun r = CliRun.of("spinner", "--model", model, "--delay", "200ms");

        assertThat(r.exitCode()).as(model + ": succeeds").isZero();
        assertThat(r.out()).as(model + ": prints the answer on its own line").contains("Answer: 42" + System.lineSeparator())
                .as("shows the first frame as a plain line").startsWith(Spinner.frame(0) + System.lineSeparator())
                .as("no carriage return: the output is not a terminal").doesNotContain("\r");
        assertThat(r.err()).as(model + ": nothing on stderr").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "spinner --model nope                    | --model | nope",
            "spinner --model sequential              | --model | has no spinner",
            "spinner --model threads --delay 0       | --delay | '0'",
            "spinner --model threads --delay 0ms     | --delay | '0ms'",
            "spinner --model threads --delay -1s     | --delay | -1s",
    })
    void badOption_exitsWith2_namingTheOptionAndTheValue(String command, String option, String value) {
        CliRun r = CliRun.of(command.trim().split("\\s+"));

        assertThat(r.exitCode()).as("a bad option is a usage error: exit 2").isEqualTo(2);
        assertThat(r.err()).as("the message names the option").contains(option.trim())
                .as("and the value or why").contains(value.trim());
        assertThat(r.out()).as("no spinner ran").doesNotContain("thinking");
    }

    @Test
    void help_describesTheCommand() {
        CliRun r = CliRun.of("spinner", "--help");

        assertThat(r.exitCode()).as("--help succeeds").isZero();
        assertThat(r.out()).as("prints its usage with both options").contains("Usage:").contains("spinner")
                .contains("--model").contains("--delay");
    }
}
