package dev.flagbench.harness.trial;

import dev.flagbench.core.ConcurrencyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The training JVM: {@link TrainMain} with the trials' JVM options runs every model once, so that the class-data
 * archive its exit writes holds every model's classes.
 */
final class TrainingJvm {
    private TrainingJvm() {
    }

    /**
     * Runs the training JVM ({@code javaAndOptions}, {@code classpath}) against {@code warmupUrl}, its files in
     * {@code workDir}. Returns {@code null}, or why it failed.
     */
    static String run(List<String> javaAndOptions, String classpath, Path workDir, String warmupUrl, List<String> flags,
                      List<String> peps, Duration timeLimit) throws IOException, InterruptedException {
        Path log = workDir.resolve("training.txt");
        Process p = LiveProcesses.start(() -> {
            Files.createDirectories(workDir.resolve("jfr"));
            List<String> command = new ArrayList<>(javaAndOptions);
            ConcurrencyModels.all().stream().flatMap(m -> m.traits().jvmOptions().stream()).distinct()
                    .forEach(command::add);
            command.add("-Djava.io.tmpdir=" + workDir.toAbsolutePath()); // its temporary files go with the scratch
            command.addAll(List.of("-cp", classpath, TrainMain.class.getName(), warmupUrl, String.join(",", flags),
                    String.join(",", peps)));
            Process started = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            LiveProcesses.add(started);
            return started;
        });
        try {
            if (!p.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                return TrialFailures.overTime(timeLimit);
            }
            return p.exitValue() == 0 ? null : TrialFailures.reason(TrialFailures.tail(log), p.exitValue());
        } finally {
            LiveProcesses.kill(p);
            LiveProcesses.remove(p);
        }
    }
}
