package dev.flagbench.jmh;

import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds {@link ParkedMemory}'s bytes per parked task to each iteration's results, averaged over iterations and forks.
 *
 * <p>Engage it with {@code -prof dev.flagbench.jmh.ParkedMemoryProfiler} (the {@code bench} profile does); on other
 * benchmarks it adds nothing.
 */
public final class ParkedMemoryProfiler implements InternalProfiler {

    /** The unit of both results. */
    public static final String UNIT = "B/task";

    /** Creates the profiler; JMH calls this in each forked JVM. */
    public ParkedMemoryProfiler() {
        // stateless: the readings live in ParkedMemory
    }

    @Override
    public String getDescription() {
        return "Bytes of heap and of off-heap RSS per parked task, from ParkedMemory";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        ParkedMemory.takeLast();
    }

    @Override
    public List<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                   IterationResult result) {
        return ParkedMemory.takeLast()
                .map(perTask -> List.of(
                        new ScalarResult("heapBytesPerTask", perTask.heapBytes(), UNIT, AggregationPolicy.AVG),
                        new ScalarResult("offHeapRssBytesPerTask", perTask.offHeapRssBytes(), UNIT,
                                AggregationPolicy.AVG)))
                .orElse(List.of());
    }
}
