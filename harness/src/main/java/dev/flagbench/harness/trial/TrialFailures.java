package dev.flagbench.harness.trial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Why a forked JVM failed, in one line: read from its stderr's tail, its exit code or its time limit. */
public final class TrialFailures {
    /** Lines of a trial's stderr kept for a failure. */
    public static final int STDERR_TAIL = 50;
    private static final Pattern THROWABLE = Pattern.compile("(?:[\\w$]+\\.)*([\\w$]*(?:Error|Exception))(?::\\s*(.*))?");

    private TrialFailures() {
    }

    /**
     * The reason a JVM died, from its stderr: the first throwable named ("OutOfMemoryError: unable to create
     * native thread"), else the JVM's own error line, else the exit code.
     */
    public static String reason(List<String> stderr, int exitCode) {
        List<String> ordered = new ArrayList<>();
        // The trial's own last words come first: other threads may have complained about its early end.
        stderr.stream().filter(l -> l.startsWith("trial failed:")).forEach(ordered::add);
        ordered.addAll(stderr);
        for (String line : ordered) {
            String l = line.replaceFirst("^Exception in thread \"[^\"]*\"\\s*", "").replaceFirst("^trial failed:\\s*", "").trim();
            Matcher m = THROWABLE.matcher(l);
            if (m.lookingAt() && m.group(1).length() > "Error".length()) {
                return m.group(2) == null || m.group(2).isBlank() ? m.group(1) : m.group(1) + ": " + m.group(2).trim();
            }
        }
        for (String line : stderr) {
            if (line.startsWith("Error") || line.contains("Could not")) {
                return line.trim() + " (exit code " + exitCode + ")";
            }
        }
        String last = stderr.stream().filter(s -> !s.isBlank()).reduce((a, b) -> b).orElse("");
        return "trial JVM exited with code " + exitCode + (last.isEmpty() ? " and no result" : ": " + last.trim());
    }

    /** An exception in one line that names its class, also when it has no message. */
    public static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The failure of a process that outlived {@code limit}. */
    static String overTime(Duration limit) {
        return "exceeded time limit of " + (limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms");
    }

    /** The last {@link #STDERR_TAIL} lines of {@code file}, none when it does not exist. */
    public static List<String> tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return List.copyOf(all.subList(Math.max(0, all.size() - STDERR_TAIL), all.size()));
    }
}
