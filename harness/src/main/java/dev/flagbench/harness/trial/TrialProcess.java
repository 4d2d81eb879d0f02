package dev.flagbench.harness.trial;

import dev.flagbench.core.ConcurrencyModels;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.external.ExternalModel;
import dev.flagbench.harness.external.ExternalResult;
import dev.flagbench.harness.external.ModelCatalog;
import dev.flagbench.harness.external.ProcMeter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one trial in a fresh JVM: forks it, drives the {@link Protocol} handshake, enforces the time limit
 * (killing the whole process tree), and reads the result or the reason the JVM died from its stderr. An external
 * model's trial runs its program instead of a JVM, under the same handshake; its resources are read from /proc here.
 *
 * <p>Every live trial JVM is registered so that {@link #killAll()} (the harness's shutdown hook) can end them.
 */
public final class TrialProcess {
    /** Lines of the trial's stderr kept for a failure. */
    public static final int STDERR_TAIL = 50;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    /**
     * Held while a JVM's files are written and it is started, and by {@link #killAll()}: once the run is ending no
     * JVM starts and no file is written into the scratch folder, so that its removal after killAll is final (a trial
     * forked while Ctrl-C was handled once wrote its files after the folder was removed).
     */
    private static final Object FORKING = new Object();
    /** Set by {@link #killAll()}: the run is ending. Guarded by {@link #FORKING}. */
    private static boolean ending;
    private static final Pattern THROWABLE = Pattern.compile("(?:[\\w$]+\\.)*([\\w$]*(?:Error|Exception))(?::\\s*(.*))?");
    private static final String EOF = "\u0000EOF";
    /** {@code -Dflagbench.trace=true} prints each trial's phase times (ms since fork) to stderr. */
    private static final boolean TRACE = Boolean.getBoolean("flagbench.trace");
    /** What {@code drive} returns when the trial said DONE: its result is written, its JVM is exiting. */
    private static final String DONE_SEEN = "\u0000DONE";
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
    private Forked prestarted;

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

    /** A trial JVM forked for {@code spec}, possibly ahead of its turn, with its files and its stdout reader. */
    private static final class Forked {
        final TrialSpec spec;
        final Process process;
        final long forkedAt = System.nanoTime();
        final Path specFile;
        final Path resultFile;
        final Path stderrFile;
        final Path jfrFile;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Deque<String> otherOutput = new ArrayDeque<>();
        /** The external model whose program this is, or {@code null} for a trial JVM. */
        final ExternalModel external;
        /** An external program's resources over its measured phase, read at MEASURED. */
        ProcMeter.Usage usage;

        Forked(TrialSpec spec, Process process, Path specFile, Path resultFile, Path stderrFile, Path jfrFile,
               ExternalModel external) {
            this.external = external;
            this.spec = spec;
            this.process = process;
            this.specFile = specFile;
            this.resultFile = resultFile;
            this.stderrFile = stderrFile;
            this.jfrFile = jfrFile;
        }

        void deleteFiles() throws IOException {
            Files.deleteIfExists(specFile);
            Files.deleteIfExists(resultFile);
            Files.deleteIfExists(stderrFile);
            Files.deleteIfExists(jfrFile);
        }
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
        Forked f = prestarted;
        prestarted = null;
        if (f != null && !f.spec.id().equals(spec.id())) {
            discard(f);
            f = null;
        }
        if (f == null) {
            f = fork(spec);
        }
        return finish(f, timeLimit, hooks);
    }

    /** The JVM options a model's traits declare, none for a series that is no model (the Netty baseline). */
    static List<String> modelJvmOptions(String model) {
        return ConcurrencyModels.all().stream().filter(m -> m.name().equals(model)).findFirst()
                .map(m -> m.traits().jvmOptions()).orElse(List.of());
    }

    private Forked fork(TrialSpec spec) throws IOException {
        synchronized (FORKING) {
            refuseIfEnding();
            return forkFiles(spec);
        }
    }

    /** Refuses to start a JVM once {@link #killAll()} has run. */
    private static void refuseIfEnding() throws java.io.InterruptedIOException {
        if (ending) {
            throw new java.io.InterruptedIOException("the run is ending: no further JVM is started");
        }
    }

    private Forked forkFiles(TrialSpec spec) throws IOException {
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
        LIVE.add(p);
        Forked f = new Forked(spec, p, specFile, resultFile, stderrFile, jfrFile, external);
        Thread.ofPlatform().daemon().name("trial-stdout-" + spec.id()).start(() -> readStdout(f));
        return f;
    }

    /** Protocol lines go to the queue; other lines (the JVM reports some errors on stdout) are kept for a failure. */
    private static void readStdout(Forked f) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(f.process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(Protocol.PREFIX)) {
                    f.lines.add(line.substring(Protocol.PREFIX.length()).trim());
                } else {
                    synchronized (f.otherOutput) {
                        f.otherOutput.addLast(line);
                        if (f.otherOutput.size() > STDERR_TAIL) {
                            f.otherOutput.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the JVM is gone: EOF below
        }
        f.lines.add(EOF);
    }

    private void discard(Forked f) throws IOException, InterruptedException {
        kill(f.process);
        LIVE.remove(f.process);
        f.deleteFiles();
    }

    private Outcome finish(Forked f, Duration timeLimit, Hooks hooks) throws IOException, InterruptedException {
        TrialSpec spec = f.spec;
        Process p = f.process;
        long deadline = System.nanoTime() + timeLimit.toNanos();
        long forked = f.forkedAt;
        try {
            String failure = drive(f, hooks, deadline, timeLimit);
            boolean done = DONE_SEEN.equals(failure);
            if (done) {
                // The result is written; the JVM's exit overlaps the next trial's start, which waits for it before
                // its measured phase.
                failure = null;
                forkNext();
            } else if (failure == null && !p.waitFor(remaining(deadline), TimeUnit.NANOSECONDS)) {
                failure = overTime(timeLimit);
            }
            if (failure != null) {
                kill(p);
            }
            trace(spec, done ? "done" : "exited", forked);
            List<String> tail = new ArrayList<>(tail(f.stderrFile));
            if (TRACE) {
                String id = spec.id();
                tail.stream().filter(l -> l.startsWith("trace ")).forEach(l -> System.err.println("trace " + id + " jvm " + l.substring(6)));
            }
            synchronized (f.otherOutput) {
                tail.addAll(f.otherOutput);
            }
            if (failure == null && (done || p.exitValue() == 0) && Files.exists(f.resultFile)) {
                TrialResult result = f.external != null
                        ? ExternalResult.read(f.resultFile).toTrialResult(f.usage, spec.hgrmFile())
                        : withJfrCounts(Json.read(f.resultFile, TrialResult.class));
                Outcome ok = new Outcome(result, null, tail);
                trace(spec, "read", forked);
                return ok;
            }
            if (failure == null && done) {
                failure = "the trial said DONE but wrote no result";
            }
            return new Outcome(null, failure != null ? failure : reason(tail, p.exitValue()), tail);
        } finally {
            if (p.isAlive()) {
                exiting = p;
            } else {
                LIVE.remove(p);
            }
            f.deleteFiles();
        }
    }

    /**
     * Runs {@link TrainMain} with the trials' JVM options: every model once against {@code warmupUrl}, so that the
     * class-data archive its exit writes holds every model's classes. Returns {@code null}, or why it failed.
     */
    public String train(String warmupUrl, List<String> flags, List<String> peps, Duration timeLimit)
            throws IOException, InterruptedException {
        Path log = workDir.resolve("training.txt");
        Process p;
        synchronized (FORKING) {
            refuseIfEnding();
            Files.createDirectories(workDir.resolve("jfr"));
            List<String> command = new ArrayList<>(javaAndOptions);
            ConcurrencyModels.all().stream().flatMap(m -> m.traits().jvmOptions().stream()).distinct()
                    .forEach(command::add);
            command.add("-Djava.io.tmpdir=" + workDir.toAbsolutePath()); // its temporary files go with the scratch
            command.addAll(List.of("-cp", classpath, TrainMain.class.getName(), warmupUrl, String.join(",", flags),
                    String.join(",", peps)));
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            LIVE.add(p);
        }
        try {
            if (!p.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                return overTime(timeLimit);
            }
            return p.exitValue() == 0 ? null : reason(tail(log), p.exitValue());
        } finally {
            kill(p);
            LIVE.remove(p);
        }
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
     * Runs the handshake; returns {@link #DONE_SEEN} when the trial said DONE, null when its stdout ended first (read
     * its exit code), or a failure reason.
     */
    private String drive(Forked f, Hooks hooks, long deadline, Duration limit) throws InterruptedException {
        Process p = f.process;
        try (Writer stdin = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            String ready = await(f.lines, Protocol.READY, deadline);
            if (ready == null) {
                return ended(p, deadline, limit);
            }
            String argument = ready.substring(Protocol.READY.length()).trim();
            trace(f.spec, "ready", f.forkedAt);
            awaitExiting();
            try {
                hooks.beforeGo(argument);
            } catch (IOException e) {
                return "the harness could not prepare the measured phase: " + describe(e);
            }
            send(stdin, Protocol.GO);
            ProcMeter meter = f.external != null ? ProcMeter.start(p.pid()) : null;
            if (f.spec.isEcho()) {
                if (await(f.lines, Protocol.MEASURING, deadline) == null) {
                    return ended(p, deadline, limit);
                }
                hooks.measure(argument);
                send(stdin, Protocol.STOP);
            }
            String measured = await(f.lines, Protocol.MEASURED, deadline);
            if (meter != null) {
                f.usage = meter.stop();
            }
            if (measured == null) {
                return ended(p, deadline, limit);
            }
            if (meter != null) {
                send(stdin, Protocol.COLLECTED);
            }
            trace(f.spec, "measured", f.forkedAt);
            try {
                hooks.afterMeasured();
            } catch (IOException e) {
                return "the harness could not read the server after the measured phase: " + describe(e);
            }
            forkNext();
            return await(f.lines, Protocol.DONE, deadline) != null ? DONE_SEEN : null;
        } catch (IOException e) {
            return p.isAlive() ? "lost the trial's stdin: " + describe(e) : null;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return "harness step failed: " + e;
        }
    }

    /** An exception in one line that names its class, also when it has no message. */
    public static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
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
                prestarted = fork(spec);
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
                kill(previous);
            }
            LIVE.remove(previous);
        }
    }

    /** Discards a trial forked ahead that will not run, and waits for the last trial's JVM to exit. */
    public void close() throws IOException, InterruptedException {
        next = null;
        Forked f = prestarted;
        prestarted = null;
        if (f != null) {
            discard(f);
        }
        awaitExiting();
    }

    /** The handshake stopped (stdout closed or deadline): the time limit, or null to read the exit code. */
    private static String ended(Process p, long deadline, Duration limit) throws InterruptedException {
        return p.waitFor(remaining(deadline), TimeUnit.NANOSECONDS) ? null : overTime(limit);
    }

    private static void trace(TrialSpec spec, String phase, long since) {
        if (TRACE) {
            System.err.printf("trace %s %s %d ms%n", spec.id(), phase, (System.nanoTime() - since) / 1_000_000);
        }
    }

    private static String await(BlockingQueue<String> lines, String word, long deadline) throws InterruptedException {
        while (true) {
            String line = lines.poll(remaining(deadline), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                return null;
            }
            if (line.startsWith(word)) {
                return line;
            }
        }
    }

    private static void send(Writer stdin, String word) throws IOException {
        stdin.write(word + "\n");
        stdin.flush();
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static String overTime(Duration limit) {
        return "exceeded time limit of " + (limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms");
    }

    /** Kills {@code p} and every process it started, and waits for it. */
    static void kill(Process p) throws InterruptedException {
        if (!p.isAlive()) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * Kills every live trial JVM and waits (bounded) until they are gone; no JVM starts after it (the harness's
     * shutdown hook, which removes the scratch folder next).
     */
    public static void killAll() {
        synchronized (FORKING) {
            ending = true;
            for (Process p : LIVE) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            for (Process p : LIVE) {
                try {
                    p.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static List<String> tail(Path stderr) throws IOException {
        if (!Files.exists(stderr)) {
            return List.of();
        }
        List<String> all = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        return List.copyOf(all.subList(Math.max(0, all.size() - STDERR_TAIL), all.size()));
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
}
