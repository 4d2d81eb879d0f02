package dev.flagbench.harness.run;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.Workload;
import dev.flagbench.core.echo.EchoLoadConfig;
import dev.flagbench.core.echo.EchoLoadGenerator;
import dev.flagbench.core.echo.EchoLoadResult;
import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.core.mock.MockContent;
import dev.flagbench.core.mock.MockStats;
import dev.flagbench.harness.data.Environment;
import dev.flagbench.harness.data.RunRecord;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.report.ReportWriter;
import dev.flagbench.harness.trial.Json;
import dev.flagbench.harness.trial.TrialMain;
import dev.flagbench.harness.trial.TrialProcess;
import dev.flagbench.harness.trial.TrialResult;
import dev.flagbench.harness.trial.TrialSpec;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link Plan}: every trial in its own forked JVM, in increasing level order, against one mock server in
 * this JVM (or an external one); keeps run.json up to date after each trial and writes the reports at the end.
 */
public final class RunSession {
    /**
     * Every trial JVM's options, the same for every model, recorded in run.json. C1 only: on two cores, C2 compiling
     * for the first seconds of a fresh JVM takes a third of the CPU and charges each model for the size of its code,
     * not for its concurrency; C1 compiles in milliseconds (C2 back: {@code --jvm-option=-XX:TieredStopAtLevel=4}).
     * Transparent huge pages: a fresh heap costs far fewer page faults. Native access: the trial resizes its futex
     * hash through the C library ({@link dev.flagbench.harness.trial.FutexHash}).
     */
    public static final List<String> TRIAL_JVM_OPTIONS = List.of("-Xmx2g", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1",
            "-XX:+UseTransparentHugePages", "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED");
    /** The series name of the Netty baseline echo server, run beside the models' echo servers. */
    public static final String NETTY_BASELINE = TrialMain.NETTY_BASELINE;
    private static final String LOOPBACK = "127.0.0.1";
    /** The run folder's scratch space for trial specs, results and the class-data archive; deleted at the end. */
    private static final String TRIALS_DIR = ".trials";
    /** The sequential model's name: it runs only at C = 1. */
    public static final String SEQUENTIAL = "sequential";
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    private final Plan plan;
    private final Path runDir;
    private final PrintWriter out;
    private final TrialProcess forker;
    private final String java;
    private final List<String> jvmOptions;
    /** Whether trial JVMs share a class-data archive (written by a training JVM first). */
    private final boolean archived;
    private final String debug;
    private final Object lock = new Object();
    private final List<TrialRecord> trials = new ArrayList<>();
    private final List<RunRecord.Skipped> skipped = new ArrayList<>();
    private final Map<String, String> failedAt = new HashMap<>();
    private final Set<String> skippedAfterFailure = new HashSet<>();
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
        this.runDir = dir;
        Files.createDirectories(runDir.resolve("hgrm"));
        this.out = out;
        this.java = java;
        List<String> options = new ArrayList<>(jvmOptions);
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
        this.debug = debug;
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

    /** Runs every trial and returns the finished record. */
    public RunRecord run() throws IOException, InterruptedException {
        MachineLimits limits = MachineLimits.probe();
        Environment env = EnvironmentProbe.probe(limits, forkerJava(), jvmOptions);
        long cpu0 = processCpuNanos();
        ServerHandle measured;
        try {
            measured = plan.externalServer() != null
                    ? ServerHandle.external(plan.externalServer(), plan.seed())
                    : ServerHandle.inProcess(plan.faults(), plan.seed());
        } catch (IOException e) {
            deleteTree(runDir); // nothing ran: leave no empty run folder behind
            throw e;
        }
        try (ServerHandle server = measured;
             ServerHandle warmupServer = ServerHandle.inProcess(FaultProfile.NONE, plan.seed())) {
            RunRecord.ServerInfo info = new RunRecord.ServerInfo(server.mode(), server.baseUrl().toString(), plan.preset(),
                    plan.faults().describe(), plan.seed(), null);
            synchronized (lock) {
                record = new RunRecord(RunRecord.FORMAT_VERSION, runDir.getFileName().toString(), "running",
                        Instant.now().toString(), null, env, plan.toConfig(), info, List.of(), List.of());
                write();
            }
            out.printf("run %s: %s%n", record.runId(), runDir.toAbsolutePath());
            out.printf("server %s %s (%s), L = %d ms, %s%n", server.mode(), server.baseUrl(), plan.preset(),
                    plan.latency().toMillis(), plan.itemsRule());
            out.flush();
            if (archived) {
                train(warmupServer);
            }
            List<Task> tasks = tasks(limits);
            int total = tasks.size();
            int n = 0;
            for (Task t : tasks) {
                n++;
                if (Thread.currentThread().isInterrupted() || isClosed()) {
                    break;
                }
                String prefix = String.format(Locale.ROOT, "[%" + String.valueOf(total).length() + "d/%d] ", n, total);
                String failed = failedAt.get(t.model() + "|" + t.workload());
                if (failed != null) {
                    if (skippedAfterFailure.add(t.model() + "|" + t.workload() + "|" + t.level())) {
                        skip(t.model(), t.workload(), t.level(), failed);
                        out.println(prefix + t.label() + ": skipped, " + failed);
                    }
                    continue;
                }
                forker.forkNextWhenMeasured(n < total ? spec(tasks.get(n), server, warmupServer) : null);
                TrialRecord r = t.workload().equals(Plan.ECHO) ? echoTrial(t) : downloadTrial(t, server, warmupServer);
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
                if (TrialRecord.FAILED.equals(r.state())) {
                    failedAt.put(t.model() + "|" + t.workload(),
                            String.format(Locale.ROOT, "failed at C = %,d: %s", t.level(), r.failureReason()));
                }
                out.println(prefix + t.label() + ": " + Progress.line(r));
                out.flush();
            }
            forker.close();
            long cpu = (processCpuNanos() - cpu0) / 1_000_000;
            synchronized (lock) {
                if (closed) {
                    return record;
                }
                RunRecord.ServerInfo done = new RunRecord.ServerInfo(info.mode(), info.baseUrl(), info.preset(), info.faults(),
                        info.seed(), server.mode().equals("in-process") ? cpu : null);
                record = new RunRecord(record.formatVersion(), record.runId(), "complete", record.startedAt(),
                        Instant.now().toString(), env, record.config(), done, trials, skipped);
                write();
                closed = true;
            }
        }
        deleteScratch();
        out.println();
        out.print(Progress.summary(record));
        List<Path> reports = ReportWriter.writeAll(record, runDir);
        out.println("results: " + runDir.resolve("run.json").toAbsolutePath());
        for (Path p : reports) {
            out.println("report: " + p.toAbsolutePath());
        }
        out.flush();
        return record;
    }

    /** Ends the run early (Ctrl-C): kills the live trial and writes run.json with status "interrupted". */
    public void interrupt() {
        TrialProcess.killAll();
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
        out.println("interrupted: " + trials.size() + " trials kept in " + runDir.resolve("run.json").toAbsolutePath());
        out.flush();
    }

    private void deleteScratch() throws IOException {
        deleteTree(runDir.resolve(TRIALS_DIR));
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
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private void write() throws IOException {
        record = new RunRecord(record.formatVersion(), record.runId(), record.status(), record.startedAt(),
                record.finishedAt(), record.environment(), record.config(), record.server(), trials, skipped);
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

    /** One trial to run: {@code model} is the series' name, {@code impl} its model ({@code null} for the baseline). */
    private record Task(String model, ConcurrencyModel impl, String workload, int level, int repetition) {
        String id() {
            return workload + "/" + model + "/C" + level + "/r" + repetition;
        }

        String label() {
            return String.format(Locale.ROOT, "%s %s %s=%d r%d", workload, model,
                    workload.equals(Plan.ECHO) ? "conns" : "C", level, repetition);
        }
    }

    /** The trials in run order (workload, level ascending, model, repetition); records up-front skips. */
    private List<Task> tasks(MachineLimits limits) throws IOException {
        List<Task> tasks = new ArrayList<>();
        for (String w : Plan.ALL_WORKLOADS) {
            if (!plan.workloads().contains(w)) {
                continue;
            }
            boolean echo = w.equals(Plan.ECHO);
            List<Integer> levels = echo ? plan.echoLevels() : plan.levels();
            if (plan.models().stream().anyMatch(m -> m.name().equals(SEQUENTIAL)) && !levels.contains(1)) {
                levels = new ArrayList<>(levels);
                levels.add(0, 1);
            }
            List<ConcurrencyModel> series = new ArrayList<>(plan.models());
            if (echo) {
                series.add(null);
            }
            for (int c : levels) {
                for (ConcurrencyModel m : series) {
                    String name = m == null ? NETTY_BASELINE : m.name();
                    if (echo && !name.equals(SEQUENTIAL) && !plan.echoLevels().contains(c)) {
                        continue; // the one-connection level is the sequential server's own
                    }
                    String reason = skipReason(limits, m, w, c);
                    if (reason != null) {
                        skip(name, w, c, reason);
                        continue;
                    }
                    for (int r = 1; r <= plan.repetitions(); r++) {
                        tasks.add(new Task(name, m, w, c, r));
                    }
                }
            }
        }
        return tasks;
    }

    private String skipReason(MachineLimits limits, ConcurrencyModel m, String workload, int c) {
        boolean echo = workload.equals(Plan.ECHO);
        if (!echo && m.name().equals(SEQUENTIAL) && c != 1) {
            return "sequential runs one request at a time";
        }
        if (echo && m != null && m.name().equals(SEQUENTIAL) && c != 1) {
            return "sequential serves one connection at a time: run at 1 connection only";
        }
        boolean threads = m != null && needsPlatformThreads(m);
        if (echo) {
            return limits.echoSkipReason(c, threads);
        }
        if (!echo && c != 1 && plan.levels().indexOf(c) < 0) {
            return "not in the plan";
        }
        return limits.downloadSkipReason(c, threads);
    }

    /**
     * Whether the model runs a platform thread per request or connection, judged by its Table 1 traits: multi-thread
     * processing that is neither on virtual threads nor on an event loop.
     */
    static boolean needsPlatformThreads(ConcurrencyModel m) {
        if (m.name().equals(SEQUENTIAL)) {
            return false;
        }
        String p = m.traits().processing().toLowerCase(Locale.ROOT);
        return p.contains("thread") && !p.contains("virtual") && !p.contains("event loop") && !p.contains("single thread");
    }

    /**
     * Runs the training JVM, which writes the class-data archive with every model's classes. Unmeasured; a failure
     * is printed and the run goes on (the first trial's JVM then writes the archive, with its own classes only).
     */
    private void train(ServerHandle warmupServer) throws IOException, InterruptedException {
        MockContent content = warmupServer.content();
        String failure = forker.train(warmupServer.baseUrl().toString(), content.countryCodes(),
                content.pepNumbers().stream().map(String::valueOf).toList(), plan.trialTimeout());
        out.println(failure == null ? "class-data archive: written by a JVM that ran every model once"
                : "class-data archive: the training JVM failed (" + failure + "); the first trial writes it");
        out.flush();
    }

    /**
     * A download trial: its warm-up jobs go to {@code warmupServer} (no delay, no faults), so that a second of warm-up
     * is thousands of requests through the model's code, not a few rounds of L; the measured job goes to {@code server},
     * whose counters are reset between the two.
     */
    private TrialRecord downloadTrial(Task t, ServerHandle server, ServerHandle warmupServer)
            throws IOException, InterruptedException {
        Workload workload = Workload.fromLabel(t.workload());
        int n = plan.items(t.level());
        TrialSpec spec = spec(t, server, warmupServer);
        Path hgrm = Path.of(spec.hgrmFile());
        TrialProcess.Outcome o = forker.run(spec, plan.trialTimeout(), ready -> server.resetStats());
        if (o.result() == null) {
            return failed(t, n, o.failure());
        }
        TrialResult r = o.result();
        MockStats stats = server.stats();
        Accounting.Check check = Accounting.check(workload, r, stats);
        double l = plan.latency().toNanos() / 1e6;
        int c = Math.min(t.level(), n);
        Double ideal = l > 0 ? Math.ceil((double) n / c) * l * workload.requestsPerItem() : null;
        Double eff = ideal == null || r.wallMillis() <= 0 ? null : ideal / r.wallMillis();
        TrialRecord.Latency lat = r.latency() == null ? null : new TrialRecord.Latency(r.latency().count(), r.latency().p50(),
                r.latency().p90(), r.latency().p99(), r.latency().p999(), r.latency().max(), r.latency().mean(), false,
                Files.exists(hgrm) ? "hgrm/" + hgrm.getFileName() : null, null);
        String state = check.mismatches().isEmpty() ? TrialRecord.OK : TrialRecord.INVALID;
        return new TrialRecord(t.id(), t.model(), t.workload(), t.level(), t.repetition(), state,
                state.equals(TrialRecord.OK) ? null : String.join("; ", check.mismatches()), n, r.wallMillis(),
                n / (r.wallMillis() / 1000), ideal, eff, lat, r.counts(), check.serverCounts(), check.mismatches(),
                stats.peakInFlight(), r.resources(), r.jvm(), r.clientSettings(), null);
    }

    /** What the trial JVM of {@code t} is asked to do. */
    private TrialSpec spec(Task t, ServerHandle server, ServerHandle warmupServer) {
        String stem = t.id().replace('/', '_');
        if (t.workload().equals(Plan.ECHO)) {
            return new TrialSpec(t.id(), t.model(), t.workload(), t.level(), null, List.of(), null, List.of(),
                    plan.warmup().toMillis(), plan.requestTimeout().toMillis(), Math.max(t.level(), 1), null, null,
                    plan.futexHashSlots(), debug);
        }
        Workload workload = Workload.fromLabel(t.workload());
        MockContent content = server.content();
        List<String> all = workload == Workload.PEPS
                ? content.pepNumbers().stream().map(String::valueOf).toList()
                : content.countryCodes();
        Path hgrm = runDir.resolve("hgrm").resolve(stem + ".hgrm");
        return new TrialSpec(t.id(), t.model(), t.workload(), t.level(), server.baseUrl().toString(),
                cycle(all, plan.items(t.level())), warmupServer.baseUrl().toString(), cycle(all, plan.warmupItems(t.level())),
                plan.warmup().toMillis(), plan.requestTimeout().toMillis(), t.level(), hgrm.toString(), null,
                plan.futexHashSlots(), debug);
    }

    /**
     * An echo trial: the model's echo server runs in the trial JVM, the load generator here. Warm-up: a closed loop
     * of min(C, 100) connections for the plan's warm-up time; then the measured closed loop of C connections
     * for the echo duration (its connect phase is in the trial's measured resources, not in its throughput).
     */
    private TrialRecord echoTrial(Task t) throws IOException, InterruptedException {
        String stem = t.id().replace('/', '_');
        Path hgrm = runDir.resolve("hgrm").resolve(stem + ".hgrm");
        Path hlog = runDir.resolve("hgrm").resolve(stem + ".hlog");
        TrialSpec spec = spec(t, null, null);
        EchoLoadResult[] measured = new EchoLoadResult[1];
        TrialProcess.Outcome o = forker.run(spec, plan.trialTimeout(), new TrialProcess.Hooks() {
            @Override
            public void beforeGo(String port) throws InterruptedException {
                if (!plan.warmup().isZero()) {
                    EchoLoadGenerator.run(EchoLoadConfig.closedLoop(LOOPBACK, Integer.parseInt(port),
                            Math.min(t.level(), 100), plan.echoMessageBytes(), plan.warmup()).withTimeout(plan.requestTimeout()));
                }
            }

            @Override
            public void measure(String port) throws InterruptedException {
                measured[0] = EchoLoadGenerator.run(EchoLoadConfig.closedLoop(LOOPBACK, Integer.parseInt(port), t.level(),
                        plan.echoMessageBytes(), plan.echoDuration()).withTimeout(plan.requestTimeout()));
            }
        });
        if (o.result() == null || measured[0] == null) {
            return failed(t, 0, o.failure() != null ? o.failure() : "the echo load did not run");
        }
        return EchoTrials.record(t.id(), t.model(), t.level(), t.repetition(), measured[0], o.result(), hgrm, hlog);
    }

    private TrialRecord failed(Task t, long n, String reason) {
        return new TrialRecord(t.id(), t.model(), t.workload(), t.level(), t.repetition(), TrialRecord.FAILED,
                reason, n, 0, 0, null, null, null, null, null, null, null, null,
                new TrialRecord.JvmInfo(System.getProperty("java.runtime.version"), jvmOptions), null, null);
    }

    private static List<String> cycle(List<String> all, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(all.get(i % all.size()));
        }
        return out;
    }

    private String forkerJava() {
        return java;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The plan's trial time limit, for messages. */
    Duration trialTimeout() {
        return plan.trialTimeout();
    }
}
