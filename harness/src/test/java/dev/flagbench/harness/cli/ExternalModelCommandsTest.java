package dev.flagbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.harness.external.ExternalModel;
import dev.flagbench.harness.external.ExternalModels;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The CLI's commands with the external models: listed with their traits, and {@code flags} runs them. */
class ExternalModelCommandsTest {

    @Test
    void models_listsTheExternalModels_withTheirDeclaredTraits() {
        CliRun r = CliRun.of("models", "-v");

        assertThat(r.exitCode()).as("exit code").isZero();
        for (ExternalModel m : ExternalModels.all()) {
            assertThat(r.out()).as("%s is listed with its summary", m.name())
                    .containsPattern(Pattern.quote(m.name()) + " +" + Pattern.quote(m.summary()));
            assertThat(r.out()).as("and its column").contains("Table 1 column: " + m.traits().column().label());
        }
    }

    @Test
    void flags_withAnExternalModel_printsFlags2sReport() {
        ExternalModel m = ExternalModels.all().stream().filter(x -> !x.traits().baseline()).findFirst().orElseThrow();
        Assumptions.assumeTrue(m.unavailableReason() == null, () -> m.name() + " is skipped: " + m.unavailableReason());

        CliRun r = CliRun.of("flags", "--model", m.name(), "-s", "ERROR", "-l", "8");

        assertThat(r.exitCode()).as("exit code (stderr: %s)", r.err()).isZero();
        assertThat(r.out()).as("flags2's lines").contains("8 concurrent connections will be used.")
                .containsPattern("\\s+\\d+ flags? downloaded\\.").contains("Elapsed time:");
    }

    @Test
    void echoServer_withAnExternalModel_failsWithTheReason() {
        ExternalModel m = ExternalModels.all().getFirst();

        CliRun r = CliRun.of("echo-server", "--model", m.name(), "--port", "0");

        assertThat(r.exitCode()).as("exit code").isEqualTo(1);
        assertThat(r.err()).as("the reason, no stack trace").contains("its echo server runs in echo trials only").doesNotContain("\tat ");
    }
}
