package dev.flagbench.harness.run;

import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.Workload;
import dev.flagbench.core.echo.EchoLoadConfig;
import dev.flagbench.core.echo.EchoLoadGenerator;
import dev.flagbench.core.echo.EchoLoadResult;
import dev.flagbench.core.mock.MockContent;
import dev.flagbench.core.mock.MockStats;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.trial.TrialMain;
import dev.flagbench.harness.trial.TrialProcess;
import dev.flagbench.harness.trial.TrialResult;
import dev.flagbench.harness.trial.TrialSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs one planned {@link Task} through the {@link TrialProcess}: writes its spec, drives the server resets and the
 * echo load at the handshake's steps, and turns its result and the server's counts into the trial's
 * {@link TrialRecord} (efficiency, latency files, accounting), or a failed one; also the training JVM and the
 * ETA's prediction per task.
 */
final class TrialRunner {
    private static final String LOOPBACK = "127.0.0.1";

    private final Plan plan;
    private final Path runDir;
    private final PrintWriter out;
    private final TrialProcess forker;
    private final List<String> jvmOptions;
    private final String debug;

    TrialRunner(Plan plan, Path runDir, PrintWriter out, TrialProcess forker, List<String> jvmOptions, String debug) {
        this.plan = plan;
        this.runDir = runDir;
        this.out = out;
        this.forker = forker;
        this.jvmOptions = jvmOptions;
        this.debug = debug;
    }

    /**
     * Runs the training JVM, which writes the class-data archive with every model's classes. Unmeasured; a failure
     * is printed and the run goes on (the first trial's JVM then writes the archive, with its own classes only).
     */
    void train(ServerHandle warmupServer) throws IOException, InterruptedException {
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
    TrialRecord downloadTrial(Task t, ServerHandle server, ServerHandle warmupServer)
            throws IOException, InterruptedException {
        Workload workload = t.workload().download();
        TrialSpec spec = spec(t, server, warmupServer);
        Path hgrm = Path.of(spec.hgrmFile());
        // The server's counts are read at MEASURED, before the next trial's JVM starts: its warm-up goes to the
        // measured server of its own level, which may be this one.
        MockStats[] atMeasured = new MockStats[1];
        ServerTimeline timeline = ServerTimeline.of(server); // sampled here, outside the trial's process, until MEASURED
        Duration timeout = plan.trialTimeout(t.faults() == null ? plan.latency() : t.faults().delay().nominal());
        TrialProcess.Outcome o = timeline.during(() -> forker.run(spec, timeout, new TrialProcess.Hooks() {
            @Override
            public void beforeGo(String ready) throws IOException, InterruptedException {
                server.resetStats();
            }

            @Override
            public void afterMeasured() throws IOException, InterruptedException {
                atMeasured[0] = server.stats();
                timeline.stop();
            }
        }));
        double l = delayMillis(t);
        if (o.result() == null) {
            return failed(t, plan.steady() == null ? plan.items(t.level()) : 0, o.failure());
        }
        TrialResult r = o.result();
        long n = r.items();
        MockStats stats = atMeasured[0] != null ? atMeasured[0] : server.stats();
        Accounting.Check check = Accounting.check(workload, r, stats);
        int c = (int) Math.max(1, Math.min(t.level(), n));
        double perItem = l * workload.requestsPerItem();
        Double ideal = l > 0 ? Math.ceil((double) n / c) * perItem : null;
        Double jobEff = ideal == null || r.wallMillis() <= 0 ? null : ideal / r.wallMillis();
        TrialRecord.Steady steady = r.steady() == null ? null : r.steady().withJobEfficiency(jobEff);
        // Steady state: the window's throughput against Little's law, C / (requests per item x L); else the job's.
        Double eff = steady == null || l <= 0 || steady.windowThroughput() <= 0 ? jobEff
                : Double.valueOf(steady.windowThroughput() / (c * 1000.0 / perItem));
        TrialRecord.Latency lat = r.latency() == null ? null : relative(r.latency(), hgrm);
        String state = check.mismatches().isEmpty() ? TrialRecord.OK : TrialRecord.INVALID;
        double throughput = steady != null && steady.windowThroughput() > 0 ? steady.windowThroughput()
                : n / (r.wallMillis() / 1000);
        return TrialRecord.builder(t.id(), t.model(), t.workload().label(), t.level(), t.repetition())
                .state(state).failureReason(state.equals(TrialRecord.OK) ? null : String.join("; ", check.mismatches()))
                .items(n).wallMillis(r.wallMillis()).throughput(throughput).idealMillis(ideal).efficiency(eff)
                .latency(lat).counts(r.counts()).serverCounts(check.serverCounts())
                .accountingMismatches(check.mismatches()).achievedConcurrency(stats.peakInFlight())
                .resources(perServerRequest(r.resources(), check.serverCounts())).jvm(r.jvm()).clientSettings(r.clientSettings()).sweep(t.sweep())
                .delayMillis(l).steady(steady).timeline(timeline.timeline(r.phases())).build();
    }

    /**
     * The trial's resources with CPU per request over the HTTP requests the server counted in the measured phase (a
     * flags+metadata item is two), where the trial divided by its items.
     */
    static TrialRecord.Resources perServerRequest(TrialRecord.Resources r, Map<String, Long> serverCounts) {
        return r == null ? null : r.perServerRequests(serverCounts);
    }

    /** What {@link Eta} predicts for task {@code t}. */
    double predictedSeconds(Task t) {
        boolean echo = t.workload().isEcho();
        double perItem = echo ? 0 : delayMillis(t) / 1000.0 * t.workload().requestsPerItem();
        return Eta.predict(plan, t.sweep(), echo, t.level(), perItem);
    }

    /** The trial's latency with its .hgrm files (both clocks') named relative to run.json, where they were written. */
    private static TrialRecord.Latency relative(TrialRecord.Latency l, Path hgrm) {
        Path ready = hgrm.resolveSibling(hgrm.getFileName().toString().replaceFirst("\\.hgrm$", "")
                + TrialMain.READY_HGRM_SUFFIX);
        TrialRecord.Latency fromReady = l.fromReady() == null ? null
                : l.fromReady().withHgrmFile(Files.exists(ready) ? "hgrm/" + ready.getFileName() : null);
        return new TrialRecord.Latency(l.count(), l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.mean(), false,
                Files.exists(hgrm) ? "hgrm/" + hgrm.getFileName() : null, null, fromReady);
    }

    /** What the trial JVM of {@code t} is asked to do. */
    TrialSpec spec(Task t, ServerHandle server, ServerHandle warmupServer) {
        String stem = t.id().replace('/', '_');
        if (t.workload().isEcho()) {
            return TrialSpec.builder(t.id(), t.model(), t.workload(), t.level()).items(List.of())
                    .warmupItems(List.of()).warmupMillis(plan.warmup().toMillis())
                    .requestTimeoutMillis(plan.requestTimeout().toMillis()).echoPoolSize(Math.max(t.level(), 1))
                    .futexHashSlots(plan.futexHashSlots()).debug(debug).build();
        }
        Workload workload = t.workload().download();
        MockContent content = server.content();
        List<String> all = workload == Workload.PEPS
                ? content.pepNumbers().stream().map(String::valueOf).toList()
                : content.countryCodes();
        Path hgrm = runDir.resolve("hgrm").resolve(stem + ".hgrm");
        if (TrialRecord.COLD.equals(t.sweep())) {
            return TrialSpec.builder(t.id(), t.model(), t.workload(), t.level()).baseUrl(server.baseUrl().toString())
                    .items(DownloadJob.cycle(all, plan.cold().items())).warmupItems(List.of())
                    .requestTimeoutMillis(plan.requestTimeout().toMillis()).echoPoolSize(t.level())
                    .hgrmFile(hgrm.toString()).futexHashSlots(plan.futexHashSlots()).debug(debug)
                    .delayMillis(delayMillis(t)).cold(true).build();
        }
        return TrialSpec.builder(t.id(), t.model(), t.workload(), t.level()).baseUrl(server.baseUrl().toString())
                .items(plan.steady() != null ? all : DownloadJob.cycle(all, plan.items(t.level())))
                .warmupUrl(warmupServer.baseUrl().toString())
                .warmupItems(DownloadJob.cycle(all, plan.warmupItems(t.level()))).warmupMillis(plan.warmup().toMillis())
                .requestTimeoutMillis(plan.requestTimeout().toMillis()).echoPoolSize(t.level())
                .hgrmFile(hgrm.toString()).futexHashSlots(plan.futexHashSlots()).debug(debug)
                .steady(plan.steady(t.sweep()))
                .delayMillis(delayMillis(t)).build();
    }

    /**
     * An echo trial: the model's echo server runs in the trial JVM, the load generator here. Warm-up: a closed loop
     * of min(C, 100) connections for the plan's warm-up time; then the measured closed loop of C connections
     * for the echo duration (its connect phase is in the trial's measured resources, not in its throughput).
     */
    TrialRecord echoTrial(Task t) throws IOException, InterruptedException {
        String stem = t.id().replace('/', '_');
        Path hgrm = runDir.resolve("hgrm").resolve(stem + ".hgrm");
        Path hlog = runDir.resolve("hgrm").resolve(stem + ".hlog");
        TrialSpec spec = spec(t, null, null);
        Files.createDirectories(hgrm.getParent());
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

    /**
     * The measured server's nominal delay L in ms for {@code t}; 0 (unknown, so no efficiency) for an external
     * server, whose delay is its own and not known here.
     */
    private double delayMillis(Task t) {
        if (t.faults() == null && plan.externalServer() != null) {
            return 0;
        }
        return (t.faults() != null ? t.faults() : plan.faults()).delay().nominal().toNanos() / 1e6;
    }

    TrialRecord failed(Task t, long n, String reason) {
        Double l = t.sweep() == null ? null : delayMillis(t);
        return TrialRecord.builder(t.id(), t.model(), t.workload().label(), t.level(), t.repetition())
                .state(TrialRecord.FAILED).failureReason(reason).items(n)
                .jvm(new TrialRecord.JvmInfo(System.getProperty("java.runtime.version"), jvmOptions))
                .sweep(t.sweep()).delayMillis(l).build();
    }
}
