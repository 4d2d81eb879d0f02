package dev.flagbench.harness.trial;

import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.external.ExternalResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one trial after another, each in a fresh process ({@link ForkedTrial}): drives its {@link Handshake},
 * enforces the time limit (killing the whole process tree), and reads its result or, through {@link TrialFailures},
 * the reason it died. The next trial is forked ahead while the current one writes its result and exits; its
 * measured phase waits for the current process to be gone.
 *
 * <p>Every live process is registered in {@link LiveProcesses}, whose {@code killAll()} the harness's shutdown hook calls.
 */
public final class TrialProcess {
    /** How long a trial JVM that said DONE may take to exit before it is killed. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(30);

    /** What the harness does at each step of the handshake. */
    public interface Hooks {
        /** After READY (with its argument, e.g. the echo port) and before GO: reset the server's stats, warm up. */
        void beforeGo(String readyArgument) throws Exception;

        /** Echo only: after MEASURING, drive the load; STOP is sent when it returns. */
        default void measure(String readyArgument) throws Exception {
        }

        /**
         * After MEASURED and before the next trial's JVM is forked: read what the server counted, before the next
         * trial's warm-up can reach the same server.
         */
        default void afterMeasured() throws Exception {
        }
    }

    /**
     * The trial's end.
     *
     * @param result the trial's result, or {@code null} when it failed
     * @param failure why it failed, in one line, or {@code null}
     * @param stderrTail the last lines of its stderr, then of its stdout that were not protocol lines
     */
    public record Outcome(TrialResult result, String failure, List<String> stderrTail) {
        /** Copies the list. */
        public Outcome {
            stderrTail = List.copyOf(stderrTail);
        }
    }

    private final List<String> javaAndOptions;
    private final String classpath;
    private final Path workDir;
    /** The last trial's JVM, which may still be exiting after its DONE: the next trial waits for it before GO. */
    private Process exiting;
    /** The next trial's spec, forked as soon as the current trial says DONE. */
    private TrialSpec next;
    /** The trial forked ahead, waiting for its turn. */
    private ForkedTrial prestarted;

    /**
     * A runner forking {@code java} with {@code jvmOptions} and {@code classpath}, keeping its files in {@code workDir}.
     */
    public TrialProcess(String java, List<String> jvmOptions, String classpath, Path workDir) {
        this.javaAndOptions = new ArrayList<>();
        this.javaAndOptions.add(java);
        this.javaAndOptions.addAll(jvmOptions);
        // A trial ends with Runtime.halt, which leaves JFR's repository behind: keep it in the scratch folder.
        this.javaAndOptions.add("-XX:FlightRecorderOptions:repository=" + workDir.resolve("jfr").toAbsolutePath());
        this.classpath = classpath;
        this.workDir = workDir;
    }

    /** The java executable and class path of this JVM: what trials are forked with by default. */
    public static String currentJava() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** This JVM's class path (harness.jar when run with {@code java -jar}). */
    public static String currentClasspath() {
        return System.getProperty("java.class.path");
    }

    /**
     * The trial to fork as soon as the current one has said MEASURED, so that its JVM start and warm-up overlap the
     * current one's result writing, its exit and the harness's bookkeeping (never a measured phase: the next GO waits
     * for the current JVM to be gone). {@code null}: none.
     */
    public void forkNextWhenMeasured(TrialSpec next) {
        this.next = next;
    }

    /** Runs {@code spec} with a time limit for the whole trial JVM (warm-up included). */
    public Outcome run(TrialSpec spec, Duration timeLimit, Hooks hooks) throws IOException, InterruptedException {
        ForkedTrial f = prestarted;
        prestarted = null;
        if (f != null && !f.spec.id().equals(spec.id())) {
            f.discard();
            f = null;
        }
        if (f == null) {
            f = ForkedTrial.fork(spec, javaAndOptions, classpath, workDir);
        }
        return finish(f, timeLimit, hooks);
    }

    private Outcome finish(ForkedTrial f, Duration timeLimit, Hooks hooks) throws IOException, InterruptedException {
        TrialSpec spec = f.spec;
        Process p = f.process;
        long deadline = System.nanoTime() + timeLimit.toNanos();
        try {
            String failure = new Handshake(f, hooks, new Handshake.Runner() {
                @Override
                public void awaitPrevious() throws InterruptedException {
                    awaitExiting();
                }

                @Override
                public void forkNext() {
                    TrialProcess.this.forkNext();
                }
            }, deadline, timeLimit).drive();
            boolean done = Handshake.DONE_SEEN.equals(failure);
            if (done) {
                // The result is written; the JVM's exit overlaps the next trial's start, which waits for it before
                // its measured phase.
                failure = null;
                forkNext();
            } else if (failure == null && !p.waitFor(Handshake.remaining(deadline), TimeUnit.NANOSECONDS)) {
                failure = TrialFailures.overTime(timeLimit);
            }
            if (failure != null) {
                LiveProcesses.kill(p);
            }
            f.trace(done ? "done" : "exited");
            List<String> tail = f.outputTail();
            if (failure == null && (done || p.exitValue() == 0) && Files.exists(f.resultFile)) {
                TrialResult result = f.external != null
                        ? ExternalResult.read(f.resultFile).toTrialResult(f.usage, spec.hgrmFile())
                        : withJfrCounts(Json.read(f.resultFile, TrialResult.class));
                Outcome ok = new Outcome(result, null, tail);
                f.trace("read");
                return ok;
            }
            if (failure == null && done) {
                failure = "the trial said DONE but wrote no result";
            }
            return new Outcome(null, failure != null ? failure : TrialFailures.reason(tail, p.exitValue()), tail);
        } finally {
            if (p.isAlive()) {
                exiting = p;
            } else {
                LiveProcesses.remove(p);
            }
            f.deleteFiles();
        }
    }

    /**
     * Runs the training JVM ({@link TrainingJvm}) with the trials' JVM options against {@code warmupUrl}. Returns
     * {@code null}, or why it failed.
     */
    public String train(String warmupUrl, List<String> flags, List<String> peps, Duration timeLimit)
            throws IOException, InterruptedException {
        return TrainingJvm.run(javaAndOptions, classpath, workDir, warmupUrl, flags, peps, timeLimit);
    }

    /** The result with the virtual-thread counts of its JFR recording, read here where the JIT is warm. */
    private static TrialResult withJfrCounts(TrialResult r) throws IOException {
        if (r.jfrFile() == null || !Files.exists(Path.of(r.jfrFile())) || r.resources() == null) {
            return r;
        }
        JfrCounts c = JfrCounts.read(Path.of(r.jfrFile()), r.measuredFromEpochNanos(), r.measuredToEpochNanos());
        TrialRecord.Resources x = r.resources();
        TrialRecord.Resources counted = x.withJfrCounts(c.virtualThreadsStarted(), c.pinnedEvents());
        return r.withResources(counted);
    }

    /**
     * Forks the trial set by {@link #forkNextWhenMeasured}, once. A fork that fails here is left to that trial's own
     * {@link #run}, which forks it again and reports the failure as its own.
     */
    private void forkNext() {
        TrialSpec spec = next;
        next = null;
        if (spec != null && prestarted == null) {
            try {
                prestarted = ForkedTrial.fork(spec, javaAndOptions, classpath, workDir);
            } catch (IOException e) {
                prestarted = null;
            }
        }
    }

    /** Waits (bounded) for the previous trial's JVM to be gone, killing it if it lingers. */
    private void awaitExiting() throws InterruptedException {
        Process previous = exiting;
        exiting = null;
        if (previous != null) {
            if (!previous.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LiveProcesses.kill(previous);
            }
            LiveProcesses.remove(previous);
        }
    }

    /** Discards a trial forked ahead that will not run, and waits for the last trial's JVM to exit. */
    public void close() throws IOException, InterruptedException {
        next = null;
        ForkedTrial f = prestarted;
        prestarted = null;
        if (f != null) {
            f.discard();
        }
        awaitExiting();
    }

}
