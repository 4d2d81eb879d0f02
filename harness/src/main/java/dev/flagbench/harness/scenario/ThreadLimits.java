package dev.flagbench.harness.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The machine limits that bound how many threads a JVM can start, and the counts they bound, read from /proc: what a
 * thread-limits step records beside a failed start.
 */
final class ThreadLimits {
    /** The series of platform threads. */
    static final String PLATFORM = "platform";
    /** The series of virtual threads. */
    static final String VIRTUAL = "virtual";
    /** Limit and count names, as run.json records them. */
    static final String PID_MAX = "pid_max";
    static final String THREADS_MAX = "threads-max";
    static final String MAX_MAP_COUNT = "max_map_count";
    static final String ULIMIT_U = "ulimit -u";
    static final String TASKS_ON_MACHINE = "tasks on the machine";
    static final String THREADS_OF_JVM = "threads of this JVM";
    static final String MAPS_OF_JVM = "memory maps of this JVM";

    private ThreadLimits() {
    }

    /** pid_max, threads-max, max_map_count and the soft {@code ulimit -u} (-1 when unlimited or unreadable). */
    static Map<String, Long> limits() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(PID_MAX, number(Path.of("/proc/sys/kernel/pid_max")));
        m.put(THREADS_MAX, number(Path.of("/proc/sys/kernel/threads-max")));
        m.put(MAX_MAP_COUNT, number(Path.of("/proc/sys/vm/max_map_count")));
        m.put(ULIMIT_U, maxProcesses());
        return m;
    }

    /** The counts those limits bound: tasks on the machine (/proc/loadavg), this JVM's threads and memory maps. */
    static Map<String, Long> observed() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(TASKS_ON_MACHINE, tasksOnMachine());
        m.put(THREADS_OF_JVM, statusField("Threads:"));
        m.put(MAPS_OF_JVM, lines(Path.of("/proc/self/maps")));
        return m;
    }

    /** This JVM's resident memory, from /proc/self/status (VmRSS), in bytes; -1 when unreadable. */
    static long rssBytes() {
        long kb = statusField("VmRSS:");
        return kb < 0 ? -1 : kb * 1024;
    }

    /**
     * The limit nearest to its count when a start failed: the largest share of a limit in use (tasks on the machine
     * against pid_max, threads-max and ulimit -u; this JVM's maps against max_map_count), in words.
     */
    static String nearest(Map<String, Long> limits, Map<String, Long> observed) {
        String best = null;
        double share = -1;
        long used = 0;
        for (String limit : List.of(PID_MAX, THREADS_MAX, ULIMIT_U, MAX_MAP_COUNT)) {
            long l = limits.getOrDefault(limit, -1L);
            long n = observed.getOrDefault(limit.equals(MAX_MAP_COUNT) ? MAPS_OF_JVM : TASKS_ON_MACHINE, -1L);
            if (l > 0 && n >= 0 && (double) n / l > share) {
                best = limit;
                share = (double) n / l;
                used = n;
            }
        }
        return best == null ? null : String.format(Locale.ROOT, "%s = %,d (%,d %s at the failure, %.0f %% of it)", best,
                limits.get(best), used, best.equals(MAX_MAP_COUNT) ? MAPS_OF_JVM : TASKS_ON_MACHINE, 100 * share);
    }

    private static long tasksOnMachine() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/loadavg")).get(0).trim().split("\\s+");
            return Long.parseLong(fields[3].substring(fields[3].indexOf('/') + 1));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long maxProcesses() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/limits"))) {
            return lines.filter(l -> l.startsWith("Max processes")).findFirst()
                    .map(l -> l.substring("Max processes".length()).trim().split("\\s+")[0])
                    .map(v -> v.equals("unlimited") ? -1L : Long.parseLong(v)).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long statusField(String field) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith(field)).findFirst()
                    .map(l -> Long.parseLong(l.substring(field.length()).trim().split("\\s+")[0])).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long number(Path p) {
        try {
            // Files.readString trusts the size procfs reports (0) and reads a byte at a time: a /proc/sys file
            // answers a read at an offset past 0 with its end, so only the first digit came back. Read lines.
            return Long.parseLong(Files.readAllLines(p).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long lines(Path p) {
        try (Stream<String> lines = Files.lines(p)) {
            return lines.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
