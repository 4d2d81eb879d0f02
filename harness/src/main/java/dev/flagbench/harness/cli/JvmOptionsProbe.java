package dev.flagbench.harness.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts one JVM with the trials' options before a run, so that options the JVM refuses are refused up front. */
final class JvmOptionsProbe {
    private static final long TIME_LIMIT_SECONDS = 60;

    private JvmOptionsProbe() {
    }

    /** Why {@code java} refuses to start with {@code options} (the JVM's own words), or {@code null} when it starts. */
    static String refusal(String java, List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(options);
        command.add("-version");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] output;
        try (var in = p.getInputStream()) {
            output = in.readNBytes(64 * 1024);
        }
        if (!p.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "a JVM with these options did not start within " + TIME_LIMIT_SECONDS + " s";
        }
        if (p.exitValue() == 0) {
            return null;
        }
        List<String> lines = new String(output, StandardCharsets.UTF_8).lines().map(String::trim)
                .filter(l -> !l.isEmpty()).toList();
        String words = String.join("; ", lines.stream().filter(l -> !l.startsWith("Error: Could not create the Java")
                && !l.startsWith("Error: A fatal exception has occurred")).limit(3).toList());
        return "the JVM refuses to start with it: " + (words.isEmpty() ? "exit code " + p.exitValue() : words);
    }
}
