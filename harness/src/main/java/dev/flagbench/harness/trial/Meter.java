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
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Measures the trial JVM's resources over the measured phase: CPU, GC, peak threads, JFR virtual-thread events,
 * then RSS and heap after GC.
 *
 * <p>Every model gets the same JFR settings: a recording of jdk.VirtualThreadStart and jdk.VirtualThreadPinned
 * (threshold 0 ms, so every pinned park counts), nothing else. It starts before READY, so its start-up cost is
 * outside the measured phase; it is dumped and read after the phase, and only events that started between
 * {@link #start()} and {@link #stop()} are counted. (A RecordingStream would wait for its one-second flush.)
 */
final class Meter implements AutoCloseable {
    private static final String VIRTUAL_START = "jdk.VirtualThreadStart";
    private static final String PINNED = "jdk.VirtualThreadPinned";
    private final Recording jfr = new Recording();
    private Instant from;
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpu0;
    private long gcCount0;
    private long gcMillis0;

    /** Starts the JFR stream (outside the measured phase). */
    Meter() {
        jfr.enable(VIRTUAL_START);
        jfr.enable(PINNED).withThreshold(Duration.ZERO);
        jfr.setToDisk(true);
        jfr.start();
    }

    /** Marks the start of the measured phase. */
    void start() {
        threads.resetPeakThreadCount();
        gcCount0 = gcCount();
        gcMillis0 = gcMillis();
        from = Instant.now();
        cpu0 = os.getProcessCpuTime();
    }

    /** Marks the end of the measured phase and collects the figures (GC and JFR flush happen after). */
    Usage stop() throws IOException {
        long cpu = os.getProcessCpuTime() - cpu0;
        Instant to = Instant.now();
        int peakThreads = threads.getPeakThreadCount();
        long gcCount = gcCount() - gcCount0;
        long gcMillis = gcMillis() - gcMillis0;
        jfr.stop();
        long started = 0;
        long pinned = 0;
        Path dump = Files.createTempFile("flagbench-trial", ".jfr");
        try {
            jfr.dump(dump);
            for (RecordedEvent e : RecordingFile.readAllEvents(dump)) {
                if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                    continue;
                }
                String type = e.getEventType().getName();
                if (type.equals(VIRTUAL_START)) {
                    started++;
                } else if (type.equals(PINNED)) {
                    pinned++;
                }
            }
        } finally {
            Files.deleteIfExists(dump);
        }
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Usage(cpu, peakThreads, gcCount, gcMillis, heap, peakRss(), started, pinned);
    }

    @Override
    public void close() {
        jfr.close();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(n -> n > 0).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(n -> n > 0).sum();
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

    /** The measured phase's figures. */
    record Usage(long cpuNanos, int peakThreads, long gcCount, long gcMillis, long heapAfterGc, long peakRss,
                 long virtualThreadsStarted, long pinnedEvents) {
        /** As the run.json record, with CPU per request over {@code requests}. */
        TrialRecord.Resources resources(long requests) {
            double cpuMillis = cpuNanos / 1e6;
            return new TrialRecord.Resources(cpuMillis, cpuMillis * 1000 / Math.max(1, requests), peakRss, heapAfterGc,
                    peakThreads, virtualThreadsStarted, gcCount, gcMillis, pinnedEvents);
        }
    }
}
