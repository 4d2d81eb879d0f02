package dev.flagbench.jmh;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JEP 444's example, scaled down: {@code tasks} tasks that each sleep {@code sleepMillis}, all submitted at once,
 * and the time until the executor's {@code close()} has seen every one finish.
 *
 * <p>A fixed pool of 200 platform threads runs them 200 at a time, so the ideal is
 * {@code ceil(tasks / 200) * sleep} (10,000 x 10 ms: 500 ms), plus starting the pool, which each operation creates
 * and closes in a try-with-resources block as JEP 444 does; {@code newVirtualThreadPerTaskExecutor()} runs them
 * all at once, so the ideal is one sleep plus the cost of starting 10,000 virtual threads. JEP 444 quotes about
 * 50 s against about 1 s for 10,000 tasks of 1 s; the sleep here is 100 times shorter so that the whole benchmark
 * takes seconds, and the cost of starting the tasks weighs correspondingly more in each score. This is the throughput
 * claim of Table 1 in one line: blocking tasks that wait scale with the number of tasks a model can hold, not with
 * the number of cores.
 *
 * <p>Run alone: {@code java -jar jmh/target/benchmarks.jar FanOut -f 1}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
@State(Scope.Benchmark)
public class FanOut {

    /** The size of the fixed pool of platform threads, as in JEP 444's comparison. */
    public static final int POOL_SIZE = 200;

    /** How many tasks one operation submits. */
    @Param("10000")
    public int tasks;

    /** How long each task sleeps, in milliseconds. */
    @Param("10")
    public int sleepMillis;

    /** Runs every task on a fixed pool of 200 platform threads; returns how many finished. */
    @Benchmark
    public int platformPool() {
        AtomicInteger finished = new AtomicInteger();
        try (ExecutorService executor = Executors.newFixedThreadPool(POOL_SIZE)) {
            submitAll(executor, finished);
        }
        return finished.get();
    }

    /** Runs every task on a virtual thread of its own; returns how many finished. */
    @Benchmark
    public int virtualPerTask() {
        AtomicInteger finished = new AtomicInteger();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            submitAll(executor, finished);
        }
        return finished.get();
    }

    private void submitAll(ExecutorService executor, AtomicInteger finished) {
        Duration sleep = Duration.ofMillis(sleepMillis);
        for (int i = 0; i < tasks; i++) {
            executor.submit(() -> {
                Thread.sleep(sleep);
                return finished.incrementAndGet();
            });
        }
    }
}
