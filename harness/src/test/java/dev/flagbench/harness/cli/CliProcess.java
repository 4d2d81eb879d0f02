package dev.flagbench.harness.cli;

import dev.flagbench.harness.trial.TrialProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The CLI in a JVM of its own, as a user starts it from a shell: for signals, which a test cannot send to itself. */
final class CliProcess implements AutoCloseable {
    private final Process process;
    private final Path stderr;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());

    private CliProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        });
    }

    /** Starts {@code flagbench args...} with this JVM's java and class path; its stderr goes to {@code stderr}. */
    static CliProcess start(Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(TrialProcess.currentJava(), "--enable-native-access=ALL-UNNAMED",
                "-cp", TrialProcess.currentClasspath(), Cli.class.getName()));
        command.addAll(List.of(args));
        return new CliProcess(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
    }

    /** Waits up to {@code seconds} for a stdout line containing {@code text}; false if none came. */
    boolean awaitLine(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String l = lines.poll(100, TimeUnit.MILLISECONDS);
            if (l != null) {
                seen.add(l);
                if (l.contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Sends {@code signal} (TERM, INT) as {@code kill -SIGNAL pid} does. */
    void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
    }

    /** The exit code, waiting up to {@code seconds}; -1 if it did not exit (then it is killed). */
    int exitCode(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            close();
            return -1;
        }
        return process.exitValue();
    }

    /** The stdout lines read so far, for a failure's message. */
    String seen() {
        return String.join("\n", seen);
    }

    /** What it wrote to stderr. */
    String stderr() throws IOException {
        return Files.exists(stderr) ? Files.readString(stderr) : "";
    }

    /** Its descendants still alive (trial JVMs it forked). */
    long liveDescendants() {
        return process.descendants().filter(ProcessHandle::isAlive).count();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
