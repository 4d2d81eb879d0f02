package dev.flagbench.harness.scenario;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.ConcurrencyModels;
import dev.flagbench.core.Spinner;
import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.core.scenario.ScenarioVariant;
import dev.flagbench.harness.data.ScenarioRecord;
import dev.flagbench.harness.data.ScenarioRecord.Step;
import dev.flagbench.harness.run.ServerHandle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs the named scenarios: every step in a fresh JVM, against in-process mock servers of its own; a step that fails is
 * recorded with its reason and the scenario goes on. The series come from the class path (variants, models with their
 * declared traits, spinners), never from names written here.
 */
public final class ScenarioRunner {
    /** JVM options of a BlockHound step: BlockHound redefines JDK classes and attaches itself as an agent. */
    static final List<String> BLOCKHOUND_JVM_OPTIONS = List.of("-XX:+AllowRedefinitionToAddDeleteMethods",
            "-XX:+EnableDynamicAgentLoading");
    /**
     * JVM options of a thread-limits step, after the trials' own: a fixed heap of 1 GiB, touched before the tasks start
     * and without huge pages, so that RSS grows only with what lives outside the heap (platform threads' stacks and
     * native structures) and the heap after a GC with what lives on it (virtual threads' stacks).
     */
    static final List<String> THREADS_JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
            "-XX:-UseTransparentHugePages");
    /** The role of a model's own series. */
    public static final String MODEL = "MODEL";
    /** The role of the one-request-at-a-time baseline. */
    public static final String BASELINE = "BASELINE";
    /** The role of the BlockHound step. */
    public static final String BLOCKHOUND = "BLOCKHOUND";
    /** The role of a spinner step. */
    static final String SPINNER = "spinner";
    private static final int BLOCKHOUND_ITEMS = 10;
    private static final long WARMUP_MILLIS = 300;
    private static final long REQUEST_TIMEOUT_MILLIS = 30_000;

    private final ScenarioProcess process;
    private final Scenario.Sizes sizes;
    private final long seed;
    private final PrintWriter out;

    /**
     * A runner forking {@code java} with {@code jvmOptions} on {@code classpath}, its files in {@code workDir}, at
     * {@code sizes}; servers seeded with {@code seed}; a line per step to {@code out}.
     */
    public ScenarioRunner(String java, List<String> jvmOptions, String classpath, Path workDir, Scenario.Sizes sizes,
                          long seed, PrintWriter out) {
        this.process = new ScenarioProcess(java, jvmOptions, classpath, workDir);
        this.sizes = sizes;
        this.seed = seed;
        this.out = out;
    }

    /** Runs {@code scenario} and returns what it measured. */
    public ScenarioRecord run(Scenario scenario) throws IOException, InterruptedException {
        List<Step> steps = new ArrayList<>();
        List<ScenarioRecord.Fit> fits = new ArrayList<>();
        switch (scenario) {
            case BLOCKED_LOOP -> blockedLoop(scenario, steps);
            case THREAD_LIMITS -> threadLimits(scenario, steps, fits);
            case SPINNER -> spinner(scenario, steps);
        }
        return new ScenarioRecord(scenario.label(), scenario.summary(), steps, fits);
    }

    private void blockedLoop(Scenario scenario, List<Step> steps) throws IOException, InterruptedException {
        List<ScenarioVariant> variants = ScenarioVariant.all().stream().filter(v -> v.scenario().equals(scenario.label()))
                .sorted(Comparator.comparing(ScenarioVariant::role)).toList();
        if (variants.isEmpty()) {
            steps.add(Step.notMeasured(scenario.label(), "-", "-", 0, ScenarioRecord.SKIPPED,
                    "no scenario variant of " + scenario.label() + " on the class path"));
            return;
        }
        List<ConcurrencyModel> all = ConcurrencyModels.all();
        List<String> models = variants.stream().map(ScenarioVariant::variantOf).distinct()
                .filter(n -> all.stream().anyMatch(m -> m.name().equals(n))).toList();
        List<ConcurrencyModel> baselines = all.stream().filter(m -> m.traits().baseline()).toList();
        FaultProfile delayed = FaultProfile.delay(sizes.loopDelay());
        try (ServerHandle measured = ServerHandle.inProcess(delayed, seed);
             ServerHandle warm = ServerHandle.inProcess(FaultProfile.NONE, seed)) {
            for (ConcurrencyModel b : baselines) {
                steps.add(loopStep(scenario, b.name(), BASELINE, 1, measured, warm, b.traits().jvmOptions()));
            }
            for (int c : sizes.loopLevels()) {
                for (ScenarioVariant v : variants) {
                    steps.add(loopStep(scenario, v.name(), v.role().name(), c, measured, warm, List.of()));
                }
                for (String m : models) {
                    steps.add(loopStep(scenario, m, MODEL, c, measured, warm, jvmOptions(all, m)));
                }
            }
            for (ScenarioVariant v : variants) {
                if (v.role() == ScenarioVariant.Role.MISTAKE) {
                    ScenarioSpec spec = new ScenarioSpec(scenario.label() + "/" + v.name() + "/blockhound",
                            ScenarioSpec.BLOCKHOUND, v.name(), BLOCKHOUND, BLOCKHOUND_ITEMS, warm.baseUrl().toString(),
                            null, warm.content().countryCodes(), 0, 0, 0, 0, REQUEST_TIMEOUT_MILLIS);
                    steps.add(report(process.run(spec, BLOCKHOUND_JVM_OPTIONS, sizes.stepTimeout())));
                }
            }
        }
    }

    private static List<String> jvmOptions(List<ConcurrencyModel> all, String model) {
        return all.stream().filter(m -> m.name().equals(model)).findFirst().map(m -> m.traits().jvmOptions())
                .orElse(List.of());
    }

    private Step loopStep(Scenario scenario, String series, String role, int c, ServerHandle measured, ServerHandle warm,
                          List<String> options) throws IOException, InterruptedException {
        ScenarioSpec spec = new ScenarioSpec(scenario.label() + "/" + series + "/C" + c, ScenarioSpec.LOOP, series, role, c,
                measured.baseUrl().toString(), warm.baseUrl().toString(), measured.content().countryCodes(),
                sizes.loopDelay().toMillis(), sizes.loopRamp().toMillis(), sizes.loopWindow().toMillis(), WARMUP_MILLIS,
                REQUEST_TIMEOUT_MILLIS);
        measured.resetStats();
        Step step = process.run(spec, options, sizes.stepTimeout());
        return report(step.withServerPeak(measured.stats().peakInFlight()));
    }

    private void threadLimits(Scenario scenario, List<Step> steps, List<ScenarioRecord.Fit> fits)
            throws IOException, InterruptedException {
        for (String kind : List.of(ThreadLimits.PLATFORM, ThreadLimits.VIRTUAL)) {
            String failedAt = null;
            List<ScenarioRecord.Threads> ok = new ArrayList<>();
            for (int n : sizes.taskCounts()) {
                String id = String.format(Locale.ROOT, "%s/%s/N%d", scenario.label(), kind, n);
                if (failedAt != null) {
                    steps.add(report(Step.notMeasured(id, kind, kind, n, ScenarioRecord.SKIPPED, failedAt)));
                    continue;
                }
                ScenarioSpec spec = new ScenarioSpec(id, ScenarioSpec.THREADS, kind, kind, n, null, null, List.of(), 0, 0,
                        sizes.stepTimeout().toMillis() / 2, 0, 0);
                Step step = report(process.run(spec, THREADS_JVM_OPTIONS, sizes.stepTimeout()));
                steps.add(step);
                if (ScenarioRecord.OK.equals(step.state()) && step.threads() != null) {
                    ok.add(step.threads());
                } else {
                    failedAt = String.format(Locale.ROOT, "%s threads failed at %,d tasks: %s", kind, n, step.failure());
                }
            }
            double[] x = ok.stream().mapToDouble(ScenarioRecord.Threads::started).toArray();
            fits.add(LinearFit.fit(kind, "rss", x, ok.stream().mapToDouble(ScenarioRecord.Threads::rssBytes).toArray()));
            fits.add(LinearFit.fit(kind, "heap", x, ok.stream().mapToDouble(ScenarioRecord.Threads::heapBytes).toArray()));
        }
    }

    private void spinner(Scenario scenario, List<Step> steps) throws IOException, InterruptedException {
        List<String> models = Spinner.all().stream().map(Spinner::model).sorted().toList();
        for (String m : models) {
            ScenarioSpec spec = new ScenarioSpec(scenario.label() + "/" + m, ScenarioSpec.SPINNER, m, SPINNER, 1, null,
                    null, List.of(), sizes.spinnerCall().toMillis(), 0, 0, 0, 0);
            steps.add(report(process.run(spec, List.of(), sizes.stepTimeout().plus(Duration.ofSeconds(30)))));
        }
    }

    /** Prints the step's line and returns it. */
    private Step report(Step s) {
        out.println("scenario " + s.id() + ": " + line(s));
        out.flush();
        return s;
    }

    /** A step in one line, for the progress output. */
    static String line(Step s) {
        if (!ScenarioRecord.OK.equals(s.state())) {
            return s.state() + ", " + s.failure();
        }
        if (s.loop() != null) {
            return String.format(Locale.ROOT, "%.1f responses/s, the server held at most %s at once",
                    s.loop().throughput(), Optional.ofNullable(s.loop().serverPeakInFlight()).map(String::valueOf).orElse("?"));
        }
        if (s.threads() != null) {
            return String.format(Locale.ROOT, "%,d tasks blocked, RSS %,d MB, heap %,d MB", s.threads().started(),
                    s.threads().rssBytes() >> 20, s.threads().heapBytes() >> 20);
        }
        if (s.blockingCall() != null) {
            return "BlockHound caught " + s.blockingCall().method() + " on " + s.blockingCall().thread();
        }
        if (s.spinner() != null) {
            return String.format(Locale.ROOT, "answered %d after %.0f ms; interrupted, it stopped in %.0f ms",
                    s.spinner().answer(), s.spinner().answerMillis(), s.spinner().cancelMillis());
        }
        return s.state();
    }
}
