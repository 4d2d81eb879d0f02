package dev.flagbench.jmh;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What one task costs in each model: start a trivial task somewhere else and wait for its result.
 *
 * <p>Measures, per operation, a platform thread started and joined, a virtual thread started and joined,
 * {@code CompletableFuture.supplyAsync} on a fixed pool then {@code join()}, and
 * {@code Mono.fromCallable(...).subscribeOn(Schedulers.parallel()).block()}. The task only returns a number, so
 * the score is the model's own overhead per task: creation (a thread, or a queue entry in a pool), the hand-off to
 * the thread that runs it, and the wake-up of the caller. It is the price a model pays per item before any I/O,
 * and it is why "a thread per request" was once too expensive and a virtual thread per request is not.
 *
 * <p>The caller is JMH's worker, a platform thread, in all four, so that they are compared on the same footing:
 * each score includes waking that parked OS thread when the task is done. {@code virtualThreadFromVirtual} runs the
 * same start and join with the caller itself virtual ({@code -Djmh.executor=VIRTUAL} on its fork), as in a program
 * written wholly in virtual threads, where no OS thread needs waking. Where a score includes waking an OS thread,
 * that wake is most of it, and on a small VM its cost depends on whether the other cores are idle: compare scores
 * within one run on an otherwise quiet machine.
 *
 * <p>Run alone: {@code java -jar jmh/target/benchmarks.jar TaskCost -f 1}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 16, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
@State(Scope.Benchmark)
public class TaskCost {

    private ExecutorService pool;

    /** The work of one task: a value the caller passes in and gets back plus one, so that nothing is constant. */
    private volatile int input = 42;

    /** Starts the fixed pool, one thread per core, that the futures model submits to. */
    @Setup
    public void startPool() {
        pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    }

    /** Stops the fixed pool. */
    @TearDown
    public void stopPool() {
        pool.close();
    }

    /** Starts a platform thread that runs one trivial task and joins it. */
    @Benchmark
    public int platformThread() throws InterruptedException {
        Task task = new Task(input);
        Thread.ofPlatform().start(task).join();
        return task.result;
    }

    /** Starts a virtual thread that runs one trivial task and joins it. */
    @Benchmark
    public int virtualThread() throws InterruptedException {
        Task task = new Task(input);
        Thread.ofVirtual().start(task).join();
        return task.result;
    }

    /** Starts a virtual thread from a virtual thread (JMH's worker is virtual in this fork) and joins it. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC", "-Djmh.executor=VIRTUAL"})
    public int virtualThreadFromVirtual() throws InterruptedException {
        return virtualThread();
    }

    /** Submits one trivial task to the fixed pool with {@code supplyAsync} and joins its future. */
    @Benchmark
    public int completableFuture() {
        int value = input;
        return CompletableFuture.supplyAsync(() -> value + 1, pool).join();
    }

    /** Subscribes to one trivial callable on Reactor's parallel scheduler and blocks for its value. */
    @Benchmark
    public int mono() {
        int value = input;
        Callable<Integer> task = () -> value + 1;
        return Mono.fromCallable(task).subscribeOn(Schedulers.parallel()).block();
    }

    /** A task for a thread: adds one to its input; the caller reads the result after {@code join()}. */
    static final class Task implements Runnable {
        private final int input;
        private int result;

        Task(int input) {
            this.input = input;
        }

        @Override
        public void run() {
            result = input + 1;
        }
    }
}
