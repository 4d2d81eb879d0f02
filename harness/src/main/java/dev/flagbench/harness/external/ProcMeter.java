package dev.flagbench.harness.external;

import dev.flagbench.harness.data.TrialRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resources of another process over its measured phase, read by the harness from /proc, the same for every
 * external model: CPU time (utime + stime of /proc/PID/stat, every thread's, also of threads that have ended), peak
 * RSS (VmHWM, the process's whole life, as for a trial JVM) and peak OS threads (the {@code Threads:} line of
 * /proc/PID/status, sampled every {@value #SAMPLE_MILLIS} ms between GO and MEASURED).
 */
public final class ProcMeter implements AutoCloseable {
    /** The sampling period of the thread count. */
    static final int SAMPLE_MILLIS = 5;
    /** Linux's USER_HZ, the unit of /proc/PID/stat's times: 100 on every architecture's user ABI. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final long pid;
    private final long cpu0;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile int peakThreads;

    private ProcMeter(long pid) {
        this.pid = pid;
        this.cpu0 = cpuNanos(pid);
        this.peakThreads = threads(pid);
        this.sampler = Thread.ofPlatform().daemon().name("proc-meter-" + pid).start(this::sample);
    }

    /** Starts measuring process {@code pid} (at GO). */
    public static ProcMeter start(long pid) {
        return new ProcMeter(pid);
    }

    private void sample() {
        while (running) {
            int n = threads(pid);
            if (n > peakThreads) {
                peakThreads = n;
            }
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops measuring (at MEASURED) and returns the figures; {@code null} when the process is gone. */
    public Usage stop() {
        int n = threads(pid);
        close();
        long cpu = cpuNanos(pid);
        long rss = peakRss(pid);
        if (cpu < 0 || rss <= 0) {
            return null;
        }
        return new Usage(cpu - Math.max(0, cpu0), Math.max(peakThreads, n), rss);
    }

    /** Stops the sampler. */
    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    /** CPU time of {@code pid} in nanoseconds (10 ms resolution), or -1 when it cannot be read. */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[14 - 3]);
            long stime = Long.parseLong(f[15 - 3]);
            return (utime + stime) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** VmHWM of {@code pid} in bytes, or 0. */
    static long peakRss(long pid) {
        return status(pid, "VmHWM:") * 1024;
    }

    /** The threads of {@code pid} now, or 0. */
    static int threads(long pid) {
        return (int) status(pid, "Threads:");
    }

    private static long status(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /**
     * What the process used in its measured phase.
     *
     * @param cpuNanos CPU time between GO and MEASURED
     * @param peakThreads the most OS threads seen in that phase
     * @param peakRssBytes VmHWM at MEASURED (the whole life)
     */
    public record Usage(long cpuNanos, int peakThreads, long peakRssBytes) {
        /** As the run.json record, with CPU per request over {@code requests}; GC and heap do not apply (0). */
        TrialRecord.Resources resources(long requests) {
            double cpuMillis = cpuNanos / 1e6;
            return new TrialRecord.Resources(cpuMillis, cpuMillis * 1000 / Math.max(1, requests), peakRssBytes, 0,
                    peakThreads, 0, 0, 0, 0);
        }
    }
}
