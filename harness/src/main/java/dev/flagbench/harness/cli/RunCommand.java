package dev.flagbench.harness.cli;

import dev.flagbench.harness.trial.TrialWorkload;
import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.mock.DelaySpec;
import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.core.mock.Preset;
import dev.flagbench.harness.external.ModelCatalog;
import dev.flagbench.harness.run.Matrix;
import dev.flagbench.harness.run.Plan;
import dev.flagbench.harness.trial.TrialSpec;
import dev.flagbench.harness.run.RunSession;
import dev.flagbench.harness.scenario.Scenario;
import dev.flagbench.harness.trial.FutexHash;
import dev.flagbench.harness.trial.TrialFailures;
import dev.flagbench.harness.trial.TrialProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the comparison: every model x workload x level x repetition in its own JVM; writes results/&lt;run-id&gt;/. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the comparison and writes results/<run-id>/ (run.json, reports).",
                "Each trial (model x workload x level x repetition) runs in a fresh JVM against one mock server",
                "in this JVM (or --server); run.json is rewritten after every trial. Options override the matrix's."},
        footer = {"", "Matrices: quick (flags at C = 50, L = 20 ms, echo at 10 connections, a capacity point at C = 100, < 2 min),",
                "default (throughput sweep at L = 5 ms, C = 1..1,000; capacity sweep at 11 %% of the calibration offered, at most 2,000/s,",
                "C = 10..19,000; echo to 10,000 connections; 2 repetitions; 40-50 min), full (more of everything).",
                "Every download trial warms its session up until steady, then measures a window of a long job.",
                "Exit codes: 0 run complete, 1 the run could not start (server, files) or its server stopped answering",
                "(run.json and the reports keep every trial measured before), 2 bad options, 130 interrupted."})
public final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--matrix", defaultValue = "default", description = "quick, default or full (default: ${DEFAULT-VALUE}).")
    Matrix matrix;

    @Option(names = "--models", split = ",", converter = Converters.ModelConverter.class,
            completionCandidates = Converters.ModelNames.class,
            description = "Models to compare, comma-separated (default: all found: ${COMPLETION-CANDIDATES}).")
    List<ConcurrencyModel> models;

    @Option(names = "--workloads", split = ",", description = "Comma-separated: flags, flags+metadata, peps, echo.")
    List<String> workloads;

    @Option(names = "--levels", split = ",", description = "Download concurrency levels C, comma-separated.")
    List<Integer> levels;

    @Option(names = "--echo-levels", split = ",", description = "Echo connection counts, comma-separated.")
    List<Integer> echoLevels;

    @Option(names = "--items", description = "Measure one job of N items per trial right after the JIT warm-up, without"
            + " the steady-state warm-up on its session (default: N chosen per trial, see --measure).")
    Integer items;

    @Option(names = "--measure", converter = Converters.DurationConverter.class,
            description = "Target length of each download trial's measured job, after its session is steady (default:"
                    + " the matrix's; at least 3 x C items).")
    Duration measure;

    @Option(names = "--warmup-cap", converter = Converters.DurationConverter.class,
            description = "The longest a download trial's session warms up before it is measured, steady or not, in"
                    + " both sweeps (default: the matrix's: 6s, 20s in the throughput sweep, where the JIT settles later).")
    Duration warmupCap;

    @Option(names = "--capacity-levels", split = ",", description = "Levels C of the capacity sweep, comma-separated"
            + " (default: the matrix's; none when --levels or --workloads are given alone).")
    List<Integer> capacityLevels;

    @Option(names = "--capacity-rate", description = "Requests/s the capacity sweep offers at every level: L = C / rate,"
            + " at least 100 ms (default: the matrix's: 11 %% of the mock server's calibrated capacity, at most 2,000).")
    Double capacityRate;

    @Option(names = "--preset", description = "Server faults of LOCAL, DELAY or ERROR (default: the matrix's delay, no errors).")
    Preset preset;

    @Option(names = "--delay", converter = Converters.DelayConverter.class,
            description = "Server delay L: 100ms, uniform:50ms-150ms, exp:100ms, none (overrides the preset's).")
    DelaySpec delay;

    @Option(names = "--repetitions", description = "Measured repetitions of each trial.")
    Integer repetitions;

    @Option(names = "--warmup", converter = Converters.DurationConverter.class, description = "Unmeasured warm-up per trial, e.g. 300ms.")
    Duration warmup;

    @Option(names = "--trial-timeout", converter = Converters.DurationConverter.class,
            description = "A trial JVM is killed (and recorded FAILED) after this (default: 120s).")
    Duration trialTimeout;

    @Option(names = "--request-timeout", converter = Converters.DurationConverter.class,
            description = "Per-request timeout of every model's client (default: 30s).")
    Duration requestTimeout;

    @Option(names = "--echo-duration", converter = Converters.DurationConverter.class, description = "Measured phase of an echo trial.")
    Duration echoDuration;

    @Option(names = "--echo-size", description = "Echo message size S in bytes (default: 128).")
    Integer echoSize;

    @Option(names = "--server", paramLabel = "URL",
            description = "An external mock server's base URL (e.g. http://host:8000/); checked before any trial.")
    String server;

    @Option(names = "--server-token", paramLabel = "TOKEN",
            description = "The reset token of the --server (its mock-server --token); one on a loopback address asks for none.")
    String serverToken;

    @Option(names = "--seed", description = "Server content and fault seed (default: 42).")
    Long seed;

    @Option(names = "--futex-hash-slots", paramLabel = "N",
            description = "Futex-hash slots every trial JVM resizes its own to (Linux 6.16+), a power of two; 0 keeps"
                    + " the kernel's (16 on two cores) (default: " + Matrix.FUTEX_HASH_SLOTS + ").")
    Integer futexHashSlots;

    @Option(names = "--out", defaultValue = "results", description = "Results folder; the run goes in <out>/<run-id>/ (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--jvm-option", description = "Extra JVM option for every trial JVM (repeatable; recorded in run.json).")
    List<String> extraJvmOptions = new ArrayList<>();

    @Option(names = "--jmh", paramLabel = "FILE", description = "JMH's JSON results to include in the run's folder and"
            + " report (mvn verify -Pbench passes jmh/target/jmh.json); a file that does not exist is noted and skipped.")
    Path jmh;

    @Option(names = "--scenarios", split = ",", paramLabel = "NAME", description = "Named scenarios to run after the"
            + " trials, comma-separated: blocked-loop, thread-limits, spinner, or none (default: the matrix's, all"
            + " three, unless options narrow its trials). Given without --models, --workloads or --levels, only the"
            + " scenarios run.")
    List<String> scenarioNames;

    @Option(names = "--debug-trial", hidden = true, description = "Tests only: hang or halt in every trial.")
    String debugTrial;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Plan plan = plan();
        List<Scenario> scenarios = scenarios();
        PrintWriter w = spec.commandLine().getOut();
        List<String> jvm = new ArrayList<>(RunSession.TRIAL_JVM_OPTIONS);
        jvm.addAll(extraJvmOptions);
        if (!extraJvmOptions.isEmpty()) {
            // A recording asked for would be written by the probe too: its options are checked by the trials.
            String refusal = JvmOptionsProbe.refusal(TrialProcess.currentJava(),
                    jvm.stream().filter(o -> !o.startsWith("-XX:StartFlightRecording")).toList());
            if (refusal != null) {
                throw bad("--jvm-option", String.join(" ", extraJvmOptions), refusal);
            }
        }
        OutputFolder folder;
        try {
            folder = OutputFolder.prepare(out);
        } catch (IllegalArgumentException e) {
            throw bad("--out", out.toString(), e.getMessage());
        }
        RunSession session = new RunSession(plan, out, w, TrialProcess.currentJava(), jvm, TrialProcess.currentClasspath(),
                debugTrial);
        session.serverToken(serverToken);
        session.includeScenarios(scenarios, matrix.scenarioSizes(), scenarioNames != null && models == null
                && workloads == null && levels == null && echoLevels == null && capacityLevels == null);
        if (jmh != null) {
            if (Files.isRegularFile(jmh)) {
                session.includeMicroBenchmarks(jmh);
            } else {
                w.println("run: no JMH results at " + jmh + " (micro-benchmarks not run or skipped): the report will"
                        + " have no micro-benchmark section");
            }
        }
        Thread hook = new Thread(session::interrupt, "run-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            session.run();
        } catch (RunSession.NothingToRun e) {
            folder.removeIfEmpty();
            spec.commandLine().getErr().println("run: " + e.getMessage());
            return 2;
        } catch (RunSession.ServerLost e) {
            spec.commandLine().getErr().println("run: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            folder.removeIfEmpty();
            spec.commandLine().getErr().println("run: " + (e.getMessage() != null && e.getMessage().startsWith("pre-flight")
                    ? e.getMessage() : "stopped: " + TrialFailures.describe(e) + " (" + Converters.reason(e) + "); "
                    + session.runDir().resolve("run.json") + " keeps every trial recorded before"));
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                w.flush();
            }
        }
        return 0;
    }

    /** The matrix's plan with this command's overrides. */
    Plan plan() {
        Plan base = matrix.plan();
        boolean custom = models != null || workloads != null || levels != null || echoLevels != null || items != null
                || preset != null || delay != null || repetitions != null || server != null || measure != null
                || warmupCap != null || capacityLevels != null || capacityRate != null || scenarioNames != null;
        positive("--capacity-levels", capacityLevels);
        if (capacityRate != null && !(capacityRate > 0)) {
            throw bad("--capacity-rate", String.valueOf(capacityRate), "must be > 0");
        }
        positive("--measure", measure);
        positive("--warmup-cap", warmupCap);
        TrialSpec.Steady steady = items != null || base.steady() == null ? null : overridden(base.steady());
        TrialSpec.Steady throughputSteady = items != null || base.throughputSteady() == null ? null
                : overridden(base.throughputSteady());
        List<TrialWorkload> chosen = null;
        if (workloads != null) {
            chosen = new ArrayList<>();
            for (String wl : workloads) {
                TrialWorkload w = TrialWorkload.find(wl)
                        .orElseThrow(() -> bad("--workloads", wl, "known: " + String.join(", ", TrialWorkload.labels())));
                chosen.add(w);
            }
        }
        Plan.Capacity capacity = base.capacity();
        if (capacityLevels == null && (levels != null || workloads != null)) {
            capacity = null; // a run narrowed to some levels or workloads measures just those
        } else if (capacity != null || capacityLevels != null) {
            Plan.Capacity c = capacity != null ? capacity
                    : new Plan.Capacity(capacityLevels, List.of(TrialWorkload.FLAGS), Matrix.CAPACITY_MAX_RATE, Duration.ofMillis(100),
                    Matrix.CAPACITY_SHARE);
            List<TrialWorkload> sweptWorkloads = chosen == null ? c.workloads()
                    : chosen.stream().filter(w -> !w.isEcho()).toList();
            capacity = sweptWorkloads.isEmpty() ? null : new Plan.Capacity(capacityLevels != null ? capacityLevels : c.levels(),
                    sweptWorkloads, capacityRate != null ? capacityRate : c.offeredRate(), c.minDelay(),
                    capacityRate != null ? 0 : c.calibratedShare());
        }
        FaultProfile faults = preset == null ? base.faults() : preset.profile();
        if (delay != null) {
            faults = new FaultProfile(delay, faults.errorRate(), faults.errorStatus(), faults.resetRate(), faults.slowBodyBytesPerSecond());
        }
        URI external = null;
        if (server != null) {
            try {
                external = Converters.serverUrl(server);
            } catch (IllegalArgumentException e) {
                throw bad("--server", server, e.getMessage());
            }
            if (delay != null || preset != null) {
                throw bad(delay != null ? "--delay" : "--preset", delay != null ? delay.describe() : preset.name(),
                        "configures the in-process server only: an external server's delay and faults are its own");
            }
        }
        if (serverToken != null && server == null) {
            throw bad("--server-token", "...", "is the token of an external server: give --server URL too");
        }
        if (models != null) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (ConcurrencyModel m : models) {
                if (!seen.add(m.name())) {
                    throw bad("--models", m.name(), "is listed twice: each model runs once per trial");
                }
            }
        }
        positive("--levels", levels);
        positive("--echo-levels", echoLevels);
        if (items != null && items < 1) {
            throw bad("--items", String.valueOf(items), "must be >= 1");
        }
        if (repetitions != null && repetitions < 1) {
            throw bad("--repetitions", String.valueOf(repetitions), "must be >= 1");
        }
        if (echoSize != null && echoSize < 1) {
            throw bad("--echo-size", String.valueOf(echoSize), "must be >= 1");
        }
        if (futexHashSlots != null && futexHashSlots != 0) {
            try {
                FutexHash.check("--futex-hash-slots", futexHashSlots);
            } catch (IllegalArgumentException e) {
                throw bad("--futex-hash-slots", String.valueOf(futexHashSlots), "must be 0 (the kernel's) or a power of two"
                        + " from 2 to " + FutexHash.MAX_SLOTS);
            }
        }
        positive("--trial-timeout", trialTimeout);
        positive("--request-timeout", requestTimeout);
        positive("--echo-duration", echoDuration);
        return Plan.builder()
                .matrix(custom ? "custom" : base.matrix()).models(models != null ? models : ModelCatalog.all())
                .workloads(chosen != null ? chosen : base.workloads())
                .levels(levels != null ? levels : base.levels())
                .echoLevels(echoLevels != null ? echoLevels : base.echoLevels()).fixedItems(items != null ? items : 0)
                .itemsPerC(base.itemsPerC()).minItems(base.minItems()).maxItems(base.maxItems()).faults(faults)
                .preset(preset != null ? preset.name() : base.preset())
                .repetitions(repetitions != null ? repetitions : base.repetitions())
                .warmup(warmup != null ? warmup : base.warmup())
                .trialTimeout(trialTimeout != null ? trialTimeout : base.trialTimeout())
                .requestTimeout(requestTimeout != null ? requestTimeout : base.requestTimeout())
                .echoMessageBytes(echoSize != null ? echoSize : base.echoMessageBytes())
                .echoDuration(echoDuration != null ? echoDuration : base.echoDuration()).externalServer(external)
                .seed(seed != null ? seed : base.seed())
                .futexHashSlots(futexHashSlots != null ? futexHashSlots : base.futexHashSlots()).steady(steady)
                .throughputSteady(throughputSteady).capacity(capacity)
                .cold(levels != null || workloads != null || items != null || server != null ? null : base.cold())
                .externalRepetitions(base.externalRepetitions())
                .workloadLevels(levels != null || workloads != null ? Map.of() : base.workloadLevels()).build();
    }

    /**
     * The scenarios asked for: {@code --scenarios}' (none for {@code none}), else the matrix's when its trials are run
     * as it declares them, none when options narrowed them.
     */
    List<Scenario> scenarios() {
        if (scenarioNames == null) {
            boolean narrowed = models != null || workloads != null || levels != null || echoLevels != null
                    || items != null || capacityLevels != null || server != null;
            return narrowed ? List.of() : matrix.scenarios();
        }
        List<Scenario> named = new ArrayList<>();
        for (String n : scenarioNames) {
            if (n.trim().equals("none") && scenarioNames.size() == 1) {
                return List.of();
            }
            Scenario s = Scenario.find(n.trim()).orElseThrow(() -> bad("--scenarios", n, "known: "
                    + java.util.Arrays.stream(Scenario.values()).map(Scenario::label)
                    .collect(java.util.stream.Collectors.joining(", ")) + ", or none"));
            if (named.contains(s)) {
                throw bad("--scenarios", n, "is listed twice");
            }
            named.add(s);
        }
        return named;
    }

    private void positive(String option, List<Integer> values) {
        if (values != null) {
            for (int v : values) {
                if (v < 1) {
                    throw bad(option, String.valueOf(v), "must be >= 1");
                }
            }
        }
    }

    /** {@code s} with --measure and --warmup-cap applied, refused where the cap is below the warm-up's least length. */
    private TrialSpec.Steady overridden(TrialSpec.Steady s) {
        TrialSpec.Steady out = measure == null ? s : s.withMeasuredMillis(measure.toMillis());
        if (warmupCap == null) {
            return out;
        }
        if (warmupCap.toMillis() < out.minWarmupMillis()) {
            throw bad("--warmup-cap", Converters.text(warmupCap), "is below the matrix's least warm-up, "
                    + out.minWarmupMillis() + " ms");
        }
        return out.withMaxWarmupMillis(warmupCap.toMillis());
    }

    private void positive(String option, Duration d) {
        if (d != null && (d.isZero() || d.isNegative())) {
            throw bad(option, Converters.text(d), "must be > 0");
        }
    }

    private CommandLine.ParameterException bad(String option, String value, String why) {
        return new CommandLine.ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': '" + value + "' " + why);
    }
}
