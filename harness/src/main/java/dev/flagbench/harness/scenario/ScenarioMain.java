package dev.flagbench.harness.scenario;

import dev.flagbench.core.ConcurrencyModels;
import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.HttpSettings;
import dev.flagbench.core.ItemOutcome;
import dev.flagbench.core.ProgressListener;
import dev.flagbench.core.Session;
import dev.flagbench.core.SessionConfig;
import dev.flagbench.core.Spinner;
import dev.flagbench.core.Workload;
import dev.flagbench.core.scenario.ScenarioVariant;
import dev.flagbench.harness.data.ScenarioRecord;
import dev.flagbench.harness.data.ScenarioRecord.Step;
import dev.flagbench.harness.trial.FutexHash;
import dev.flagbench.harness.trial.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import io.netty.util.concurrent.FastThreadLocalThread;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * Main class of a scenario step's JVM: runs one {@link ScenarioSpec} and writes its {@link Step} as JSON. Arguments:
 * the spec file and the result file. It ends itself when its standard input closes (the harness is gone).
 */
public final class ScenarioMain {
    /** Jobs run with BlockHound installed before the step concludes that the series makes no blocking call. */
    private static final int BLOCKHOUND_ATTEMPTS = 5;
    /** Frames of a BlockHound stack kept in run.json. */
    private static final int STACK_FRAMES = 40;
    /** How long "no frame after the end" is watched: three spinner periods. */
    private static final Duration QUIET = Spinner.PERIOD.multipliedBy(3);
    /** The futex-hash slots of a thread-limits JVM: its releases wake thousands of parked threads at once. */
    private static final int FUTEX_SLOTS = 16_384;

    private ScenarioMain() {
    }

    /** Runs the step in {@code args[0]}, writes its result to {@code args[1]}, exits 0 (or 1 on an exception). */
    public static void main(String[] args) {
        Thread.ofPlatform().daemon().name("scenario-parent-watch").start(ScenarioMain::haltWhenParentIsGone);
        int code = 0;
        try {
            ScenarioSpec spec = Json.read(Path.of(args[0]), ScenarioSpec.class);
            Json.writeAtomically(Path.of(args[1]), run(spec));
        } catch (Throwable t) {
            System.err.println("trial failed: " + t); // the last words TrialProcess.reason reads first
            for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
                System.err.println("Caused by: " + c);
            }
            code = 1;
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code); // a cancelled job may leave threads behind; the step is over either way
    }

    private static void haltWhenParentIsGone() {
        try {
            while (System.in.read() >= 0) {
                // the harness writes nothing: EOF is its end
            }
        } catch (IOException e) {
            // the pipe is gone, as at EOF
        }
        Runtime.getRuntime().halt(3);
    }

    /** Runs one step in this JVM (tests call it directly for the steps that need no JVM of their own). */
    static Step run(ScenarioSpec spec) throws Exception {
        return switch (spec.kind()) {
            case ScenarioSpec.LOOP -> loop(spec);
            case ScenarioSpec.BLOCKHOUND -> blockHound(spec);
            case ScenarioSpec.THREADS -> threads(spec);
            case ScenarioSpec.SPINNER -> spinner(spec);
            default -> throw new IllegalArgumentException("kind: unknown value '" + spec.kind() + "'");
        };
    }

    /** A session of the variant or model called {@code series}. */
    private static Session open(String series, SessionConfig config) {
        return ScenarioVariant.byName(series).map(v -> v.open(config))
                .orElseGet(() -> ConcurrencyModels.byName(series).open(config));
    }

    private static DownloadJob job(ScenarioSpec s, String url, int n, ProgressListener listener) {
        return new DownloadJob(DownloadJob.parseBaseUrl(url), Workload.FLAGS, DownloadJob.cycle(s.items(), n), s.level(),
                Duration.ofMillis(s.requestTimeoutMillis()), null, listener, null);
    }

    private static SessionConfig config(ScenarioSpec s) {
        return new SessionConfig(s.level(), HttpSettings.forJob(s.level(), Duration.ofMillis(s.requestTimeoutMillis())));
    }

    /**
     * Warms the session up on the delay-free server, then runs one long job on the measured one and counts the
     * responses in the window after the ramp; the job is cancelled when the window ends (or read to its last response
     * when it ends first).
     */
    private static Step loop(ScenarioSpec s) throws Exception {
        int c = s.level();
        Session session = open(s.series(), config(s));
        Map<String, String> settings = Map.of();
        long warmEnd = System.nanoTime() + s.warmupMillis() * 1_000_000;
        do {
            DownloadResult r = session.download(job(s, s.warmupUrl(), Math.max(20, Math.min(4 * c, 400)), null));
            settings = r.clientSettings();
        } while (System.nanoTime() < warmEnd);
        long span = s.rampMillis() + s.windowMillis();
        int n = (int) Math.min(1_000_000, (long) c * (span / Math.max(1, s.delayMillis()) + 4));
        long[] stamps = new long[n];
        AtomicInteger responses = new AtomicInteger();
        ProgressListener stamp = new ProgressListener() {
            @Override
            public void onItem(ItemOutcome outcome) {
            }

            @Override
            public void onResponse() {
                int i = responses.getAndIncrement();
                if (i < stamps.length) {
                    stamps[i] = System.nanoTime();
                }
            }
        };
        DownloadJob measured = job(s, s.baseUrl(), n, stamp);
        long t0 = System.nanoTime();
        Thread runner = Thread.ofPlatform().name("scenario-job").start(() -> {
            try {
                session.download(measured);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // cancelled at the window's end, as intended
            }
        });
        runner.join(Duration.ofNanos(Math.max(1, t0 + span * 1_000_000 - System.nanoTime())));
        runner.interrupt();
        int done = Math.min(responses.get(), stamps.length);
        long[] times = Arrays.copyOf(stamps, done);
        Arrays.sort(times);
        long from = t0 + s.rampMillis() * 1_000_000;
        long to = Math.min(t0 + span * 1_000_000, done == 0 ? from : Math.max(from, times[done - 1]));
        long inWindow = Arrays.stream(times).filter(t -> t > from && t <= to).count();
        double windowMillis = (to - from) / 1e6;
        double throughput = windowMillis > 0 ? inWindow / (windowMillis / 1000) : 0;
        ScenarioRecord.Loop loop = new ScenarioRecord.Loop(s.delayMillis(), throughput, inWindow, windowMillis, null,
                settings);
        return new Step(s.id(), s.series(), s.role(), c, ScenarioRecord.OK, null, loop, null, null, null);
    }

    /**
     * A short job of the series on a first session, which loads the classes (so that what is caught is the workload's
     * own call, not a class file read on first use); then BlockHound installed, and the job on a second session, whose
     * threads start after the install: the first blocking call on a non-blocking thread.
     */
    private static Step blockHound(ScenarioSpec s) throws Exception {
        AtomicReference<ScenarioRecord.BlockingCall> first = new AtomicReference<>();
        DownloadJob job = job(s, s.baseUrl(), s.level(), null);
        try (Session warm = open(s.series(), config(s))) {
            warm.download(job);
        }
        // Netty's own integration marks its event-loop threads non-blocking when ServiceLoader finds it; the predicate
        // says the same here, so that the step does not depend on that lookup.
        BlockHound.install(builder -> builder
                .nonBlockingThreadPredicate(p -> p.or(t -> t instanceof FastThreadLocalThread))
                .blockingMethodCallback(method -> {
                    first.compareAndSet(null, blockingCall(method.toString()));
                    throw new BlockingOperationError(method);
                }));
        // A session opened before the install, whose loop thread had already run the job, slipped through BlockHound
        // twice in about twenty runs of the test suite under load; its threads now start after the install. The job
        // still runs again, a bounded number of times, until a call is caught.
        try (Session session = open(s.series(), config(s))) {
            for (int attempt = 0; attempt < BLOCKHOUND_ATTEMPTS && first.get() == null; attempt++) {
                session.download(job);
            }
        } catch (RuntimeException | Error e) {
            if (first.get() == null) {
                throw e;
            }
        }
        ScenarioRecord.BlockingCall call = first.get();
        return new Step(s.id(), s.series(), s.role(), s.level(), call == null ? ScenarioRecord.FAILED : ScenarioRecord.OK,
                call == null ? "BlockHound caught no blocking call on a non-blocking thread in " + BLOCKHOUND_ATTEMPTS
                        + " jobs" : null, null, null, null, call);
    }

    private static ScenarioRecord.BlockingCall blockingCall(String method) {
        List<String> frames = Arrays.stream(new Throwable().getStackTrace())
                .dropWhile(f -> f.getClassName().startsWith(ScenarioMain.class.getName())
                        || f.getClassName().startsWith("reactor.blockhound."))
                .map(StackTraceElement::toString).limit(STACK_FRAMES).toList();
        String project = frames.stream().filter(f -> f.startsWith("dev.flagbench.")).findFirst().orElse(null);
        return new ScenarioRecord.BlockingCall(method, Thread.currentThread().getName(), project, frames);
    }

    /**
     * Starts {@code level} tasks that each block until all have started (or the bound has passed), reads the memory
     * and the counts the machine's limits bound, then releases them all; a start that fails ends the starts, and
     * its error is the step's finding.
     */
    private static Step threads(ScenarioSpec s) throws Exception {
        if (FutexHash.slots() != FutexHash.UNSUPPORTED) {
            FutexHash.resize(FUTEX_SLOTS);
        }
        boolean platform = ThreadLimits.PLATFORM.equals(s.series());
        Thread.Builder builder = platform ? Thread.ofPlatform().daemon().name("blocked-", 0)
                : Thread.ofVirtual().name("blocked-", 0);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        Runnable task = () -> {
            running.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        List<Thread> started = new ArrayList<>(s.level());
        String error = null;
        long t0 = System.nanoTime();
        long deadline = t0 + s.windowMillis() * 1_000_000;
        try {
            for (int i = 0; i < s.level() && System.nanoTime() < deadline; i++) {
                started.add(builder.start(task));
            }
        } catch (OutOfMemoryError | IllegalStateException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        while (running.get() < started.size() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        if (error == null && started.size() < s.level()) {
            error = "started " + started.size() + " of " + s.level() + " tasks within " + s.windowMillis() + " ms";
        }
        double startMillis = (System.nanoTime() - t0) / 1e6;
        Map<String, Long> observed = ThreadLimits.observed();
        Map<String, Long> limits = ThreadLimits.limits();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long rss = ThreadLimits.rssBytes();
        long r0 = System.nanoTime();
        release.countDown();
        long joinBy = r0 + TimeUnit.SECONDS.toNanos(30);
        for (Thread t : started) {
            t.join(Duration.ofNanos(Math.max(1, joinBy - System.nanoTime())));
        }
        double releaseMillis = (System.nanoTime() - r0) / 1e6;
        ScenarioRecord.Threads threads = new ScenarioRecord.Threads(s.series(), s.level(), running.get(), rss, heap,
                startMillis, releaseMillis, error, error == null ? null : ThreadLimits.nearest(limits, observed),
                limits, observed);
        return new Step(s.id(), s.series(), s.role(), s.level(), error == null ? ScenarioRecord.OK : ScenarioRecord.FAILED,
                error, null, threads, null, null);
    }

    /** The spinner answers after its slow call, then is run again and cancelled by interrupting its caller. */
    private static Step spinner(ScenarioSpec s) throws Exception {
        Spinner spinner = Spinner.forModel(s.series())
                .orElseThrow(() -> new IllegalArgumentException("series: no spinner for '" + s.series() + "'"));
        Queue<String> frames = new ConcurrentLinkedQueue<>();
        long t0 = System.nanoTime();
        int answer = spinner.spin(Duration.ofMillis(s.delayMillis()), frames::add);
        double answerMillis = (System.nanoTime() - t0) / 1e6;
        List<String> shown = List.copyOf(frames);
        Thread.sleep(QUIET);
        boolean cleared = !shown.isEmpty() && Spinner.CLEAR.equals(shown.getLast()) && frames.size() == shown.size();

        Queue<String> cancelled = new ConcurrentLinkedQueue<>();
        CountDownLatch firstFrame = new CountDownLatch(1);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().name("spin-caller").start(() -> {
            try {
                outcome.set(spinner.spin(Duration.ofSeconds(30), f -> {
                    cancelled.add(f);
                    firstFrame.countDown();
                }));
            } catch (InterruptedException | RuntimeException e) {
                outcome.set(e);
            }
        });
        firstFrame.await(5, TimeUnit.SECONDS);
        Thread.sleep(Spinner.PERIOD.multipliedBy(2));
        long i0 = System.nanoTime();
        caller.interrupt();
        caller.join(Duration.ofSeconds(10));
        double cancelMillis = (System.nanoTime() - i0) / 1e6;
        int seen = cancelled.size();
        Thread.sleep(QUIET);
        ScenarioRecord.SpinnerRun run = new ScenarioRecord.SpinnerRun(answer,
                (int) shown.stream().filter(f -> !f.equals(Spinner.CLEAR)).count(), s.delayMillis(), answerMillis,
                cleared, outcome.get() instanceof InterruptedException, cancelMillis, cancelled.size() - seen);
        boolean ok = answer == Spinner.ANSWER && cleared && run.cancelledByException() && run.framesAfterCancel() == 0
                && !caller.isAlive();
        return new Step(s.id(), s.series(), s.role(), 1, ok ? ScenarioRecord.OK : ScenarioRecord.FAILED,
                ok ? null : "the spinner did not answer 42, clear and stop when cancelled: " + run, null, null, run, null);
    }
}
