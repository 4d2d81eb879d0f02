package dev.flagbench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collection;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs every benchmark once through JMH's Runner, in one short forked iteration with small parameters. */
class BenchmarksRunOnceTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {TaskCost.class, HandOff.class, FanOut.class})
    void everyBenchmarkMethod_runsOnce_withAPositiveScore(Class<?> benchmark) throws RunnerException {
        Collection<RunResult> results = new Runner(once(benchmark)
                .param("tasks", "100")
                .param("sleepMillis", "1")
                .build()).run();

        assertThat(results).as("one result per @Benchmark method of %s", benchmark.getSimpleName())
                .hasSize(benchmarkMethods(benchmark));
        assertScoresPositive(results);
    }

    @Test
    void parkedMemory_runsOnce_andReportsHeapPerParkedTask() throws RunnerException {
        Collection<RunResult> results = new Runner(once(ParkedMemory.class)
                .param("count", "1000")
                .addProfiler(ParkedMemoryProfiler.class)
                .build()).run();

        assertThat(results).as("platform and virtual threads, at the one count given").hasSize(2);
        assertScoresPositive(results);
        for (RunResult result : results) {
            var perTask = result.getSecondaryResults();
            assertThat(perTask).as("the profiler's bytes per task for %s", label(result))
                    .containsKeys("heapBytesPerTask", "offHeapRssBytesPerTask");
            Result<?> heap = perTask.get("heapBytesPerTask");
            assertThat(heap.getScore())
                    .as("a parked thread of %s holds at least its Thread object on the heap", label(result))
                    .isPositive();
            assertThat(heap.getScoreUnit()).as("the unit of the bytes per task").isEqualTo(ParkedMemoryProfiler.UNIT);
        }
    }

    /** One fork, no warm-up, one short measured iteration of the benchmarks of {@code benchmark}. */
    private static ChainedOptionsBuilder once(Class<?> benchmark) {
        return new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark.getName() + "."))
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
    }

    private static void assertScoresPositive(Collection<RunResult> results) {
        for (RunResult result : results) {
            assertThat(result.getPrimaryResult().getScore())
                    .as("the score of %s, in %s", label(result), result.getPrimaryResult().getScoreUnit())
                    .isPositive();
        }
    }

    private static int benchmarkMethods(Class<?> benchmark) {
        return (int) Arrays.stream(benchmark.getMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class)).count();
    }

    private static String label(RunResult result) {
        return result.getParams().getBenchmark();
    }
}
