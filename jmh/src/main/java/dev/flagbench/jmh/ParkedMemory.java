package dev.flagbench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one parked task costs in memory: the heap and the resident memory that each blocked platform thread and
 * each blocked virtual thread holds while it waits.
 *
 * <p>One operation starts {@code count} threads of one kind that each block on a {@link CountDownLatch}, and ends
 * when every one of them is {@code WAITING}; its time (ms, single shot) is the primary score. Around it, outside
 * the timed region, an invocation-level setup reads the baseline and a teardown reads the footprint with all of
 * them parked, then releases and joins them. Each reading follows {@code System.gc()}: live heap from the
 * {@code MemoryMXBean}, resident set from {@code VmRSS} in {@code /proc/self/status}. The slope from no parked
 * task to {@code count} of them, delta / count, is reported per iteration by {@link ParkedMemoryProfiler}, which
 * JMH's results then average with error bars like any score, in bytes per task ({@code B/task}):
 * <ul>
 *   <li>{@code heapBytesPerTask}: live heap per parked task (a virtual thread's stack is a heap object while it is
 *       unmounted; a platform thread holds only its {@code Thread} object there);</li>
 *   <li>{@code offHeapRssBytesPerTask}: resident memory outside the heap per parked task (a platform thread's stack
 *       pages and native thread structures). The forks pre-touch a fixed 2 GiB heap ({@code -Xms2g
 *       -XX:+AlwaysPreTouch}), so heap growth never shows up in RSS and the two results add up to the whole
 *       footprint instead of counting heap pages twice, or not at all when earlier garbage had touched them.</li>
 * </ul>
 * A figure at one count also carries any fixed cost of the batch divided by that count, so the largest count is
 * the closest to the marginal cost, and the slope between two counts is
 * {@code (score2 * count2 - score1 * count1) / (count2 - count1)}. JMH's {@code @AuxCounters} would not do for
 * reporting: it sums its counters over iterations and forks, which suits event counts, not a size per task.
 *
 * <p>Platform threads stop near 32,000 on this machine (pid_max 32,768), so they run at 1,000 and 10,000, virtual
 * threads also at 100,000. After each operation the teardown waits for the platform threads' OS threads to exit, so
 * that the next baseline holds none of their stacks. This is the memory half of Table 1's "threads manage
 * hundreds, async thousands+".
 *
 * <p>Run alone, with the profiler that reports the bytes:
 * {@code java -jar jmh/target/benchmarks.jar ParkedMemory -f 1 -prof dev.flagbench.jmh.ParkedMemoryProfiler}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC", "-Xms2g", "-XX:+AlwaysPreTouch"})
public class ParkedMemory {

    /** The bytes per task of the last operation, until {@link ParkedMemoryProfiler} takes them. */
    private static final AtomicReference<PerTask> LAST = new AtomicReference<>();

    /** Bytes per parked task: live heap, and resident memory outside the (pre-touched) heap. */
    record PerTask(long heapBytes, long offHeapRssBytes) {
    }

    /** Returns and forgets the bytes per task of the last operation, if one ran since the last call. */
    static Optional<PerTask> takeLast() {
        return Optional.ofNullable(LAST.getAndSet(null));
    }

    /** JVM threads that may come and go meanwhile (compiler, GC workers), allowed for when waiting for exits. */
    private static final long OS_THREAD_SLACK = 16;

    /** How long the exit of a batch's OS threads may take. */
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Waits until this process has at most {@code limit} OS threads: {@code join()} returns when a thread's Java
     * part has ended, a little before its OS thread has exited and freed its stack.
     */
    private static void awaitOsThreadsAtMost(long limit) throws InterruptedException {
        long deadline = System.nanoTime() + EXIT_TIMEOUT.toNanos();
        long now;
        while ((now = Footprint.osThreads(Footprint.status())) > limit) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(
                        "still " + now + " OS threads after " + EXIT_TIMEOUT + ", expected at most " + limit);
            }
            Thread.sleep(1);
        }
    }

    /** A batch of threads of one kind that park on a latch until released, and the memory readings around them. */
    public abstract static class ParkedTasks {
        private List<Thread> threads;
        private CountDownLatch started;
        private CountDownLatch release;
        private Footprint before;

        /** How many threads one operation parks. */
        abstract int count();

        /** The kind of thread to park. */
        abstract Thread.Builder builder();

        /** Prepares an empty batch and reads the footprint without it. */
        @Setup(Level.Invocation)
        public void readBaseline() {
            threads = new ArrayList<>(count());
            started = new CountDownLatch(count());
            release = new CountDownLatch(1);
            before = Footprint.afterGc();
        }

        /** Starts the batch and returns once every thread of it is parked. */
        int startParked() throws InterruptedException {
            Thread.Builder builder = builder();
            for (int i = 0; i < count(); i++) {
                threads.add(builder.start(this::park));
            }
            started.await();
            for (Thread thread : threads) {
                while (thread.getState() != Thread.State.WAITING) {
                    Thread.yield();
                }
            }
            return threads.size();
        }

        /**
         * Reads the footprint with the batch parked and records it per task, then releases and joins the batch and
         * waits for its OS threads to exit, so that the next baseline holds none of their stacks or objects.
         */
        @TearDown(Level.Invocation)
        public void readParkedAndRelease() throws InterruptedException {
            Footprint parked = Footprint.afterGc();
            LAST.set(new PerTask((parked.heapBytes() - before.heapBytes()) / count(),
                    (parked.rssBytes() - before.rssBytes()) / count()));
            release.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            long platform = threads.stream().filter(thread -> !thread.isVirtual()).count();
            awaitOsThreadsAtMost(parked.osThreads() - platform + OS_THREAD_SLACK);
        }

        private void park() {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Parked platform threads. */
    @State(Scope.Thread)
    public static class PlatformTasks extends ParkedTasks {
        /** How many platform threads one operation parks. */
        @Param({"1000", "10000"})
        public int count;

        @Override
        int count() {
            return count;
        }

        @Override
        Thread.Builder builder() {
            return Thread.ofPlatform();
        }
    }

    /** Parked virtual threads. */
    @State(Scope.Thread)
    public static class VirtualTasks extends ParkedTasks {
        /** How many virtual threads one operation parks. */
        @Param({"1000", "10000", "100000"})
        public int count;

        @Override
        int count() {
            return count;
        }

        @Override
        Thread.Builder builder() {
            return Thread.ofVirtual();
        }
    }

    /** Parks {@code count} platform threads; the teardown of {@code tasks} reads the bytes per task. */
    @Benchmark
    public int platformThreads(PlatformTasks tasks) throws InterruptedException {
        return tasks.startParked();
    }

    /**
     * Parks {@code count} virtual threads; the teardown of {@code tasks} reads the bytes per task.
     *
     * <p>The longer warm-up parks at least 30,000 virtual threads, enough for C2 to compile the park path: until
     * then a parked virtual thread's stack holds interpreted frames, and its heap is about 1,900 bytes instead of
     * about 750.
     */
    @Benchmark
    @Warmup(iterations = 30)
    public int virtualThreads(VirtualTasks tasks) throws InterruptedException {
        return tasks.startParked();
    }

    /** The live heap after a full collection, the resident set size and the OS threads of this process. */
    private record Footprint(long heapBytes, long rssBytes, long osThreads) {

        private static final Path STATUS = Path.of("/proc/self/status");

        /** Collects garbage, then reads all three. */
        static Footprint afterGc() {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            List<String> status = status();
            return new Footprint(heap, field(status, "VmRSS") * 1024, osThreads(status));
        }

        /** The lines of {@code /proc/self/status}. */
        static List<String> status() {
            try {
                return Files.readAllLines(STATUS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The number of OS threads in {@code status}. */
        static long osThreads(List<String> status) {
            return field(status, "Threads");
        }

        /** The number in the line {@code name: <number> [unit]} of {@code status}. */
        private static long field(List<String> status, String name) {
            return status.stream()
                    .filter(line -> line.startsWith(name + ":"))
                    .mapToLong(line -> Long.parseLong(line.substring(name.length() + 1).replaceAll("\\D", "")))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + name + " line in " + STATUS));
        }
    }
}
