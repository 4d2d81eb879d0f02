package dev.flagbench.harness.report;

import dev.flagbench.harness.trial.TrialWorkload;
import dev.flagbench.core.Traits;
import dev.flagbench.harness.data.Environment;
import dev.flagbench.harness.data.RunRecord;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.external.ModelCatalog;
import dev.flagbench.harness.trial.TrialSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One section of the report, and what every section shares: the run, its groups, and the lookups between them. */
abstract class ReportSection {
    /** The workload label of the echo server trials, defined once, by the trial's spec. */
    static final String ECHO = TrialWorkload.ECHO.label();
    /** The workload Table 1 is measured on. */
    static final String FLAGS = TrialWorkload.FLAGS.label();
    /** The level Table 1's "at C = 1,000" rows use when the run has it. */
    static final int REFERENCE_LEVEL = 1000;
    /** The tutorial's claim, verbatim. */
    static final String CLAIM = "async I/O manages thousands+ of requests, threads hundreds, processes tens";

    /**
     * What every section reads: the run, its trial groups, its delay L, the models' traits and where charts go.
     *
     * @param run the run
     * @param charts where the charts are written
     * @param groups the run's trials grouped by (series, model, level)
     * @param traits the Table 1 traits of a model by name, empty when the model is not on the class path
     */
    record Context(RunRecord run, Charts charts, List<TrialGroup> groups, Function<String, Optional<Traits>> traits) {
        /** A context for one run, with the traits looked up once per model. */
        static Context of(RunRecord run, Charts charts, Function<String, Optional<Traits>> traits) {
            Map<String, Optional<Traits>> cache = new HashMap<>();
            return new Context(run, charts, TrialGroup.of(run.trials()), model -> cache.computeIfAbsent(model, traits));
        }
    }

    final Context ctx;
    final RunRecord run;
    final Charts charts;
    final List<TrialGroup> groups;
    final double delayMillis;
    final Function<String, Optional<Traits>> traits;

    /** A section over {@code ctx}'s run. */
    ReportSection(Context ctx) {
        this.ctx = ctx;
        this.run = ctx.run();
        this.charts = ctx.charts();
        this.groups = ctx.groups();
        this.delayMillis = run.config().delayMillis();
        this.traits = ctx.traits();
    }

    /** Appends this section's blocks to {@code doc}; a section with nothing to say appends nothing. */
    abstract void render(Doc doc) throws IOException;

    /** The traits of a model found with ServiceLoader, or empty when it is not on the class path. */
    static Optional<Traits> serviceLoaderTraits(String model) {
        try {
            return Optional.of(ModelCatalog.byName(model).traits());
        } catch (IllegalArgumentException | ServiceConfigurationError notFound) {
            return Optional.empty();
        }
    }

    /**
     * Every model of the run in report order: by the Table 1 column its traits declare (the baseline first), then by
     * name; series that are no model on the class path (the Netty baseline) last, as the run lists them.
     */
    static List<String> modelOrder(RunRecord run) {
        Set<String> present = new LinkedHashSet<>(run.config().models());
        run.trials().forEach(t -> present.add(t.model()));
        run.skipped().forEach(s -> present.add(s.model()));
        Comparator<String> byColumn = Comparator.comparingInt(
                (String m) -> serviceLoaderTraits(m).map(t -> t.column().ordinal()).orElse(Integer.MAX_VALUE));
        List<String> models = present.stream().filter(m -> serviceLoaderTraits(m).isPresent())
                .sorted(byColumn.thenComparing(Comparator.naturalOrder())).collect(Collectors.toCollection(ArrayList::new));
        present.stream().filter(m -> !models.contains(m)).forEach(models::add);
        return models;
    }

    /**
     * The share of the machine's cores at or above which a level that misses the knee's criteria is said to have met
     * the machine's limit, not only the model's: the client and the server share the same cores.
     */
    static final double BUSY_SHARE = 0.85;

    /**
     * The cores a download trial kept busy in its measured job: the client's CPU over the job's wall time, plus the
     * server's, estimated from the calibration (its CPU per request times the requests per second it served); NaN
     * when the trial has no resources.
     */
    double coresBusy(TrialRecord t) {
        if (t.resources() == null || t.wallMillis() <= 0) {
            return Double.NaN;
        }
        double client = t.resources().cpuMillis() / t.wallMillis();
        RunRecord.Calibration cal = run.server() == null ? null : run.server().calibration();
        int requests = TrialGroup.requestsPerItem(t.workload());
        double server = cal == null || !(cal.serverCpuMicrosPerRequest() > 0) ? 0
                : cal.serverCpuMicrosPerRequest() * t.throughput() * requests / 1e6;
        return client + server;
    }

    /**
     * "; the 2 cores were 93 % busy (client and server): the machine's limit as much as the model's" when the level's
     * trials kept at least {@link #BUSY_SHARE} of the cores busy, and {@link #oneThreadLimitText}; empty otherwise.
     */
    String machineLimitText(TrialGroup g) {
        int cpus = run.environment() == null ? 0 : run.environment().cpus();
        double busy = g.median(this::coresBusy);
        if (cpus <= 0 || !(busy >= BUSY_SHARE * cpus)) {
            return oneThreadLimitText(g);
        }
        return "; the " + cpus + " cores were " + Fmt.percent(busy / cpus) + " busy (client and server): the"
                + " machine's limit as much as the model's" + oneThreadLimitText(g);
    }

    /**
     * The share of a core that a trial run on one OS thread (a single-threaded event loop) used in its measured
     * window: its CPU per request times the window's requests per second; NaN for a trial on more threads or without
     * resources. (Its CPU over the whole job would understate the window: the ramp and the tail hold fewer requests.)
     */
    static double oneThreadBusy(TrialRecord t) {
        if (t.resources() == null || t.resources().peakPlatformThreads() != 1) {
            return Double.NaN;
        }
        return Metric.cpuPerRequest(t) * t.throughput() * TrialGroup.requestsPerItem(t.workload()) / 1e6;
    }

    /**
     * "; its one thread was busy 93 % of the window: one core is its ceiling" when the level's trials ran on one OS
     * thread that used at least {@link #BUSY_SHARE} of a core (at most 100 % is said: the figure is an estimate);
     * empty otherwise.
     */
    static String oneThreadLimitText(TrialGroup g) {
        double busy = g.median(ReportSection::oneThreadBusy);
        if (!(busy >= BUSY_SHARE)) {
            return "";
        }
        return "; its one thread was busy " + Fmt.percent(Math.min(1, busy)) + " of the window (CPU per request ×"
                + " requests/s): one core is its ceiling";
    }

    /** The series Table 1 and the claim are read from: the capacity sweep's flags when the run has it, else flags. */
    String table1Series() {
        String capacity = TrialGroup.CAPACITY_PREFIX + FLAGS;
        return groups.stream().anyMatch(g -> g.workload().equals(capacity)) ? capacity : FLAGS;
    }

    /** The download workloads of the run, in the run's order. */
    List<String> downloadWorkloads() {
        Set<String> workloads = new LinkedHashSet<>(run.config().workloads());
        groups.forEach(g -> workloads.add(g.workload()));
        workloads.remove(ECHO);
        return List.copyOf(workloads);
    }

    /**
     * The machine in one line, read from run.json's environment and worded the same wherever the report names it:
     * CPU model, cores, memory, kernel, JDK.
     */
    String machine() {
        Environment env = run.environment();
        if (env == null) {
            return "not recorded in run.json";
        }
        return env.cpuModel() + ", " + env.cpus() + " cores, " + Fmt.bytes(env.memoryBytes()) + " of memory, "
                + env.kernel() + ", JDK " + env.jdk();
    }

    /**
     * Memory per request in flight at {@code at}: (its median peak RSS − the model's at its smallest level with one)
     * ÷ the requests the server saw in flight at {@code at}; NaN for the smallest level itself or without figures.
     */
    double memoryPerRequest(String workload, String model, TrialGroup at) {
        Optional<TrialGroup> base = groupsOf(workload, model).stream()
                .filter(g -> Double.isFinite(g.median(Metric.RSS::of))).findFirst();
        double inFlight = at.median(t -> t.achievedConcurrency() == null ? Double.NaN : t.achievedConcurrency());
        if (base.isEmpty() || base.get().level() >= at.level() || !(inFlight > 0)) {
            return Double.NaN;
        }
        return Math.max(0, at.median(Metric.RSS::of) - base.get().median(Metric.RSS::of)) / inFlight;
    }

    /** Whether the model's traits declare it the baseline (one request at a time). */
    boolean isBaseline(String model) {
        return traits.apply(model).map(Traits::baseline).orElse(false);
    }

    /** The models of Table 1: every model of the run but the Netty baseline, in report order. */
    List<String> table1Models() {
        return modelOrder(run).stream().filter(m -> !Charts.NETTY_BASELINE.equals(m)).toList();
    }

    /** The groups of one model on one series, by level. */
    List<TrialGroup> groupsOf(String workload, String model) {
        return groups.stream().filter(g -> g.workload().equals(workload) && g.model().equals(model)).toList();
    }

    /** The group of one model at one level of one series, if it ran. */
    Optional<TrialGroup> group(String workload, String model, int level) {
        return groupsOf(workload, model).stream().filter(g -> g.level() == level).findFirst();
    }

    /** The level the "at C = ..." rows use: 1,000 when the workload ran it, else the highest level run. */
    int referenceLevel(String workload) {
        List<Integer> levels = groups.stream().filter(g -> g.workload().equals(workload)).map(TrialGroup::level)
                .distinct().sorted().toList();
        if (levels.isEmpty() || levels.contains(REFERENCE_LEVEL)) {
            return REFERENCE_LEVEL;
        }
        return levels.getLast();
    }

    /** A table row: its label, then one cell per model. */
    static List<String> row(String label, List<String> models, Function<String, String> cell) {
        List<String> row = new ArrayList<>();
        row.add(label);
        models.forEach(m -> row.add(cell.apply(m)));
        return row;
    }

    /** A value over the OK repetitions as its median, with the min–max range in brackets when they differ. */
    static String spread(TrialGroup g, ToDoubleFunction<TrialRecord> value,
                                 DoubleFunction<String> format) {
        return g.spread(value).map(s -> s.n() == 1 || s.min() == s.max() ? format.apply(s.median())
                : format.apply(s.median()) + " (" + format.apply(s.min()) + "–" + format.apply(s.max()) + ")")
                .orElse(Fmt.NONE);
    }

    /** Lists every non-OK trial with its reason, failed requests of OK trials, and skipped levels. */
    void problems(Doc doc, String workload) {
        List<String> items = new ArrayList<>();
        for (TrialRecord t : run.trials()) {
            if (!t.workload().equals(workload)) {
                continue;
            }
            if (TrialRecord.FAILED.equals(t.state())) {
                items.add(t.id() + ": FAILED: " + (t.failureReason() == null ? "no reason recorded"
                        : t.failureReason()));
            } else if (TrialRecord.INVALID.equals(t.state())) {
                items.add(t.id() + ": INVALID: " + (t.failureReason() == null ? "" : t.failureReason() + "; ")
                        + "mismatches: " + (t.accountingMismatches().isEmpty() ? "none recorded"
                        : String.join("; ", t.accountingMismatches())));
            } else if (!TrialRecord.OK.equals(t.state())) {
                items.add(t.id() + ": state " + t.state() + ": " + t.failureReason());
            }
            Map<String, Long> failed = new TrialGroup(t.workload(), t.model(), t.level(), List.of(t)).failedRequests();
            if (!failed.isEmpty()) {
                items.add(t.id() + ": " + failed.entrySet().stream().map(e -> Fmt.count(e.getValue()) + " "
                        + e.getKey()).collect(Collectors.joining(", ")) + " of " + Fmt.count(t.items())
                        + " requests");
            }
        }
        for (RunRecord.Skipped s : run.skipped()) {
            if (s.workload().equals(workload)) {
                items.add(s.model() + " at " + (ECHO.equals(workload) ? "connections" : "C") + " = "
                        + Fmt.count(s.level()) + ": skipped: " + s.reason());
            }
        }
        doc.heading(3, "Failures, invalid trials and skipped levels: " + workload);
        doc.add(new Doc.Bullets(items.isEmpty() ? List.of("none") : items));
    }

    /** Levels for people, e.g. {@code 1, 100, 1,000}. */
    static String joinLevels(List<Integer> levels) {
        return Stream.of(levels.toArray(Integer[]::new)).map(Fmt::count).collect(Collectors.joining(", "));
    }
}
