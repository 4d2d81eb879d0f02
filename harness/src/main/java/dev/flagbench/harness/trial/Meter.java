package dev.flagbench.harness.trial;

import dev.flagbench.harness.data.TrialRecord;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import jdk.jfr.Recording;
import jdk.management.VirtualThreadSchedulerMXBean;

/**
 * Measures the trial JVM's resources over the measured phase: CPU, GC, peak threads, then RSS and heap after GC;
 * and, for a model that runs virtual threads, records the JFR events the harness counts afterwards.
 *
 * <p>Every model that runs virtual threads gets the same JFR settings: a recording of jdk.VirtualThreadStart and
 * jdk.VirtualThreadPinned (threshold 0 ms, so every pinned park counts), nothing else, started before the measured
 * phase once the warm-up has shown that the model uses the virtual-thread scheduler (its pool has carrier threads).
 * A model that does not starts no virtual thread and gets no recording: JFR's start-up costs half a CPU-second per
 * trial JVM, for counts that would be zero. After the phase the recording is dumped to a file that the harness reads
 * with {@link JfrCounts}, counting only the events that started inside the measured phase.
 */
final class Meter implements AutoCloseable {
    private static final String VIRTUAL_START = JfrCounts.VIRTUAL_START;
    private static final String PINNED = JfrCounts.PINNED;
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final VirtualThreadSchedulerMXBean scheduler =
            ManagementFactory.getPlatformMXBean(VirtualThreadSchedulerMXBean.class);
    private Recording jfr;
    private long cpu0;
    private long jit0;
    private long gcCount0;
    private long gcMillis0;
    private Instant from;

    /** Whether any virtual thread has run in this JVM so far: the scheduler's pool has started carrier threads. */
    boolean virtualThreadsUsed() {
        return scheduler.getPoolSize() > 0;
    }

    /** Starts the JFR recording of virtual-thread starts and pinning (before the measured phase). */
    void record() {
        if (jfr == null) {
            jfr = new Recording();
            jfr.enable(VIRTUAL_START);
            jfr.enable(PINNED).withThreshold(Duration.ZERO);
            jfr.setToDisk(true);
            jfr.start();
        }
    }

    /** Whether {@link #record} was called. */
    boolean recording() {
        return jfr != null;
    }

    /** Marks the start of the measured phase. */
    void start() {
        threads.resetPeakThreadCount();
        gcCount0 = gcCount();
        gcMillis0 = gcMillis();
        from = Instant.now();
        jit0 = compilerTicks();
        cpu0 = os.getProcessCpuTime();
    }

    /**
     * Marks the end of the measured phase, dumps the JFR recording (if any) to {@code jfrFile}, then collects the
     * figures.
     */
    Usage stop(Path jfrFile) throws IOException {
        long cpu = os.getProcessCpuTime() - cpu0;
        long jitTicks = jit0 < 0 ? -1 : compilerTicks();
        Double jitMillis = jitTicks < 0 ? null : (jitTicks - jit0) * 1000.0 / CLOCK_TICKS_PER_SECOND;
        Instant to = Instant.now();
        int peakThreads = threads.getPeakThreadCount();
        long gcCount = gcCount() - gcCount0;
        long gcMillis = gcMillis() - gcMillis0;
        if (jfr != null) {
            jfr.stop();
            if (jfrFile != null) {
                jfr.dump(jfrFile);
            }
        }
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Usage(cpu, peakThreads, gcCount, gcMillis, heap, peakRss(), from, to, jitMillis);
    }

    /** Closes the recording, if any. */
    @Override
    public void close() {
        if (jfr != null) {
            jfr.close();
        }
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(n -> n > 0).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(n -> n > 0).sum();
    }

    /** The kernel's clock ticks per second, in which /proc reports a thread's CPU time (USER_HZ, 100 on Linux). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /**
     * The CPU time, in clock ticks, of this JVM's JIT compiler threads (named {@code C1 CompilerThread<n>} and
     * {@code C2 CompilerThread<n>}, which the JVM hides from ThreadMXBean) from /proc/self/task, or -1 where /proc
     * is not available.
     */
    static long compilerTicks() {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readAllLines(task.resolve("comm")).get(0).strip();
                    if (!comm.startsWith("C1 CompilerThre") && !comm.startsWith("C2 CompilerThre")) {
                        continue;
                    }
                    String stat = Files.readAllLines(task.resolve("stat")).get(0);
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read: its time is no longer the JIT's to count
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks;
    }

    /** VmHWM of this process in bytes, or 0 where /proc is not available. */
    static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** The measured phase's figures; the JFR counts are filled in by the harness. */
    record Usage(long cpuNanos, int peakThreads, long gcCount, long gcMillis, long heapAfterGc, long peakRss,
                 Instant from, Instant to, Double jitCpuMillis) {
        /** As the run.json record, with CPU per request over {@code requests}. */
        TrialRecord.Resources resources(long requests) {
            double cpuMillis = cpuNanos / 1e6;
            return new TrialRecord.Resources(cpuMillis, cpuMillis * 1000 / Math.max(1, requests), peakRss, heapAfterGc,
                    peakThreads, 0, gcCount, gcMillis, 0, jitCpuMillis);
        }
    }
}
