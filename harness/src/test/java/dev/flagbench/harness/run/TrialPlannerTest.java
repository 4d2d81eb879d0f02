package dev.flagbench.harness.run;

import dev.flagbench.harness.trial.TrialWorkload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.trial.TrialSpec;
import dev.flagbench.harness.external.ModelCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialPlannerTest {
    private static final MachineLimits ROOMY = new MachineLimits(20_000, 32_768, 100);

    private static List<ConcurrencyModel> jvmModels() {
        return ModelCatalog.all().stream().filter(m -> ModelCatalog.external(m.name()).isEmpty()).toList();
    }

    private static List<Task> plan(Plan plan, List<String> skips) throws Exception {
        return new TrialPlanner(plan, new PrintWriter(new StringWriter()),
                (model, workload, level, reason) -> skips.add(model + " " + workload + " C" + level)).tasks(ROOMY);
    }

    @Test
    void aWorkloadWithLevelsOfItsOwn_runsOnlyThoseInTheThroughputSweep_andTheBaselineKeepsItsOneLevel() throws Exception {
        Plan plan = Matrix.DEFAULT.plan().toBuilder().models(jvmModels()).capacity(null).cold(null)
                .workloads(List.of(TrialWorkload.FLAGS, TrialWorkload.FLAGS_METADATA)).build();
        assertThat(plan.workloadLevels()).as("the default matrix").isEqualTo(Map.of(TrialWorkload.FLAGS_METADATA, List.of(1_000)));
        List<String> skips = new ArrayList<>();

        List<Task> tasks = plan(plan, skips);

        List<Task> metadata = tasks.stream().filter(t -> t.workload() == TrialWorkload.FLAGS_METADATA).toList();
        assertThat(metadata).as("flags+metadata: C = 1,000 for every model but the baseline, C = 1 for the baseline")
                .allMatch(t -> t.impl().traits().baseline() ? t.level() == 1 : t.level() == 1_000)
                .anyMatch(t -> t.level() == 1_000);
        assertThat(tasks.stream().filter(t -> t.workload() == TrialWorkload.FLAGS).map(Task::level).distinct())
                .as("flags runs both levels").containsExactlyInAnyOrder(1, 1_000);
        assertThat(tasks).allMatch(t -> TrialRecord.THROUGHPUT.equals(t.sweep()));
        assertThat(skips).as("levels a workload does not have are not skips: nothing was asked").isEmpty();
    }

    @Test
    void onlyTheThroughputSweepsSessionWarmUpWaitsForTheJit_theCapacitySweepsDoesNot() {
        Plan plan = Matrix.DEFAULT.plan();

        assertThat(plan.steady(TrialRecord.THROUGHPUT).sessionWaitsForJit()).isTrue();
        assertThat(plan.steady(TrialRecord.CAPACITY).sessionWaitsForJit()).isFalse();
        assertThat(plan.steady(TrialRecord.CAPACITY).jitQuietShare()).as("the JIT warm-up still waits")
                .isEqualTo(plan.steady().jitQuietShare()).isPositive();
        assertThat(plan.toBuilder().steady(null).build().steady(TrialRecord.CAPACITY)).as("a plan without steady state").isNull();
    }

    @Test
    void theDefaultThroughputSweep_warmsUpAndMeasuresLonger_thanTheCapacitySweep_andKeepsThatThroughToBuilder() {
        Plan plan = Matrix.DEFAULT.plan();

        TrialSpec.Steady throughput = plan.steady(TrialRecord.THROUGHPUT);
        TrialSpec.Steady capacity = plan.steady(TrialRecord.CAPACITY);
        assertThat(throughput.maxWarmupMillis()).as("a longer cap at the machine's ceiling, past the 10 s a compiler"
                + " thread takes a core there").isGreaterThan(2 * capacity.maxWarmupMillis()).isGreaterThanOrEqualTo(20_000);
        assertThat(throughput.measuredMillis()).as("and twice the window").isEqualTo(2 * capacity.measuredMillis());
        assertThat(capacity.maxWarmupMillis()).as("a round at C = 10,000 (about 8 s) outlasts the capacity cap, so that"
                + " its window judges steadiness").isLessThan(8_000);
        assertThat(plan.toBuilder().build().steady(TrialRecord.THROUGHPUT)).isEqualTo(throughput);
        assertThat(plan.toConfig().throughputSteady()).as("run.json records it").isEqualTo(throughput);
        assertThat(Matrix.QUICK.plan().steady(TrialRecord.THROUGHPUT)).as("the quick matrix keeps one method")
                .isEqualTo(Matrix.QUICK.plan().steady());
    }
}
