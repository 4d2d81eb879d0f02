package dev.flagbench.harness.trial;

import dev.flagbench.core.ConcurrencyModels;
import dev.flagbench.harness.external.ExternalModel;
import dev.flagbench.harness.external.ModelCatalog;
import dev.flagbench.harness.external.ProcMeter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One trial's process, forked for its spec (possibly ahead of its turn): its command line (a trial JVM, or an
 * external model's program), its files, and the reader that splits its stdout into protocol lines and other output.
 */
final class ForkedTrial {
    /** The line the stdout reader queues when the process's stdout has ended. */
    static final String EOF = "\u0000EOF";
    /** {@code -Dflagbench.trace=true} prints each trial's phase times (ms since fork) to stderr. */
    static final boolean TRACE = Boolean.getBoolean("flagbench.trace");

    final TrialSpec spec;
    final Process process;
    final long forkedAt = System.nanoTime();
    final Path specFile;
    final Path resultFile;
    final Path stderrFile;
    final Path jfrFile;
    /** Protocol lines, without their prefix, then {@link #EOF}. */
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** The last lines of stdout that were not protocol lines (the JVM reports some errors on stdout). */
    final Deque<String> otherOutput = new ArrayDeque<>();
    /** The external model whose program this is, or {@code null} for a trial JVM. */
    final ExternalModel external;
    /** An external program's resources over its measured phase, read at MEASURED. */
    ProcMeter.Usage usage;

    private ForkedTrial(TrialSpec spec, Process process, Path specFile, Path resultFile, Path stderrFile, Path jfrFile,
                        ExternalModel external) {
        this.external = external;
        this.spec = spec;
        this.process = process;
        this.specFile = specFile;
        this.resultFile = resultFile;
        this.stderrFile = stderrFile;
        this.jfrFile = jfrFile;
    }

    /**
     * Writes {@code spec} into {@code workDir} and forks its process: the external model's program, or
     * {@code javaAndOptions} with the model's declared JVM options running {@link TrialMain} on {@code classpath}.
     */
    static ForkedTrial fork(TrialSpec spec, List<String> javaAndOptions, String classpath, Path workDir) throws IOException {
        return LiveProcesses.start(() -> forkNow(spec, javaAndOptions, classpath, workDir));
    }

    private static ForkedTrial forkNow(TrialSpec spec, List<String> javaAndOptions, String classpath, Path workDir)
            throws IOException {
        Files.createDirectories(workDir.resolve("jfr"));
        String stem = spec.id().replaceAll("[^A-Za-z0-9+.-]", "_");
        Path specFile = workDir.resolve(stem + ".spec.json");
        Path resultFile = workDir.resolve(stem + ".result.json");
        Path stderrFile = workDir.resolve(stem + ".stderr.txt");
        Path jfrFile = workDir.resolve(stem + ".jfr");
        Files.deleteIfExists(resultFile);
        Files.deleteIfExists(jfrFile);
        spec = spec.withJfrFile(jfrFile.toString());
        if (spec.hgrmFile() != null) {
            Files.createDirectories(Path.of(spec.hgrmFile()).toAbsolutePath().getParent());
        }
        Json.writeAtomically(specFile, spec);
        ExternalModel external = ModelCatalog.external(spec.model()).orElse(null);
        List<String> command = new ArrayList<>();
        if (external != null) {
            command.addAll(external.trialCommand(specFile, resultFile));
        } else {
            command.addAll(javaAndOptions);
            command.addAll(modelJvmOptions(spec.model()));
            command.addAll(List.of("-cp", classpath, TrialMain.class.getName(), specFile.toString(), resultFile.toString()));
        }
        Process p = new ProcessBuilder(command).redirectError(stderrFile.toFile()).start();
        LiveProcesses.add(p);
        ForkedTrial f = new ForkedTrial(spec, p, specFile, resultFile, stderrFile, jfrFile, external);
        Thread.ofPlatform().daemon().name("trial-stdout-" + spec.id()).start(f::readStdout);
        return f;
    }

    /** The JVM options a model's traits declare, none for a series that is no model (the Netty baseline). */
    static List<String> modelJvmOptions(String model) {
        return ConcurrencyModels.all().stream().filter(m -> m.name().equals(model)).findFirst()
                .map(m -> m.traits().jvmOptions()).orElse(List.of());
    }

    /** Protocol lines go to the queue; other lines (the JVM reports some errors on stdout) are kept for a failure. */
    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(Protocol.PREFIX)) {
                    lines.add(line.substring(Protocol.PREFIX.length()).trim());
                } else {
                    synchronized (otherOutput) {
                        otherOutput.addLast(line);
                        if (otherOutput.size() > TrialFailures.STDERR_TAIL) {
                            otherOutput.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the JVM is gone: EOF below
        }
        lines.add(EOF);
    }

    /** The last lines of its stderr, then those of its stdout that were not protocol lines. */
    List<String> outputTail() throws IOException {
        List<String> tail = new ArrayList<>(TrialFailures.tail(stderrFile));
        if (TRACE) {
            String id = spec.id();
            tail.stream().filter(l -> l.startsWith("trace ")).forEach(l -> System.err.println("trace " + id + " jvm " + l.substring(6)));
        }
        synchronized (otherOutput) {
            tail.addAll(otherOutput);
        }
        return tail;
    }

    /** With {@link #TRACE}, prints the time from the fork to {@code phase}. */
    void trace(String phase) {
        if (TRACE) {
            System.err.printf("trace %s %s %d ms%n", spec.id(), phase, (System.nanoTime() - forkedAt) / 1_000_000);
        }
    }

    /** Kills the process, which will not run, and deletes its files. */
    void discard() throws IOException, InterruptedException {
        LiveProcesses.kill(process);
        LiveProcesses.remove(process);
        deleteFiles();
    }

    void deleteFiles() throws IOException {
        Files.deleteIfExists(specFile);
        Files.deleteIfExists(resultFile);
        Files.deleteIfExists(stderrFile);
        Files.deleteIfExists(jfrFile);
    }
}
