package dev.flagbench.harness.run;

import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.harness.data.Environment;
import dev.flagbench.harness.data.RunRecord;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.data.ScenarioRecord;
import dev.flagbench.harness.report.ReportWriter;
import dev.flagbench.harness.scenario.Scenario;
import dev.flagbench.harness.scenario.ScenarioRunner;
import dev.flagbench.harness.trial.Json;
import dev.flagbench.harness.trial.TrialMain;
import dev.flagbench.harness.trial.LiveProcesses;
import dev.flagbench.harness.trial.TrialProcess;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Runs a {@link Plan}: every trial in its own forked JVM, in increasing level order, against one mock server in
 * this JVM (or an external one); keeps run.json up to date after each trial and writes the reports at the end.
 */
public final class RunSession {
    /**
     * Every trial JVM's options, the same for every model, recorded in run.json (a model's traits may add its own).
     * The JIT's default tiers: every download trial warms its session up until its throughput is steady, so that C2
     * has compiled the model's hot paths before anything is measured. A 4 GB heap: at C = 10,000 a 2 GB heap cost
     * the reactive model 2 points of efficiency in GC, so it is sized to keep GC from deciding the result (GC time is
     * in the tables).
     * Transparent huge pages: a fresh heap costs far fewer page faults. Native access: the trial resizes its futex
     * hash through the C library ({@link dev.flagbench.harness.trial.FutexHash}).
     */
    public static final List<String> TRIAL_JVM_OPTIONS = List.of("-Xmx4g", "-XX:+UseG1GC",
            "-XX:+UseTransparentHugePages", "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED");
    /** The series name of the Netty baseline echo server, run beside the models' echo servers. */
    public static final String NETTY_BASELINE = TrialMain.NETTY_BASELINE;
    /** The run folder's scratch space for trial specs, results and the class-data archive; deleted at the end. */
    private static final String TRIALS_DIR = ".trials";
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    private final Plan plan;
    private final Path runDir;
    private final PrintWriter out;
    private final TrialProcess forker;
    private final TrialRunner runner;
    private final String java;
    private final List<String> jvmOptions;
    /** Whether trial JVMs share a class-data archive (written by a training JVM first). */
    private final boolean archived;
    private final Object lock = new Object();
    private final List<TrialRecord> trials = new ArrayList<>();
    private final List<RunRecord.Skipped> skipped = new ArrayList<>();
    private final List<ScenarioRecord> scenarioRecords = new ArrayList<>();
    /** The scenario steps' JVM options: the trials' own, without the class-data archive of the trials. */
    private final List<String> scenarioJvmOptions;
    private final String classpath;
    private List<Scenario> scenarios = List.of();
    private Scenario.Sizes scenarioSizes = Scenario.Sizes.DEFAULT;
    private boolean scenariosOnly;
    private final SeriesStops stops = new SeriesStops();
    private RunRecord record;
    private boolean closed;

    /**
     * A session writing into {@code outDir/<run-id>/}, forking trials with {@code java} and {@code jvmOptions}
     * on {@code classpath}; {@code debug} is passed to every trial spec (tests only, else {@code null}).
     */
    public RunSession(Plan plan, Path outDir, PrintWriter out, String java, List<String> jvmOptions, String classpath,
                      String debug) throws IOException {
        this.plan = plan;
        String id = RUN_ID.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Path dir = outDir.resolve(id);
        for (int i = 2; Files.exists(dir); i++) {
            dir = outDir.resolve(id + "-" + i);
        }
        this.runDir = dir; // created by the first write of run.json: a run that never starts leaves nothing
        this.out = out;
        this.java = java;
        List<String> options = new ArrayList<>(jvmOptions);
        this.scenarioJvmOptions = List.copyOf(jvmOptions);
        this.classpath = classpath;
        // One class-data archive per run, written by the first trial JVM at its exit and mapped by the others:
        // start-up only (outside every measured phase), the same for every model.
        // CDS cannot archive classes from directories: only when the class path is jars (java -jar harness.jar).
        this.archived = Arrays.stream(classpath.split(File.pathSeparator)).allMatch(e -> e.endsWith(".jar"));
        if (archived) {
            options.add("-XX:+AutoCreateSharedArchive");
            options.add("-XX:SharedArchiveFile=" + runDir.resolve(TRIALS_DIR).resolve("trials.jsa"));
        }
        this.jvmOptions = List.copyOf(options);
        this.forker = new TrialProcess(java, this.jvmOptions, classpath, runDir.resolve(TRIALS_DIR));
        this.runner = new TrialRunner(plan, runDir, out, forker, this.jvmOptions, debug);
    }

    /** A plan whose every trial is skipped before it starts (each level beyond a machine limit): refused up front. */
    public static final class NothingToRun extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NothingToRun(List<RunRecord.Skipped> skipped) {
            super("nothing to run: every planned trial is beyond this machine's limits ("
                    + skipped.stream().map(s -> s.model() + " " + s.workload() + " at " + s.level() + ": " + s.reason())
                    .distinct().limit(3).collect(Collectors.joining("; "))
                    + (skipped.size() > 3 ? "; ..." : "") + ")");
        }
    }

    /** Why the run ended before its last trial (the server was lost), or {@code null}. */
    private String endReason;

    /** JMH's results to copy into the run's folder for its report, or {@code null}. */
    private Path microBenchmarks;

    /** Copies JMH's JSON results {@code jmhJson} into the run's folder as jmh.json when the run ends, for its report. */
    public void includeMicroBenchmarks(Path jmhJson) {
        this.microBenchmarks = jmhJson;
    }

    /** The external server's reset token, or {@code null}. */
    private String serverToken;

    /** Resets the external server's counters with {@code token} (its {@code mock-server --token}). */
    public void serverToken(String token) {
        this.serverToken = token;
    }

    /**
     * Runs {@code named} after the trials, at {@code sizes}, each step in a fresh JVM; with {@code only}, the plan's
     * trials are left out and only the scenarios run.
     */
    public void includeScenarios(List<Scenario> named, Scenario.Sizes sizes, boolean only) {
        this.scenarios = List.copyOf(named);
        this.scenarioSizes = sizes;
        this.scenariosOnly = only && !named.isEmpty();
    }

    /** The folder of this run's results. */
    public Path runDir() {
        return runDir;
    }

    /** The run as recorded so far. */
    public RunRecord record() {
        synchronized (lock) {
            return record;
        }
    }

    /** Runs every trial and returns the finished record; however it ends, its scratch files are removed. */
    public RunRecord run() throws IOException, InterruptedException {
        try {
            return runTrials();
        } finally {
            deleteScratch();
        }
    }

    private RunRecord runTrials() throws IOException, InterruptedException {
        MachineLimits limits = MachineLimits.probe();
        Environment env = EnvironmentProbe.probe(limits, java, jvmOptions);
        long cpu0 = processCpuNanos();
        ServerHandle measured = null;
        try {
            measured = plan.externalServer() != null
                    ? ServerHandle.external(plan.externalServer(), plan.seed(), serverToken)
                    : ServerHandle.inProcess(plan.faults(), plan.seed());
            measured.resetStats(); // the pre-flight of the reset every trial makes: a refused token ends the run here
        } catch (IOException e) {
            if (measured != null) {
                measured.close();
            }
            deleteTree(runDir); // nothing ran: leave no empty run folder behind
            throw String.valueOf(e.getMessage()).startsWith("pre-flight") ? e
                    : new IOException("pre-flight check failed: " + e.getMessage(), e);
        }
        try (ServerHandle server = measured;
             ServerHandle warmupServer = ServerHandle.inProcess(FaultProfile.NONE, plan.seed());
             SweepServers sweepServers = new SweepServers(plan.seed())) {
            synchronized (lock) {
                record = new RunRecord(RunRecord.FORMAT_VERSION, runDir.getFileName().toString(), "running",
                        Instant.now().toString(), null, env, plan.toConfig(), new RunRecord.ServerInfo(server.mode(),
                        server.baseUrl().toString(), plan.preset(), plan.faults().describe(), plan.seed(), null),
                        List.of(), List.of());
                write();
            }
            // The calibration comes first: the capacity sweep's offered rate may be a share of it.
            RunRecord.Calibration calibration = plan.steady() == null || scenariosOnly ? null
                    : Calibration.measure(warmupServer);
            Plan planned = calibration == null ? plan : plan.calibrated(calibration.requestsPerSecond());
            List<Task> tasks = scenariosOnly ? List.of() : new TrialPlanner(planned, out, this::skip).tasks(limits);
            if (tasks.isEmpty() && !scenariosOnly) {
                deleteTree(runDir); // nothing can run: leave no run folder behind
                throw new NothingToRun(skipped);
            }
            RunRecord.ServerInfo info = new RunRecord.ServerInfo(server.mode(), server.baseUrl().toString(), plan.preset(),
                    plan.faults().describe(), plan.seed(), null, calibration);
            synchronized (lock) {
                record = new RunRecord(record.formatVersion(), record.runId(), record.status(), record.startedAt(),
                        null, env, planned.toConfig(), info, List.of(), skipped);
                write();
            }
            out.printf("run %s: %s%n", record.runId(), runDir.toAbsolutePath());
            out.printf("server %s %s (%s), L = %d ms, %s%n", server.mode(), server.baseUrl(), plan.preset(),
                    plan.latency().toMillis(), plan.itemsRule());
            if (calibration != null) {
                out.printf(Locale.ROOT, "calibration: the mock server serves %,.0f requests/s to %d keep-alive connections"
                        + " here, %.1f µs of its CPU per request%n", calibration.requestsPerSecond(),
                        calibration.connections(), calibration.serverCpuMicrosPerRequest());
            }
            if (planned.capacity() != null && !scenariosOnly) {
                out.printf(Locale.ROOT, "capacity sweep: %,.0f requests/s offered at every level (%s)%n",
                        planned.capacity().rate(), planned.capacity().rateRule());
            }
            out.flush();
            if (archived && !tasks.isEmpty()) {
                runner.train(warmupServer);
            }
            int total = tasks.size();
            int n = 0;
            Eta eta = new Eta(tasks.stream().map(runner::predictedSeconds).toList(), tasks.stream().map(Eta::kind).toList());
            long trialStart = System.nanoTime();
            try {
                for (Task t : tasks) {
                    n++;
                    if (Thread.currentThread().isInterrupted() || isClosed()) {
                        break;
                    }
                    String counter = String.format(Locale.ROOT, "[%" + String.valueOf(total).length() + "d/%d", n, total);
                    String failed = stops.skipReason(t);
                    if (failed != null) {
                        if (stops.firstSkip(t)) {
                            skip(t.model(), t.series(), t.level(), failed);
                            eta.skipped();
                            trialStart = System.nanoTime();
                            out.println(counter + ", " + Eta.format(eta.remaining()) + "] " + t.label() + ": skipped, " + failed);
                        }
                        continue;
                    }
                    forker.forkNextWhenMeasured(n < total ? runner.spec(tasks.get(n), sweepServers.serverFor(tasks.get(n), server),
                            warmupServer) : null);
                    boolean echo = t.workload().isEcho();
                    ServerHandle measuredBy = echo ? null : sweepServers.serverFor(t, server);
                    TrialRecord r;
                    String lost = null;
                    try {
                        r = echo ? runner.echoTrial(t) : runner.downloadTrial(t, measuredBy, warmupServer);
                    } catch (IOException e) {
                        lost = ServerLoss.after(measuredBy, t);
                        if (lost == null) {
                            throw e;
                        }
                        r = runner.failed(t, 0, lost);
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        break;
                    }
                    synchronized (lock) {
                        if (closed) {
                            break;
                        }
                        trials.add(r);
                        write();
                    }
                    stops.recorded(t, r);
                    if (TrialRecord.FAILED.equals(r.state())) {
                        if (lost == null && !echo) {
                            lost = ServerLoss.after(measuredBy, t);
                        }
                    }
                    long now = System.nanoTime();
                    eta.finished((now - trialStart) / 1e9);
                    trialStart = now;
                    out.println(counter + ", " + Eta.format(eta.remaining()) + "] " + t.label() + ": " + Progress.line(r));
                    out.flush();
                    if (lost != null) {
                        endReason = lost;
                        out.println(lost + ": no more trials against it; the " + trials.size() + " measured are kept");
                        out.flush();
                        break;
                    }
                }
            } finally {
                forker.close(); // also the next trial's JVM, forked early, when a trial ends the run by an exception
            }
            if (endReason == null) {
                runScenarios();
            }
            long cpu = (processCpuNanos() - cpu0) / 1_000_000;
            synchronized (lock) {
                if (closed) {
                    return record;
                }
                RunRecord.ServerInfo done = new RunRecord.ServerInfo(info.mode(), info.baseUrl(), info.preset(), info.faults(),
                        info.seed(), server.mode().equals("in-process") ? cpu : null, info.calibration());
                record = new RunRecord(record.formatVersion(), record.runId(),
                        endReason == null ? "complete" : RunRecord.SERVER_LOST, record.startedAt(),
                        Instant.now().toString(), env, record.config(), done, trials, skipped, endReason);
                write();
                closed = true;
            }
        }
        deleteScratch();
        if (microBenchmarks != null) {
            Files.copy(microBenchmarks, runDir.resolve(ReportWriter.JMH_JSON), StandardCopyOption.REPLACE_EXISTING);
        }
        out.println();
        out.print(Progress.summary(record));
        List<Path> reports = ReportWriter.writeAll(record, runDir);
        out.println("results: " + runDir.resolve("run.json").toAbsolutePath());
        for (Path p : reports) {
            out.println("report: " + p.toAbsolutePath());
        }
        out.flush();
        if (endReason != null) {
            throw new ServerLost(endReason);
        }
        return record;
    }

    /** The run ended because its mock server stopped answering; run.json and the reports keep what was measured. */
    public static final class ServerLost extends IOException {
        private static final long serialVersionUID = 1L;

        ServerLost(String why) {
            super(why);
        }
    }

    /**
     * Ends the run early (Ctrl-C): kills the live trial, writes run.json with status "interrupted" and removes the
     * scratch files.
     */
    public void interrupt() {
        LiveProcesses.killAll();
        synchronized (lock) {
            if (closed || record == null) {
                closed = true;
                return;
            }
            record = new RunRecord(record.formatVersion(), record.runId(), "interrupted", record.startedAt(),
                    Instant.now().toString(), record.environment(), record.config(), record.server(), trials, skipped);
            try {
                write();
            } catch (IOException e) {
                out.println("could not write " + runDir.resolve("run.json") + ": " + e.getMessage());
            }
            closed = true;
        }
        try {
            deleteScratch();
        } catch (IOException e) {
            out.println("could not remove the scratch folder " + runDir.resolve(TRIALS_DIR) + ": " + e.getMessage());
        }
        out.println("interrupted: " + trials.size() + " trials kept in " + runDir.resolve("run.json").toAbsolutePath());
        out.flush();
    }

    /** Runs the scenarios asked for, after the trials, each step in a fresh JVM; run.json is rewritten after each. */
    private void runScenarios() throws IOException, InterruptedException {
        if (scenarios.isEmpty()) {
            return;
        }
        ScenarioRunner runner = new ScenarioRunner(java, scenarioJvmOptions, classpath,
                runDir.resolve(TRIALS_DIR).resolve("scenarios"), scenarioSizes, plan.seed(), out);
        for (Scenario s : scenarios) {
            if (Thread.currentThread().isInterrupted() || isClosed()) {
                return;
            }
            ScenarioRecord r = runner.run(s);
            synchronized (lock) {
                if (closed) {
                    return;
                }
                scenarioRecords.add(r);
                write();
            }
        }
    }

    /** Removes the trials' scratch folder, and hgrm/ when no trial wrote a histogram into it. */
    private void deleteScratch() throws IOException {
        deleteTree(runDir.resolve(TRIALS_DIR));
        Path hgrm = runDir.resolve("hgrm");
        if (Files.isDirectory(hgrm)) {
            try (var files = Files.list(hgrm)) {
                if (files.findAny().isEmpty()) {
                    Files.delete(hgrm);
                }
            } catch (java.nio.file.NoSuchFileException | java.nio.file.DirectoryNotEmptyException meanwhile) {
                // removed by the other end of the run, or a histogram arrived: either way, not an empty hgrm/
            }
        }
    }

    /** Deletes {@code dir} and everything below it, if it exists. */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (java.nio.file.NoSuchFileException | java.io.UncheckedIOException goneMeanwhile) {
            // deleted meanwhile by the other end of the run (the Ctrl-C hook, or the run's own end)
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private void write() throws IOException {
        record = new RunRecord(record.formatVersion(), record.runId(), record.status(), record.startedAt(),
                record.finishedAt(), record.environment(), record.config(), record.server(), trials, skipped,
                record.endReason(), scenarioRecords);
        Json.writeAtomically(runDir.resolve("run.json"), record);
    }

    private void skip(String model, String workload, int level, String reason) throws IOException {
        synchronized (lock) {
            skipped.add(new RunRecord.Skipped(model, workload, level, reason));
            if (!closed) {
                write();
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The plan's trial time limit, for messages. */
    Duration trialTimeout() {
        return plan.trialTimeout();
    }
}
