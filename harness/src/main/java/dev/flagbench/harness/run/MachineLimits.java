package dev.flagbench.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The machine limits a level can exceed (DESIGN.md): open files per process and threads per machine.
 *
 * @param openFilesSoftLimit the soft limit of open files per process (the harness's; trials inherit it)
 * @param pidMax /proc/sys/kernel/pid_max
 * @param threadsInUse threads alive on the whole machine when the run started
 */
public record MachineLimits(long openFilesSoftLimit, int pidMax, int threadsInUse) {
    /** Files a JVM holds besides sockets (jars, JDK modules, pipes), and threads beside the model's. */
    public static final int MARGIN = 500;

    /** Reads the limits of this machine; unknown values are {@link Long#MAX_VALUE}/{@link Integer#MAX_VALUE}. */
    public static MachineLimits probe() {
        return new MachineLimits(readOpenFilesLimit(), readPidMax(), countThreadsInUse());
    }

    /**
     * Why a download level cannot run, or {@code null}: the trial holds C client sockets and the harness C server
     * sockets (each process against the limit), and models with a platform thread per request need ~C threads.
     */
    public String downloadSkipReason(int c, boolean platformThreadPerRequest) {
        return check(c, platformThreadPerRequest, "sockets");
    }

    /** Why an echo level cannot run, or {@code null}: C server sockets in the trial, C client sockets here. */
    public String echoSkipReason(int connections, boolean platformThreadPerRequest) {
        return check(connections, platformThreadPerRequest, "connections");
    }

    private String check(int c, boolean threads, String what) {
        long files = (long) c + MARGIN;
        if (files > openFilesSoftLimit) {
            return String.format(Locale.ROOT, "needs %,d open files per process (%,d %s + %,d), the limit is %,d",
                    files, c, what, MARGIN, openFilesSoftLimit);
        }
        long needThreads = (long) c + MARGIN;
        long free = (long) pidMax - threadsInUse;
        if (threads && needThreads > free) {
            return String.format(Locale.ROOT, "needs ~%,d platform threads, only %,d of pid_max %,d are free",
                    needThreads, free, pidMax);
        }
        return null;
    }

    private static long readOpenFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
        return Long.MAX_VALUE;
    }

    private static int readPidMax() {
        try {
            // Files.readString trusts the size procfs reports, which can be wrong: read lines.
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/kernel/pid_max")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static int countThreadsInUse() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToInt(MachineLimits::threadsOf).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static int threadsOf(Path proc) {
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring("Threads:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
