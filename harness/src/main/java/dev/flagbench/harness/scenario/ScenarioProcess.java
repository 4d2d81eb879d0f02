package dev.flagbench.harness.scenario;

import dev.flagbench.harness.data.ScenarioRecord;
import dev.flagbench.harness.data.ScenarioRecord.Step;
import dev.flagbench.harness.trial.Json;
import dev.flagbench.harness.trial.LiveProcesses;
import dev.flagbench.harness.trial.TrialFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario step in a fresh JVM ({@link ScenarioMain}) with a time limit, and reads its result, or the reason
 * the JVM died from its stderr. The step's JVM ends itself when this JVM goes (its standard input closes).
 */
final class ScenarioProcess {

    private final List<String> javaAndOptions;
    private final String classpath;
    private final Path workDir;

    /** A runner forking {@code java} with {@code jvmOptions} and {@code classpath}, keeping its files in {@code workDir}. */
    ScenarioProcess(String java, List<String> jvmOptions, String classpath, Path workDir) {
        this.javaAndOptions = new ArrayList<>(List.of(java));
        this.javaAndOptions.addAll(jvmOptions);
        this.classpath = classpath;
        this.workDir = workDir;
    }

    /** Runs {@code spec} with {@code extraOptions} added to the JVM's; a JVM that fails gives a FAILED step. */
    Step run(ScenarioSpec spec, List<String> extraOptions, Duration limit) throws IOException, InterruptedException {
        String stem = spec.id().replaceAll("[^A-Za-z0-9+.-]", "_");
        Path specFile = workDir.resolve(stem + ".spec.json");
        Path resultFile = workDir.resolve(stem + ".result.json");
        Path logFile = workDir.resolve(stem + ".log.txt");
        // Registered like a trial's JVM, so that Ctrl-C during a scenario ends its step JVM too and no file of it is
        // written after the scratch folder is removed.
        Process p = LiveProcesses.start(() -> {
            Files.createDirectories(workDir);
            Files.deleteIfExists(resultFile);
            Json.writeAtomically(specFile, spec);
            List<String> command = new ArrayList<>(javaAndOptions);
            command.addAll(extraOptions);
            command.addAll(List.of("-cp", classpath, ScenarioMain.class.getName(), specFile.toString(),
                    resultFile.toString()));
            Process started = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            LiveProcesses.add(started);
            return started;
        });
        try {
            String failure = null;
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                failure = "exceeded time limit of " + limit.toSeconds() + " s";
            } else if (p.exitValue() != 0 || !Files.exists(resultFile)) {
                failure = TrialFailures.reason(TrialFailures.tail(logFile), p.exitValue());
            }
            if (failure != null) {
                return Step.notMeasured(spec.id(), spec.series(), spec.role(), spec.level(), ScenarioRecord.FAILED, failure);
            }
            return Json.read(resultFile, Step.class);
        } finally {
            p.getOutputStream().close();
            LiveProcesses.kill(p);
            LiveProcesses.remove(p);
            Files.deleteIfExists(specFile);
            Files.deleteIfExists(resultFile);
            Files.deleteIfExists(logFile);
        }
    }
}
