package dev.flagbench.harness.trial;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.ConcurrencyModels;
import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.HttpSettings;
import dev.flagbench.core.ItemOutcome;
import dev.flagbench.core.Session;
import dev.flagbench.core.SessionConfig;
import dev.flagbench.core.Status;
import dev.flagbench.core.Traits;
import dev.flagbench.core.Workload;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import dev.flagbench.core.echo.NettyEchoServer;
import dev.flagbench.harness.data.Timeline;
import dev.flagbench.harness.data.TrialRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Main class of a forked trial JVM: runs one model on one workload at one level, measured, and writes a
 * {@link TrialResult}. Arguments: the spec file and the result file. See {@link Protocol} for the handshake.
 */
public final class TrialMain {
    /** The pseudo-model whose echo server is core's Netty baseline, run as an extra series. */
    public static final String NETTY_BASELINE = "netty-baseline";
    private static final Pattern HTTP_STATUS = Pattern.compile("HTTP \\d{3}");
    private static final int MAX_ERROR_SAMPLES = 5;
    /** {@code -Dflagbench.trace=true} in the trial JVM prints its phase times (ms since the JVM started) to stderr. */
    private static final boolean TRACE = Boolean.getBoolean("flagbench.trace");
    /** The suffix of the second clock's .hgrm file, beside the service time's. */
    public static final String READY_HGRM_SUFFIX = ".from-ready.hgrm";
    /**
     * The JIT warm-up's cap when it waits for the JIT to be quiet: at 5 s, flags at C = 1,000 in the throughput sweep
     * still had the JIT compiling for 0.7 to 1.2 s of each measured job on a slow host (see
     * {@code Plan.THROUGHPUT_STEADY_FACTOR}); the warm-up stops as soon as a job finds it quiet.
     */
    public static final long JIT_WARMUP_CAP_MILLIS = 10_000;
    /** The futex-hash slots the kernel gave this JVM, and those it ran with (set once, before the model starts). */
    private static int kernelFutexHashSlots = FutexHash.UNSUPPORTED;
    private static int futexHashSlots = FutexHash.UNSUPPORTED;

    private TrialMain() {
    }

    /** Runs the trial in {@code args[0]}, writes the result to {@code args[1]}, exits 0 (or 1 on an exception). */
    public static void main(String[] args) {
        int code;
        try {
            TrialSpec spec = Json.read(Path.of(args[0]), TrialSpec.class);
            run(spec, Path.of(args[1]));
            code = 0;
        } catch (Throwable t) {
            System.err.println("trial failed: " + t);
            for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
                System.err.println("Caused by: " + c);
            }
            code = 1;
        }
        dumpFlightRecordings();
        System.out.flush();
        System.err.flush();
        // Models may leave non-daemon threads behind; the trial is over either way.
        Runtime.getRuntime().halt(code);
    }

    /**
     * Writes the recordings that {@code --jvm-option=-XX:StartFlightRecording=filename=...} started (to profile a
     * trial): halt skips the shutdown hook that would dump them.
     */
    private static void dumpFlightRecordings() {
        if (!jdk.jfr.FlightRecorder.isInitialized()) {
            return;
        }
        for (jdk.jfr.Recording r : jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings()) {
            try {
                if (r.getDestination() != null && r.getState() == jdk.jfr.RecordingState.RUNNING) {
                    r.dump(r.getDestination());
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("could not dump JFR recording " + r.getName() + ": " + e);
            }
        }
    }

    private static void run(TrialSpec spec, Path resultFile) throws Exception {
        if ("halt".equals(spec.debug())) {
            System.err.println("java.lang.InternalError: the trial spec asked this JVM to die (debug=halt)");
            System.err.flush();
            Runtime.getRuntime().halt(134);
        }
        kernelFutexHashSlots = FutexHash.slots();
        futexHashSlots = spec.futexHashSlots() > 0 ? FutexHash.resize(spec.futexHashSlots()) : kernelFutexHashSlots;
        trace("main");
        ConcurrencyModel model = spec.isEcho() && spec.model().equals(NETTY_BASELINE) ? null : ConcurrencyModels.byName(spec.model());
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        TrialResult result;
        try (Meter meter = new Meter()) {
            result = spec.isEcho() ? echo(spec, model, stdin, meter) : download(spec, model, stdin, meter);
        }
        Json.writeAtomically(resultFile, result);
        trace("written");
        say(Protocol.DONE);
    }

    /**
     * A download trial: a JIT warm-up of cold jobs against the delay-free server, then one session at the trial's
     * level, warmed up to steady state against the measured server (with {@link TrialSpec#steady()}), READY / GO,
     * and the measured job on the same session.
     */
    private static TrialResult download(TrialSpec spec, ConcurrencyModel model, BufferedReader stdin, Meter meter)
            throws Exception {
        Workload workload = spec.workload().download();
        URI base = DownloadJob.parseBaseUrl(spec.baseUrl());
        Duration timeout = Duration.ofMillis(spec.requestTimeoutMillis());
        if (spec.cold()) {
            return coldJob(spec, model, stdin, meter, new DownloadJob(base, workload, spec.items(), spec.level(), timeout,
                    null, null, null));
        }
        SteadyRun.JitWarmup jitWarmup = null;
        // The phases on System.nanoTime, CLOCK_MONOTONIC: the harness places them on the server's timeline.
        Map<String, List<Long>> phases = new LinkedHashMap<>();
        if (!spec.warmupItems().isEmpty()) {
            int c = Math.min(Math.min(spec.level(), TrialSpec.WARMUP_CONCURRENCY), spec.warmupItems().size());
            URI warmupBase = spec.warmupUrl() == null ? base : DownloadJob.parseBaseUrl(spec.warmupUrl());
            DownloadJob warmup = new DownloadJob(warmupBase, workload, spec.warmupItems(), c, timeout, null, null, null);
            long jit0 = System.nanoTime();
            jitWarmup = jitWarmUp(model, warmup, spec);
            phases.put(Timeline.JIT_WARMUP, List.of(jit0, System.nanoTime()));
        }
        int c = spec.level();
        IntFunction<DownloadJob> jobs = n -> new DownloadJob(base, workload, DownloadJob.cycle(spec.items(), n), c, timeout, null,
                null, null);
        try (Session session = model.open(new SessionConfig(c, HttpSettings.forJob(c, timeout)))) {
            SteadyRun steady = spec.steady() == null ? null : new SteadyRun(session, jobs, c, spec.steady(), jitWarmup);
            if (steady != null) {
                long warm0 = System.nanoTime();
                steady.warmUp();
                phases.put(Timeline.WARMUP, List.of(warm0, System.nanoTime()));
            }
            double ideal = spec.delayMillis() > 0 ? c * 1000.0 / (workload.requestsPerItem() * spec.delayMillis()) : 0;
            DownloadJob job = steady != null ? steady.measuredJob(ideal) : jobs.apply(spec.items().size());
            if (meter.virtualThreadsUsed()) {
                meter.record();
            }
            trace("warm");
            say(Protocol.READY);
            expect(stdin, Protocol.GO);
            trace("go");
            if ("hang".equals(spec.debug())) {
                Thread.sleep(Long.MAX_VALUE);
            }
            meter.start();
            SteadyRun.Measured m = (steady != null ? steady : new SteadyRun(session, jobs, c, null, null)).measure(job, workload.requestsPerItem());
            trace("measured");
            phases.put(Timeline.MEASURED, List.of(m.startNanos(), m.startNanos() + m.wallNanos()));
            Meter.Usage usage = meter.stop(jfrFile(spec));
            trace("metered");
            say(Protocol.MEASURED);
            String validation = unrecordedVirtualThreads(meter);
            try {
                m.result().validate(job);
            } catch (IllegalStateException e) {
                validation = e.getMessage();
            }
            return downloadResult(spec, m.result(), m.wallNanos(), usage, validation, steady != null ? m.steady() : null,
                    m.fromReadyNanos(), phases);
        }
    }

    /**
     * The cold job: READY as soon as the JVM runs, then the model's one-shot download (it opens a session, runs the
     * job, closes it), measured whole, with the JIT as cold as a fresh {@code flags} command's.
     */
    private static TrialResult coldJob(TrialSpec spec, ConcurrencyModel model, BufferedReader stdin, Meter meter,
                                       DownloadJob job) throws Exception {
        if (model.traits().threads() == Traits.Threads.VIRTUAL) {
            meter.record(); // no warm-up has shown the scheduler's carriers yet: the declared trait says it will run
        }
        say(Protocol.READY);
        expect(stdin, Protocol.GO);
        SteadyRun.FromReady fromReady = new SteadyRun.FromReady(job.items().size());
        meter.start();
        long t0 = fromReady.start();
        DownloadResult result = model.download(job.withListener(fromReady::onItem));
        long wall = System.nanoTime() - t0;
        Meter.Usage usage = meter.stop(jfrFile(spec));
        say(Protocol.MEASURED);
        String validation = unrecordedVirtualThreads(meter);
        try {
            result.validate(job);
        } catch (IllegalStateException e) {
            validation = e.getMessage();
        }
        return downloadResult(spec, result, wall, usage, validation, null, fromReady.nanos(),
                Map.of(Timeline.MEASURED, List.of(t0, t0 + wall)));
    }

    /**
     * The JIT warm-up: cold jobs against the delay-free server for at least the spec's warm-up time and, with a
     * steady spec that asks the JIT to be quiet, until a job's compile time is within that share of its wall time or
     * {@value #JIT_WARMUP_CAP_MILLIS} ms have passed: many fast requests bring the model's code to C2 far sooner than
     * the measured level's few slow ones would.
     */
    private static SteadyRun.JitWarmup jitWarmUp(ConcurrencyModel model, DownloadJob warmup, TrialSpec spec)
            throws InterruptedException {
        double quietShare = spec.steady() == null ? 0 : spec.steady().jitQuietShare();
        JitClock jit = new JitClock();
        long start = System.nanoTime();
        long end = start + spec.warmupMillis() * 1_000_000;
        long cap = start + Math.max(spec.warmupMillis(), JIT_WARMUP_CAP_MILLIS) * 1_000_000;
        boolean quiet;
        long now;
        do {
            long jit0 = jit.read();
            long t0 = System.nanoTime();
            model.download(warmup.withListener(SteadyRun.stamps(warmup.items().size())));
            now = System.nanoTime();
            quiet = JitClock.quiet(jit.shareSince(jit0, now - t0), quietShare);
        } while (now < end || (!quiet && now < cap));
        trace("jit-warm");
        return new SteadyRun.JitWarmup((now - start) / 1_000_000, quiet);
    }

    private static TrialResult downloadResult(TrialSpec spec, DownloadResult r, long wallNanos, Meter.Usage usage,
                                              String validation, TrialRecord.Steady steady, long[] fromReadyNanos,
                                              Map<String, List<Long>> phases) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<Status, Integer> byStatus = new EnumMap<>(r.counts());
        byStatus.forEach((s, n) -> counts.put(s.name(), n.longValue()));
        long httpErrors = 0;
        long ioErrors = 0;
        Set<String> samples = new LinkedHashSet<>();
        Histogram h = new Histogram(Duration.ofHours(1).toNanos(), 3);
        for (ItemOutcome o : r.outcomes()) {
            if (o.latencyNanos() > 0 && o.status() != Status.CANCELLED) {
                h.recordValue(Math.min(o.latencyNanos(), h.getHighestTrackableValue()));
            }
            if (o.status() == Status.ERROR) {
                if (HTTP_STATUS.matcher(o.detail()).find()) {
                    httpErrors++;
                } else {
                    ioErrors++;
                }
            }
            if ((o.status() == Status.ERROR || o.status() == Status.TIMEOUT) && samples.size() < MAX_ERROR_SAMPLES) {
                samples.add(o.status() + " " + o.detail());
            }
        }
        Histogram ready = new Histogram(Duration.ofHours(1).toNanos(), 3);
        for (long n : fromReadyNanos) {
            ready.recordValue(Math.max(1, Math.min(n, ready.getHighestTrackableValue())));
        }
        TrialRecord.Latency latency = latency(h, spec.hgrmFile());
        TrialRecord.Latency fromReady = latency(ready, spec.hgrmFile() == null ? null
                : spec.hgrmFile().replaceFirst("\\.hgrm$", "") + READY_HGRM_SUFFIX);
        if (latency != null && fromReady != null) {
            latency = new TrialRecord.Latency(latency.count(), latency.p50(), latency.p90(), latency.p99(), latency.p999(),
                    latency.max(), latency.mean(), false, latency.hgrmFile(), null, fromReady);
        }
        long requests = Math.max(1, r.outcomes().size());
        return new TrialResult(counts, httpErrors, ioErrors, new ArrayList<>(samples), wallNanos / 1e6, latency,
                usage.resources(requests), jvm(), r.clientSettings(), validation, pathOf(jfrFile(spec)),
                JfrCounts.epochNanos(usage.from()), JfrCounts.epochNanos(usage.to()), steady, phases);
    }

    private static TrialResult echo(TrialSpec spec, ConcurrencyModel model, BufferedReader stdin, Meter meter)
            throws Exception {
        EchoServerConfig config = new EchoServerConfig("127.0.0.1", 0, spec.echoPoolSize());
        try (EchoServer server = model == null ? NettyEchoServer.start(config) : model.startEchoServer(config)) {
            say(Protocol.READY + " " + server.address().getPort());
            expect(stdin, Protocol.GO);
            if (meter.virtualThreadsUsed()) {
                meter.record(); // the harness's warm-up load has run: the server's threads are known
            }
            meter.start();
            long t0 = System.nanoTime();
            say(Protocol.MEASURING);
            expect(stdin, Protocol.STOP);
            long wall = System.nanoTime() - t0;
            Meter.Usage usage = meter.stop(jfrFile(spec));
            say(Protocol.MEASURED);
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("bind", "127.0.0.1");
            settings.put("poolSize", Integer.toString(spec.echoPoolSize()));
            return new TrialResult(Map.of(), 0, 0, List.of(), wall / 1e6, null, usage.resources(1), jvm(), settings,
                    unrecordedVirtualThreads(meter),
                    pathOf(jfrFile(spec)), JfrCounts.epochNanos(usage.from()), JfrCounts.epochNanos(usage.to()));
        }
    }

    private static void trace(String phase) {
        if (TRACE) {
            System.err.printf("trace %s %d ms%n", phase,
                    System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        }
    }

    /** A validation error when virtual threads first ran in the measured phase, so that none of them was counted. */
    private static String unrecordedVirtualThreads(Meter meter) {
        return !meter.recording() && meter.virtualThreadsUsed()
                ? "virtual threads ran in the measured phase but not before it: they were not recorded" : null;
    }

    /** Where the JFR recording goes: beside the result file the harness named. */
    private static Path jfrFile(TrialSpec spec) {
        return spec.jfrFile() == null ? null : Path.of(spec.jfrFile());
    }

    private static String pathOf(Path p) {
        return p == null ? null : p.toString();
    }

    /**
     * The percentiles of {@code h} in milliseconds (or {@code null} when it is empty), its distribution written to
     * {@code hgrmFile} first unless that is {@code null}: the same for a trial JVM and an external trial's latencies.
     */
    public static TrialRecord.Latency latency(Histogram h, String hgrmFile) throws IOException {
        if (h.getTotalCount() == 0) {
            return null;
        }
        if (hgrmFile != null) {
            Path file = Path.of(hgrmFile);
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (PrintStream ps = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
                h.outputPercentileDistribution(ps, 1e6);
            }
        }
        return new TrialRecord.Latency(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()),
                h.getMean() / 1e6, false, null, null);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static TrialRecord.JvmInfo jvm() {
        return new TrialRecord.JvmInfo(System.getProperty("java.runtime.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), futexHashSlots, kernelFutexHashSlots);
    }

    private static void say(String line) {
        System.out.println(Protocol.PREFIX + line);
        System.out.flush();
    }

    private static void expect(BufferedReader stdin, String word) throws IOException {
        String line;
        while ((line = stdin.readLine()) != null) {
            if (line.trim().equals(word)) {
                return;
            }
        }
        throw new IOException("stdin closed before the harness sent " + word);
    }
}
