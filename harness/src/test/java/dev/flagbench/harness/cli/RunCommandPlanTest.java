package dev.flagbench.harness.cli;

import dev.flagbench.harness.trial.TrialWorkload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.harness.run.Plan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandPlanTest {
    private static Plan plan(String... args) {
        CommandLine.ParseResult parsed = Cli.commandLine().parseArgs(java.util.stream.Stream.concat(
                java.util.stream.Stream.of("run"), java.util.Arrays.stream(args)).toArray(String[]::new));
        return ((RunCommand) parsed.subcommand().commandSpec().userObject()).plan();
    }

    @Test
    void theDefaultMatrix_keepsItsWorkloadsOwnLevels_andLevelsOrWorkloadsOnTheCommandLineApplyToEveryWorkload() {
        assertThat(plan().levels(TrialWorkload.FLAGS_METADATA)).as("the default matrix").isEqualTo(List.of(1_000));
        assertThat(plan().levels(TrialWorkload.FLAGS)).isEqualTo(List.of(1, 1_000));
        assertThat(plan("--levels", "1,1000").workloadLevels()).as("--levels: every workload").isEqualTo(Map.of());
        assertThat(plan("--levels", "1,1000").levels(TrialWorkload.FLAGS_METADATA)).isEqualTo(List.of(1, 1_000));
        assertThat(plan("--workloads", "flags+metadata").levels(TrialWorkload.FLAGS_METADATA)).as("--workloads: every level")
                .isEqualTo(List.of(1, 1_000));
    }

    @Test
    void theHelpsDefaultTimeouts_areTheMatrixs() {
        String help = Cli.commandLine().getSubcommands().get("run").getUsageMessage().replaceAll("\\s+", " ");
        Plan plan = plan();
        assertThat(help).contains("(default: " + plan.trialTimeout().toSeconds() + "s)")
                .contains("(default: " + plan.requestTimeout().toSeconds() + "s)");
    }
}
