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
    void warmupCap_setsBothSweepsCaps_andKeepsTheirOtherSettings() {
        Plan base = plan();
        Plan capped = plan("--warmup-cap", "30s");
        assertThat(capped.steady(dev.flagbench.harness.data.TrialRecord.THROUGHPUT))
                .isEqualTo(base.steady(dev.flagbench.harness.data.TrialRecord.THROUGHPUT).withMaxWarmupMillis(30_000));
        assertThat(capped.steady(dev.flagbench.harness.data.TrialRecord.CAPACITY))
                .isEqualTo(base.steady(dev.flagbench.harness.data.TrialRecord.CAPACITY).withMaxWarmupMillis(30_000));
        assertThat(base.steady(dev.flagbench.harness.data.TrialRecord.THROUGHPUT).maxWarmupMillis())
                .as("without it, the matrix's").isEqualTo(20_000);
        String help = Cli.commandLine().getSubcommands().get("run").getUsageMessage().replaceAll("\\s+", " ");
        assertThat(help).as("the help's defaults are the default matrix's").contains("(default: the matrix's: "
                + base.steady(dev.flagbench.harness.data.TrialRecord.CAPACITY).maxWarmupMillis() / 1000 + "s, "
                + base.steady(dev.flagbench.harness.data.TrialRecord.THROUGHPUT).maxWarmupMillis() / 1000 + "s in the");
    }

    @Test
    void theHelpsDefaultTimeouts_areTheMatrixs() {
        String help = Cli.commandLine().getSubcommands().get("run").getUsageMessage().replaceAll("\\s+", " ");
        Plan plan = plan();
        assertThat(help).contains("(default: " + plan.trialTimeout().toSeconds() + "s)")
                .contains("(default: " + plan.requestTimeout().toSeconds() + "s)");
    }

    @Test
    void theCapacitySweepsRate_isAShareOfTheCalibration_atMostTheMatrixs_unlessCapacityRateFixesIt() {
        Plan.Capacity matrix = plan().capacity();
        assertThat(matrix.calibrated(15_948).rate()).as("11 percent of 15,948, rounded down to 100").isEqualTo(1_700);
        assertThat(matrix.calibrated(15_948).delay(10_000)).isEqualTo(java.time.Duration.ofMillis(5_882));
        assertThat(matrix.calibrated(62_200).rate()).as("a fast machine: the matrix's 2,000 at most")
                .isEqualTo(2_000);
        assertThat(matrix.calibrated(15_948).calibrated(15_948).rate()).as("resolved twice").isEqualTo(1_700);
        assertThat(matrix.calibrated(300).rate()).as("at least 100 requests/s").isEqualTo(100);
        assertThat(matrix.calibrated(0).rate()).as("no calibration: the matrix's rate").isEqualTo(2_000);
        assertThat(plan().calibrated(15_948).toConfig().capacityOfferedRate()).as("run.json records the resolved rate")
                .isEqualTo(1_700);
        assertThat(plan().calibrated(15_948).toConfig().capacityRateRule())
                .isEqualTo("11 % of the mock server's calibrated capacity, at most 2,000 requests/s, rounded down to a"
                        + " multiple of 100");

        Plan.Capacity fixed = plan("--capacity-rate", "3000").capacity();
        assertThat(fixed.calibrated(21_948).rate()).as("--capacity-rate is a fixed rate").isEqualTo(3_000);
        assertThat(plan("--capacity-rate", "3000").toConfig().capacityRateRule()).isEqualTo("fixed: 3,000 requests/s");
        assertThat(plan("--capacity-levels", "100,1000").capacity().calibrated(15_948).rate())
                .as("--capacity-levels alone keeps the matrix's rule").isEqualTo(1_700);
    }

    @Test
    void theCapacityRatesHelp_namesTheShareAndTheCeiling() {
        String help = Cli.commandLine().getSubcommands().get("run").getUsageMessage().replaceAll("\\s+", " ");
        assertThat(help).contains("11 % of the mock server's calibrated capacity, at most 2,000");
    }

    @Test
    void aTrialsTimeLimit_growsBy15LInWholeSeconds() {
        assertThat(plan().trialTimeout(java.time.Duration.ofMillis(5))).as("L = 5 ms: the plan's")
                .isEqualTo(java.time.Duration.ofSeconds(120));
        assertThat(plan().trialTimeout(java.time.Duration.ofMillis(10_556))).as("C = 19,000 at 1,800 requests/s")
                .isEqualTo(java.time.Duration.ofSeconds(120 + 158));
    }
}
