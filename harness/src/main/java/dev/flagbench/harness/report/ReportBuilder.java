package dev.flagbench.harness.report;

import dev.flagbench.core.Traits;
import dev.flagbench.core.ConcurrencyModels;
import dev.flagbench.harness.data.Environment;
import dev.flagbench.harness.data.RunConfig;
import dev.flagbench.harness.data.RunRecord;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.run.Matrix;
import dev.flagbench.harness.trial.TrialSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Turns a run into the report's blocks: Table 1, the generated verdicts, charts, per-workload tables, setup. */
final class ReportBuilder {
    /** The workload label of the echo server trials. */
    static final String ECHO = "echo";
    /** The workload Table 1 is measured on. */
    static final String FLAGS = "flags";
    /** The level Table 1's "at C = 1,000" rows use when the run has it. */
    static final int REFERENCE_LEVEL = 1000;
    /** The tutorial's claim, verbatim. */
    static final String CLAIM = "async I/O manages thousands+ of requests, threads hundreds, processes tens";

    private final RunRecord run;
    private final Charts charts;
    private final List<TrialGroup> groups;
    private final double delayMillis;
    private final Function<String, Optional<Traits>> traits;

    /**
     * A builder for one run.
     *
     * @param run the run
     * @param charts where the charts are written
     * @param traits the Table 1 traits of a model by name, empty when the model is not on the class path
     */
    ReportBuilder(RunRecord run, Charts charts, Function<String, Optional<Traits>> traits) {
        this.run = run;
        this.charts = charts;
        this.groups = TrialGroup.of(run.trials());
        this.delayMillis = run.config().delayMillis();
        Map<String, Optional<Traits>> cache = new HashMap<>();
        this.traits = model -> cache.computeIfAbsent(model, traits);
    }

    /** The traits of a model found with ServiceLoader, or empty when it is not on the class path. */
    static Optional<Traits> serviceLoaderTraits(String model) {
        try {
            return Optional.of(ConcurrencyModels.byName(model).traits());
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

    /** Builds the whole report. */
    Doc build() throws IOException {
        Doc doc = new Doc();
        doc.heading(1, "flagbench run " + run.runId());
        summary(doc);
        doc.paragraph("Status " + run.status() + (run.endReason() == null ? "" : " (" + run.endReason() + ")")
                + "; started " + run.startedAt() + ", finished "
                + (run.finishedAt() == null ? "not yet" : run.finishedAt()) + ". Matrix " + run.config().matrix()
                + ": workloads " + String.join(", ", run.config().workloads()) + "; " + sweepsText() + "; "
                + run.config().repetitions() + " repetition(s) per trial; " + run.config().itemsRule() + ".");
        doc.paragraph(methodText());
        String took = durationText();
        if (took != null) {
            doc.paragraph(took);
        }
        doc.paragraph("Every number below is computed from run.json and the .hgrm files it names. Values are medians"
                + " over the OK repetitions, with the min–max range in brackets; " + (run.config().steady() != null
                ? "ideal throughput = C / L (Little's law, L per request of an item) and efficiency = the measured"
                + " window's throughput ÷ ideal" : "ideal time = ceil(N / C) × L and efficiency = ideal / measured")
                + ". Latency is " + latencyModelText() + ".");
        table1(doc);
        claim(doc);
        chartSections(doc);
        for (String workload : downloadWorkloads()) {
            workloadSection(doc, workload);
        }
        if (groups.stream().anyMatch(g -> ECHO.equals(g.workload()))) {
            echoSection(doc);
        }
        ScenarioSection.append(doc, run);
        environment(doc);
        return doc;
    }

    /**
     * The first screen: one verdict per model, generated from the numbers (the most it held in flight within the
     * knee's criteria, at what cost; its best throughput and CPU per request), and what limited the run.
     */
    private void summary(Doc doc) {
        List<String> verdicts = new ArrayList<>();
        String capacity = table1Series();
        for (String model : table1Models()) {
            verdicts.add(verdictOf(model, capacity));
        }
        verdicts.removeIf(v -> v == null);
        if (verdicts.isEmpty()) {
            return;
        }
        doc.heading(2, "Summary");
        if (run.endReason() != null) {
            doc.paragraph("This run ended early, " + run.status() + ": " + run.endReason() + ". Everything below is what"
                    + " the trials before it measured.");
        }
        doc.paragraph("How many concurrent downloads each model holds, and at what cost, on this machine ("
                + (run.environment() == null ? "see the environment below" : run.environment().cpus() + " cores, "
                + run.environment().cpuModel()) + "):");
        doc.add(new Doc.Bullets(verdicts));
        calibrationText().ifPresent(doc::paragraph);
    }

    /** One model's verdict sentence, or {@code null} when it has no download trial. */
    private String verdictOf(String model, String capacity) {
        List<TrialGroup> held = groupsOf(capacity, model);
        List<TrialGroup> fast = groupsOf(FLAGS, model);
        if (held.isEmpty() && fast.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(model + ": ");
        boolean baseline = traits.apply(model).map(Traits::baseline).orElse(false);
        if (baseline) {
            sb.append("the baseline, one request at a time");
        } else if (!held.isEmpty()) {
            OptionalInt knee = Knee.knee(held, delayMillis);
            if (knee.isPresent()) {
                TrialGroup g = group(capacity, model, knee.getAsInt()).orElseThrow();
                sb.append(Fmt.count(knee.getAsInt())).append(" in flight at ")
                        .append(Fmt.percent(g.median(Metric.EFFICIENCY::of))).append(" of ideal (L = ")
                        .append(Fmt.millis(g.delayMillis(delayMillis))).append("), ")
                        .append(Fmt.count(Math.round(g.median(t -> t.resources() == null ? Double.NaN
                                : t.resources().peakPlatformThreads())))).append(" OS threads, peak RSS ")
                        .append(Fmt.bytes(g.median(Metric.RSS::of)));
            } else {
                sb.append("met the knee's criteria at no level of the ").append(capacity).append(" series");
            }
            held.stream().filter(g -> g.level() > knee.orElse(0) && !Knee.misses(g, delayMillis).isEmpty())
                    .findFirst().ifPresent(g -> sb.append("; at C = ").append(Fmt.count(g.level())).append(": ")
                            .append(String.join("; ", Knee.misses(g, delayMillis)))
                            .append(g.median(t -> t.achievedConcurrency() == null ? Double.NaN
                                    : t.achievedConcurrency()) < g.level()
                                    ? ", " + Fmt.count(Math.round(g.median(t -> t.achievedConcurrency() == null
                                    ? Double.NaN : t.achievedConcurrency()))) + " in flight" : ""));
        }
        fast.stream().filter(g -> Double.isFinite(g.median(Metric.THROUGHPUT::of)))
                .max(Comparator.comparingDouble(g -> g.median(Metric.THROUGHPUT::of)))
                .ifPresent(g -> sb.append(baseline ? ": " : "; at most ").append(Fmt.num(g.median(Metric.THROUGHPUT::of)))
                        .append(" downloads/s (").append(FLAGS).append(", C = ").append(Fmt.count(g.level()))
                        .append(", L = ").append(Fmt.millis(g.delayMillis(delayMillis))).append(") at ")
                        .append(Fmt.micros(g.median(Metric.CPU_PER_REQUEST::of))).append(" of CPU per request")
                        .append(cpuShare(g)));
        return sb.append('.').toString();
    }

    /** ", the client using N % of the cores", when the trial's CPU and wall time are known. */
    private String cpuShare(TrialGroup g) {
        int cpus = run.environment() == null ? 0 : run.environment().cpus();
        double share = g.median(t -> t.resources() == null || t.wallMillis() <= 0 || cpus <= 0 ? Double.NaN
                : t.resources().cpuMillis() / (t.wallMillis() * cpus));
        return Double.isFinite(share) ? ", the client using " + Fmt.percent(share) + " of the " + cpus + " cores" : "";
    }

    /** The sweeps of the run, with their levels and delays. */
    private String sweepsText() {
        RunConfig c = run.config();
        String throughput = (c.capacityLevels().isEmpty() ? "" : "throughput sweep: ") + "levels C = "
                + joinLevels(c.levels()) + " at L = " + Fmt.millis(delayMillis);
        if (c.capacityLevels().isEmpty()) {
            return throughput;
        }
        return throughput + "; capacity sweep on " + String.join(", ", c.capacityWorkloads()) + ": C = "
                + joinLevels(c.capacityLevels()) + " with L = C ÷ " + Fmt.count(Math.round(c.capacityOfferedRate()))
                + " requests/s (at least 100 ms), the server's delay uniform on [L/2, 3L/2], one repetition above C = "
                + Fmt.count(dev.flagbench.harness.run.Plan.Capacity.ONCE_ABOVE);
    }

    /** What the calibration found, and what it means for the two sweeps; empty for runs without one. */
    private Optional<String> calibrationText() {
        RunRecord.Calibration cal = run.server() == null ? null : run.server().calibration();
        if (cal == null || cal.requestsPerSecond() <= 0) {
            return Optional.empty();
        }
        RunConfig c = run.config();
        StringBuilder sb = new StringBuilder("Calibration: at the start of the run the mock server served "
                + Fmt.num(cal.requestsPerSecond()) + " requests/s to the harness's own load (" + cal.connections()
                + " keep-alive connections, a closed loop, " + Fmt.millis(cal.millis()) + "), at "
                + Fmt.micros(cal.serverCpuMicrosPerRequest()) + " of its CPU per request: the machine's ceiling for"
                + " any client here, which shares the same two cores.");
        if (c.capacityOfferedRate() > 0) {
            sb.append(" The capacity sweep offers ").append(Fmt.num(c.capacityOfferedRate())).append(" requests/s at")
                    .append(" every level (L = C ÷ rate, at least 100 ms; lower at its smallest levels), ")
                    .append(Fmt.percent(c.capacityOfferedRate() / cal.requestsPerSecond())).append(" of it, so that")
                    .append(" its efficiency is the cost of holding C requests in flight.");
        }
        if (delayMillis > 0 && !c.levels().isEmpty()) {
            int top = c.levels().getLast();
            double offered = top * 1000.0 / delayMillis;
            sb.append(" The throughput sweep at L = ").append(Fmt.millis(delayMillis)).append(" offers up to ")
                    .append(Fmt.num(offered)).append(" requests/s (C = ").append(Fmt.count(top)).append("), ")
                    .append(Fmt.num(offered / cal.requestsPerSecond())).append(" times the ceiling: its high levels")
                    .append(" measure each model's maximum requests/s and CPU per request, not a knee.");
        }
        return Optional.of(sb.toString());
    }

    /** How a trial was measured, in words. */
    private String methodText() {
        RunConfig c = run.config();
        String jit = "Each trial runs in a fresh JVM that first warms its JIT up, unmeasured, for "
                + Fmt.millis(c.warmupMillis()) + " (download jobs at min(C, 100) against a second server without"
                + " delay; echo: a closed loop of min(C, 100) connections).";
        TrialSpec.Steady s = c.steady();
        if (s == null) {
            return jit + " The measured job then runs on a fresh client (a cold session).";
        }
        long converged = run.trials().stream().filter(t -> t.steady() != null && t.steady().converged()).count();
        long steadyTrials = run.trials().stream().filter(t -> t.steady() != null).count();
        return jit + " A download trial then opens one session of the model (its client, pool, loop) at the"
                + " trial's level and warms it up against the measured server: jobs run until two in a row agree on"
                + " throughput within " + Fmt.percent(s.tolerance()) + " after at least " + Fmt.millis(s.minWarmupMillis())
                + ", or until " + Fmt.millis(s.maxWarmupMillis()) + " (" + Fmt.count(converged) + " of "
                + Fmt.count(steadyTrials) + " trials converged; the others are marked in their tables). The measured"
                + " job runs on the same session, at least " + s.minRounds() + " × C items and about "
                + Fmt.millis(s.measuredMillis()) + " long; its window runs from its C-th response to the C-th before"
                + " its last, so that neither the ramp nor the tail is in it (responses, not items: a model may finish"
                + " every item's first request before any second one). The JIT runs its default tiers (C1 and"
                + " C2), warmed by the session's warm-up.";
    }

    private String latencyModelText() {
        boolean open = run.trials().stream().anyMatch(t -> t.latency() != null && t.latency().openModel());
        boolean closed = run.trials().stream().anyMatch(t -> t.latency() != null && !t.latency().openModel());
        if (open && closed) {
            return "closed-model (from each request's actual send) except the open-model trials, measured from"
                    + " each request's intended send time";
        }
        return open ? "open-model, measured from each request's intended send time (no coordinated omission)"
                : "closed-model: measured from each request's actual send, so waiting for a free slot is not counted";
    }

    private List<String> table1Models() {
        return modelOrder(run).stream().filter(m -> !Charts.NETTY_BASELINE.equals(m)).toList();
    }

    private List<TrialGroup> groupsOf(String workload, String model) {
        return groups.stream().filter(g -> g.workload().equals(workload) && g.model().equals(model)).toList();
    }

    private Optional<TrialGroup> group(String workload, String model, int level) {
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

    private void table1(Doc doc) {
        List<String> models = table1Models();
        doc.heading(2, "Table 1, measured");
        doc.paragraph("The tutorial's Table 1 with a column per JVM model and the sequential model as the baseline."
                + " The qualitative rows come from each model's traits(); the measured rows from the "
                + table1Series() + " series.");
        List<String> header = new ArrayList<>();
        header.add("");
        models.forEach(m -> header.add(traits.apply(m).map(Traits::baseline).orElse(false) ? m + " (baseline)" : m));
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("primitives", models, m -> traits.apply(m).map(Traits::primitives)
                .orElse(Fmt.NONE)));
        rows.add(row("processing", models, m -> traits.apply(m).map(Traits::processing)
                .orElse(Fmt.NONE)));
        rows.addAll(measuredRows(table1Series(), models));
        doc.add(new Doc.Table(header, rows));
        doc.paragraph(rssNote(table1Series()));
        for (String workload : downloadWorkloads()) {
            if (!table1Series().equals(workload)) {
                doc.heading(3, "Table 1's measured rows, workload " + workload);
                List<String> h = new ArrayList<>();
                h.add("");
                h.addAll(models);
                doc.add(new Doc.Table(h, measuredRows(workload, models)));
            }
        }
    }

    private String rssNote(String workload) {
        return "Knee: the highest C with median efficiency ≥ 90 %, median p99 ≤ 2 L per request of an item (4 L for"
                + " flags+metadata, whose items are two requests in a row) and no ERROR, TIMEOUT or"
                + " CANCELLED request in any repetition, every repetition OK. Memory per request in flight = (the"
                + " median peak RSS, VmHWM, at the model's highest OK level − its peak RSS at its smallest level) ÷ the"
                + " requests the server saw in flight at the highest level; the smallest level's RSS, the JVM's"
                + " baseline, is in brackets."
                + " Peak platform threads at the highest level run (any state with a measurement). Reference level"
                + " for the \"at C\" rows of " + workload + ": C = " + Fmt.count(referenceLevel(workload)) + ".";
    }

    private List<List<String>> measuredRows(String workload, List<String> models) {
        int ref = referenceLevel(workload);
        String at = " at C = " + Fmt.count(ref);
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("knee (C)", models, m -> kneeText(workload, m)));
        rows.add(row("throughput" + at, models, m -> atRef(workload, m, ref, Metric.THROUGHPUT)));
        rows.add(row("efficiency" + at, models, m -> atRef(workload, m, ref, Metric.EFFICIENCY)));
        rows.add(row("p99 latency" + at, models, m -> atRef(workload, m, ref, Metric.P99)));
        rows.add(row("peak platform threads, highest level run", models, m -> peakThreadsText(workload, m)));
        rows.add(row("memory per request in flight", models, m -> rssPerRequestText(workload, m)));
        rows.add(row("CPU per request" + at, models, m -> atRef(workload, m, ref, Metric.CPU_PER_REQUEST)));
        return rows;
    }

    private static List<String> row(String label, List<String> models, Function<String, String> cell) {
        List<String> row = new ArrayList<>();
        row.add(label);
        models.forEach(m -> row.add(cell.apply(m)));
        return row;
    }

    private String kneeText(String workload, String model) {
        List<TrialGroup> mine = groupsOf(workload, model);
        if (mine.isEmpty()) {
            return "not run";
        }
        if (delayMillis <= 0) {
            return "n/a: no injected latency (L = 0)";
        }
        OptionalInt knee = Knee.knee(mine, delayMillis);
        if (knee.isEmpty()) {
            return "none of " + joinLevels(mine.stream().map(TrialGroup::level).toList());
        }
        boolean top = knee.getAsInt() == mine.getLast().level();
        return (top ? "≥ " : "") + Fmt.count(knee.getAsInt());
    }

    private String atRef(String workload, String model, int ref, Metric metric) {
        Optional<TrialGroup> g = group(workload, model, ref);
        if (g.isEmpty()) {
            return "not run";
        }
        return g.get().spread(metric::of).map(s -> metric.format(s.median()))
                .orElse(g.get().ok().isEmpty() ? g.get().stateSummary() : Fmt.NONE);
    }

    private String peakThreadsText(String workload, String model) {
        List<TrialGroup> mine = groupsOf(workload, model);
        for (TrialGroup g : mine.reversed()) {
            List<Double> threads = g.trials().stream().filter(t -> t.resources() != null)
                    .map(t -> (double) t.resources().peakPlatformThreads()).toList();
            if (!threads.isEmpty()) {
                return Fmt.count(Math.round(Spread.of(threads).median())) + " (C = " + Fmt.count(g.level()) + ")";
            }
        }
        return mine.isEmpty() ? "not run" : Fmt.NONE;
    }

    private String rssPerRequestText(String workload, String model) {
        List<TrialGroup> mine = groupsOf(workload, model).stream()
                .filter(g -> Double.isFinite(g.median(Metric.RSS::of))).toList();
        if (mine.size() < 2) {
            return groupsOf(workload, model).isEmpty() ? "not run" : Fmt.NONE + " (one level: no slope)";
        }
        TrialGroup base = mine.getFirst();
        TrialGroup top = mine.getLast();
        double inFlight = top.median(t -> t.achievedConcurrency() == null ? Double.NaN : t.achievedConcurrency());
        double above = top.median(Metric.RSS::of) - base.median(Metric.RSS::of);
        if (!(inFlight > 0)) {
            return Fmt.NONE;
        }
        return Fmt.bytes(Math.max(0, above) / inFlight) + " (" + Fmt.bytes(above) + " above C = "
                + Fmt.count(base.level()) + " ÷ " + Fmt.count(Math.round(inFlight)) + " in flight at C = "
                + Fmt.count(top.level()) + "; baseline " + Fmt.bytes(base.median(Metric.RSS::of)) + ")";
    }

    private void claim(Doc doc) {
        doc.heading(2, "The tutorial's claim");
        doc.paragraph("\"" + CLAIM + ".\" What this run measured on the " + table1Series() + " series ("
                + (table1Series().startsWith(TrialGroup.CAPACITY_PREFIX) ? "L = C ÷ "
                + Fmt.count(Math.round(run.config().capacityOfferedRate())) + " requests/s, at least 100 ms"
                : "L = " + Fmt.millis(delayMillis)) + "):");
        List<String> sentences = new ArrayList<>();
        for (String model : table1Models()) {
            sentences.addAll(sentences(table1Series(), model));
        }
        doc.add(new Doc.Bullets(sentences.isEmpty() ? List.of("No " + table1Series() + " trials in this run.") : sentences));
        doc.paragraph("Against the claim, by the knee's range (tens: C < 100, hundreds: C < 1,000, thousands+):");
        doc.add(new Doc.Bullets(claimVerdicts()));
    }

    /** The generated sentences about one model on one workload: how far it got, where and why it stopped. */
    List<String> sentences(String workload, String model) {
        List<TrialGroup> mine = groupsOf(workload, model);
        List<String> out = new ArrayList<>();
        List<RunRecord.Skipped> skipped = run.skipped().stream()
                .filter(s -> s.model().equals(model) && s.workload().equals(workload)).toList();
        if (mine.isEmpty() && skipped.isEmpty()) {
            return out;
        }
        OptionalInt knee = Knee.knee(mine, delayMillis);
        if (delayMillis <= 0 && !mine.isEmpty()) {
            TrialGroup top = mine.getLast();
            out.add(model + " has no knee without injected latency (L = 0); at its highest level, C = "
                    + Fmt.count(top.level()) + ", it ran " + Fmt.num(top.median(Metric.THROUGHPUT::of))
                    + " downloads/s with p99 " + Fmt.millis(top.median(Metric.P99::of)) + " (" + top.stateSummary()
                    + ").");
        } else if (knee.isPresent()) {
            TrialGroup g = group(workload, model, knee.getAsInt()).orElseThrow();
            boolean top = knee.getAsInt() == mine.getLast().level();
            out.add(model + " held " + Fmt.count(knee.getAsInt()) + " concurrent download"
                    + (knee.getAsInt() == 1 ? "" : "s") + " at "
                    + Fmt.percent(g.median(Metric.EFFICIENCY::of)) + " of ideal with "
                    + Fmt.count(Math.round(g.median(t -> t.resources() == null ? Double.NaN
                    : t.resources().peakPlatformThreads()))) + " platform threads (p99 "
                    + Fmt.millis(g.median(Metric.P99::of)) + ", peak RSS " + Fmt.bytes(g.median(Metric.RSS::of))
                    + ")" + (top ? ", the highest level it ran." : "."));
        } else if (!mine.isEmpty()) {
            out.add(model + " met the knee's criteria at no level it ran (" + joinLevels(
                    mine.stream().map(TrialGroup::level).toList()) + ").");
        }
        int from = delayMillis <= 0 ? Integer.MAX_VALUE : knee.orElse(0);
        List<String> below = mine.stream().filter(g -> g.level() < from && delayMillis > 0)
                .filter(g -> !Knee.misses(g, delayMillis).isEmpty())
                .map(g -> "C = " + Fmt.count(g.level()) + ": " + String.join("; ", Knee.misses(g, delayMillis)))
                .toList();
        if (!below.isEmpty()) {
            out.add(model + " missed the criteria below its knee, at " + String.join(" and at ", below) + ".");
        }
        mine.stream().filter(g -> g.level() > from).filter(g -> !Knee.misses(g, delayMillis).isEmpty())
                .findFirst().ifPresent(g -> {
                    boolean failed = g.trials().stream().anyMatch(t -> !TrialRecord.OK.equals(t.state()));
                    out.add(model + (failed ? " failed" : " fell short") + " at C = " + Fmt.count(g.level()) + ": "
                            + String.join("; ", Knee.misses(g, delayMillis)) + ".");
                });
        for (RunRecord.Skipped s : skipped) {
            out.add(model + " was not run at C = " + Fmt.count(s.level()) + ": " + s.reason() + ".");
        }
        return out;
    }

    /** The claim, tier by tier, against the measured knees. */
    List<String> claimVerdicts() {
        List<String> out = new ArrayList<>();
        out.add(verdict("async I/O", modelsIn(Traits.Column.ASYNCIO), 2));
        out.add(verdict("threads", modelsIn(Traits.Column.THREADING, Traits.Column.FUTURES), 1));
        out.add(verdict("virtual threads (not in the tutorial)", modelsIn(Traits.Column.VIRTUAL_THREADS), -1));
        out.add("processes, claimed tens: not measured here, no model runs a process per request.");
        return out;
    }

    /** The run's models whose traits declare one of {@code columns}, in report order. */
    private List<String> modelsIn(Traits.Column... columns) {
        List<Traits.Column> wanted = List.of(columns);
        return table1Models().stream()
                .filter(m -> traits.apply(m).map(t -> wanted.contains(t.column())).orElse(false)).toList();
    }

    private static final List<String> TIERS = List.of("tens", "hundreds", "thousands+");

    private static int tier(int level) {
        return level >= 1000 ? 2 : level >= 100 ? 1 : 0;
    }

    private String verdict(String label, List<String> models, int claimedTier) {
        StringBuilder sb = new StringBuilder(label);
        sb.append(claimedTier >= 0 ? ", claimed " + TIERS.get(claimedTier) + ": " : ": ");
        List<String> parts = new ArrayList<>();
        if (models.isEmpty()) {
            return sb.append("no model of this column ran.").toString();
        }
        for (String model : models) {
            List<TrialGroup> mine = groupsOf(table1Series(), model);
            if (mine.isEmpty()) {
                parts.add(model + " not run");
                continue;
            }
            OptionalInt knee = Knee.knee(mine, delayMillis);
            if (knee.isEmpty()) {
                parts.add(model + " has no knee (no level met the criteria)");
                continue;
            }
            boolean top = knee.getAsInt() == mine.getLast().level();
            int measured = tier(knee.getAsInt());
            String comparison = claimedTier < 0 ? "" : measured == claimedTier ? ", as claimed"
                    : measured > claimedTier ? ", more than claimed" : ", fewer than claimed";
            parts.add(model + " knee C " + (top ? "≥ " : "= ") + Fmt.count(knee.getAsInt()) + " ("
                    + TIERS.get(measured) + comparison + (top ? "; the highest level run, so a lower bound" : "")
                    + ")");
        }
        return sb.append(String.join("; ", parts)).append('.').toString();
    }

    private void chartSections(Doc doc) throws IOException {
        doc.heading(2, "Charts");
        doc.paragraph("Medians over the OK repetitions; a level without an OK repetition has no point. Each chart"
                + " is also under charts/ as PNG and SVG.");
        List<String> notes = new ArrayList<>();
        for (String workload : downloadWorkloads()) {
            List<TrialGroup> mine = groups.stream().filter(g -> g.workload().equals(workload)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            doc.heading(3, "Workload " + workload);
            String stem = slug(workload);
            figure(doc, charts.byLevel(stem + "-throughput", workload + ": throughput vs concurrency",
                    "concurrency C", "items/s", mine, Metric.THROUGHPUT::of, true, false));
            figure(doc, charts.byLevel(stem + "-efficiency", workload + ": efficiency vs concurrency (ideal = 1.0)",
                    "concurrency C", "ideal / measured", mine, Metric.EFFICIENCY::of, false, true));
            figure(doc, charts.byLevel(stem + "-p99", workload + ": p99 latency vs concurrency", "concurrency C",
                    "p99 (ms)", mine, Metric.P99::of, true, false));
            figure(doc, charts.byLevel(stem + "-threads", workload + ": peak platform threads vs concurrency",
                    "concurrency C", "platform threads", mine,
                    t -> t.resources() == null ? Double.NaN : t.resources().peakPlatformThreads(), true, false));
            figure(doc, charts.byLevel(stem + "-rss", workload + ": peak RSS vs concurrency", "concurrency C",
                    "peak RSS (MiB)", mine, t -> Metric.RSS.of(t) / (1024 * 1024), false, false));
            int ref = referenceLevel(workload);
            List<TrialGroup> atRef = mine.stream().filter(g -> g.level() == ref).toList();
            figure(doc, charts.spectrum(stem + "-spectrum-C" + ref, workload + ": latency by percentile at C = "
                    + Fmt.count(ref) + " (repetition with the median p99)", atRef, notes));
        }
        List<TrialGroup> echo = groups.stream().filter(g -> ECHO.equals(g.workload())).toList();
        if (!echo.isEmpty()) {
            doc.heading(3, "Echo");
            figure(doc, charts.byLevel("echo-throughput", "echo: messages/s vs connections (dashed: "
                    + Charts.NETTY_BASELINE + ")", "connections", "messages/s", echo, Metric.THROUGHPUT::of,
                    false, false));
        }
        if (!notes.isEmpty()) {
            doc.add(new Doc.Bullets(notes));
        }
    }

    private static void figure(Doc doc, Optional<ChartFile> chart) {
        chart.ifPresent(c -> doc.add(new Doc.Figure(c)));
    }

    private static String slug(String workload) {
        return workload.replaceAll("[^A-Za-z0-9]+", "-");
    }

    private void workloadSection(Doc doc, String workload) {
        doc.heading(2, "Results: " + workload);
        List<TrialGroup> mine = groups.stream().filter(g -> g.workload().equals(workload))
                .sorted(Comparator.comparingInt((TrialGroup g) -> modelOrder(run).indexOf(g.model()))
                        .thenComparingInt(TrialGroup::level)).toList();
        boolean steady = mine.stream().anyMatch(g -> g.trials().stream().anyMatch(t -> t.steady() != null));
        List<String> header = new ArrayList<>(List.of("model", "C", "L", "offered (of capacity)", "repetitions", "N",
                "throughput (items/s)", "efficiency", "p50", "p99", "peak in-flight (server)", "CPU / request", "GC",
                "peak RSS", "peak platform threads"));
        if (steady) {
            header.add("warm-up (steady?)");
        }
        header.add("knee criteria");
        List<List<String>> rows = new ArrayList<>();
        for (TrialGroup g : mine) {
            List<String> misses = Knee.misses(g, delayMillis);
            List<String> row = new ArrayList<>(List.of(g.model(), Fmt.count(g.level()),
                    Fmt.millis(g.delayMillis(delayMillis)), offeredText(g),
                    g.stateSummary(),
                    spread(g, t -> t.items(), v -> Fmt.count(Math.round(v))),
                    spread(g, Metric.THROUGHPUT::of, Fmt::num), spread(g, Metric.EFFICIENCY::of, Fmt::percent),
                    spread(g, t -> t.latency() == null ? Double.NaN : t.latency().p50(), Fmt::millis),
                    spread(g, Metric.P99::of, Fmt::millis),
                    spread(g, t -> t.achievedConcurrency() == null ? Double.NaN : t.achievedConcurrency(),
                            v -> Fmt.count(Math.round(v))),
                    spread(g, Metric.CPU_PER_REQUEST::of, Fmt::micros),
                    spread(g, t -> t.resources() == null ? Double.NaN : t.resources().gcMillis(), Fmt::millis),
                    spread(g, Metric.RSS::of, Fmt::bytes),
                    spread(g, t -> t.resources() == null ? Double.NaN : t.resources().peakPlatformThreads(),
                            v -> Fmt.count(Math.round(v)))));
            if (steady) {
                row.add(warmupText(g));
            }
            row.add(misses.isEmpty() ? "met" : String.join("; ", misses));
            rows.add(row);
        }
        doc.add(new Doc.Table(header, rows));
        problems(doc, workload);
    }

    /** The level's offered rate C / L, in requests per second, and its share of the calibrated capacity. */
    private String offeredText(TrialGroup g) {
        double l = g.delayMillis(delayMillis);
        if (l <= 0) {
            return Fmt.NONE;
        }
        double offered = g.level() * 1000.0 / l;
        RunRecord.Calibration cal = run.server() == null ? null : run.server().calibration();
        String rate = Fmt.num(offered) + " req/s";
        return cal == null || cal.requestsPerSecond() <= 0 ? rate
                : rate + " (" + Fmt.percent(offered / cal.requestsPerSecond()) + ")";
    }

    /** The warm-up of the level's repetitions: its median length and how many converged. */
    private static String warmupText(TrialGroup g) {
        List<TrialRecord> withSteady = g.trials().stream().filter(t -> t.steady() != null).toList();
        if (withSteady.isEmpty()) {
            return Fmt.NONE;
        }
        long converged = withSteady.stream().filter(t -> t.steady().converged()).count();
        String spread = g.spread(t -> t.steady() == null ? Double.NaN : t.steady().warmupMillis())
                .map(sp -> Fmt.millis(sp.median())).orElse(Fmt.NONE);
        return spread + (converged == withSteady.size() ? " (steady)"
                : " (" + converged + "/" + withSteady.size() + " steady; the others hit the cap)");
    }

    private void echoSection(Doc doc) {
        doc.heading(2, "Results: " + ECHO);
        doc.paragraph("Message size " + Fmt.bytes(run.config().echoMessageBytes()) + ", measured for "
                + Fmt.millis(run.config().echoDurationMillis()) + " per trial, " + (run.config().echoRate() > 0
                ? "open model at " + Fmt.count(run.config().echoRate()) + " messages/s" : "closed loop") + ".");
        List<TrialGroup> mine = groups.stream().filter(g -> ECHO.equals(g.workload()))
                .sorted(Comparator.comparingInt((TrialGroup g) -> modelOrder(run).indexOf(g.model()))
                        .thenComparingInt(TrialGroup::level)).toList();
        List<String> header = List.of("model", "connections", "repetitions", "messages/s", "bytes/s", "p50", "p99",
                "CPU / message", "peak RSS", "peak platform threads", "stalled connections", "integrity errors");
        List<List<String>> rows = new ArrayList<>();
        for (TrialGroup g : mine) {
            rows.add(List.of(g.model(), Fmt.count(g.level()), g.stateSummary(),
                    spread(g, Metric.THROUGHPUT::of, Fmt::num),
                    spread(g, t -> t.echo() == null ? Double.NaN : t.echo().bytesPerSecond(), v -> Fmt.bytes(v) + "/s"),
                    spread(g, t -> t.latency() == null ? Double.NaN : t.latency().p50(), Fmt::millis),
                    spread(g, Metric.P99::of, Fmt::millis), spread(g, Metric.CPU_PER_REQUEST::of, Fmt::micros),
                    spread(g, Metric.RSS::of, Fmt::bytes),
                    spread(g, t -> t.resources() == null ? Double.NaN : t.resources().peakPlatformThreads(),
                            v -> Fmt.count(Math.round(v))),
                    spread(g, t -> t.echo() == null ? Double.NaN : t.echo().stalledConnections(),
                            v -> Fmt.count(Math.round(v))),
                    spread(g, t -> t.echo() == null ? Double.NaN : t.echo().integrityErrors(),
                            v -> Fmt.count(Math.round(v)))));
        }
        doc.add(new Doc.Table(header, rows));
        problems(doc, ECHO);
    }

    private static String spread(TrialGroup g, ToDoubleFunction<TrialRecord> value,
                                 DoubleFunction<String> format) {
        return g.spread(value).map(s -> s.n() == 1 || s.min() == s.max() ? format.apply(s.median())
                : format.apply(s.median()) + " (" + format.apply(s.min()) + "–" + format.apply(s.max()) + ")")
                .orElse(Fmt.NONE);
    }

    /** Lists every non-OK trial with its reason, failed requests of OK trials, and skipped levels. */
    private void problems(Doc doc, String workload) {
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

    private void environment(Doc doc) {
        Environment env = run.environment();
        doc.heading(2, "Environment");
        if (env == null) {
            doc.paragraph("Not recorded in run.json.");
            return;
        }
        doc.add(new Doc.Bullets(List.of(
                "CPU: " + env.cpuModel() + ", " + env.cpus() + " available processors",
                "memory: " + Fmt.bytes(env.memoryBytes()),
                "kernel: " + env.kernel(),
                "open files limit (per process): " + Fmt.count(env.openFilesLimit()) + "; pid_max: "
                        + Fmt.count(env.pidMax()),
                "JDK of the trials: " + env.jdk() + " (" + env.javaCommand() + ")",
                "code: git " + env.gitCommit() + "; host " + env.hostname())));
        RunRecord.ServerInfo server = run.server();
        if (server != null) {
            doc.heading(3, "Mock server and load generator");
            doc.add(new Doc.Bullets(List.of(
                    "mode: " + server.mode() + " at " + server.baseUrl(),
                    "preset: " + server.preset() + "; faults: " + server.faults() + "; seed " + server.seed(),
                    "server CPU over the whole run: " + (server.cpuMillis() == null ? "not measured"
                            : Fmt.millis(server.cpuMillis())))));
        }
        doc.heading(3, "JVM options of the trial JVMs");
        doc.add(new Doc.Code(String.join(" ", env.trialJvmArgs())));
        if (env.trialJvmArgs().contains("-XX:TieredStopAtLevel=1")) {
            doc.paragraph("C1 only: a trial lasts seconds in a fresh JVM, and on a few cores C2 compiling during those"
                    + " seconds would take a large share of the CPU and charge each model for the size of its code"
                    + " rather than for its concurrency. CPU per request is therefore that of C1-compiled code, the same"
                    + " for every model; add --jvm-option=-XX:TieredStopAtLevel=4 to a run for C2.");
        }
        String futex = futexHash();
        if (futex != null) {
            doc.paragraph(futex);
        }
        Set<List<String>> otherArgs = run.trials().stream().filter(t -> t.jvm() != null)
                .map(t -> t.jvm().args()).filter(a -> !a.equals(env.trialJvmArgs()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!otherArgs.isEmpty()) {
            doc.paragraph("Some trials ran with other options:");
            doc.add(new Doc.Code(otherArgs.stream().map(a -> String.join(" ", a)).collect(Collectors.joining("\n"))));
        }
        doc.heading(3, "Fairness: client settings per model");
        doc.paragraph("As each model applied them, deduplicated across its trials; a setting that differed between"
                + " trials lists each value with the levels that used it.");
        List<String> models = modelOrder(run).stream()
                .filter(m -> run.trials().stream().anyMatch(t -> t.model().equals(m) && !t.clientSettings().isEmpty()))
                .toList();
        Set<String> keys = new TreeSet<>();
        run.trials().forEach(t -> keys.addAll(t.clientSettings().keySet()));
        List<List<String>> rows = new ArrayList<>();
        for (String key : keys) {
            rows.add(row(key, models, model -> settingText(model, key)));
        }
        List<String> header = new ArrayList<>();
        header.add("setting");
        header.addAll(models);
        doc.add(rows.isEmpty() ? new Doc.Paragraph("No client settings recorded.") : new Doc.Table(header, rows));
    }

    /**
     * How long the run took and how much of it was measured, against its matrix's time target when it has one; or
     * {@code null} for a run that has not finished.
     */
    private String durationText() {
        if (run.startedAt() == null || run.finishedAt() == null) {
            return null;
        }
        java.time.Duration took = java.time.Duration.between(java.time.Instant.parse(run.startedAt()),
                java.time.Instant.parse(run.finishedAt()));
        double measuredMillis = run.trials().stream().mapToDouble(TrialRecord::wallMillis).sum();
        String text = "The run took " + Fmt.duration(took) + ", " + Fmt.duration(java.time.Duration.ofMillis(
                Math.round(measuredMillis))) + " of it in measured phases (the rest: trial JVM starts, warm-ups, echo"
                + " connection set-up, the class-data archive and bookkeeping).";
        Optional<java.time.Duration> target = Matrix.timeTarget(run.config().matrix());
        if (target.isPresent()) {
            text += " The " + run.config().matrix() + " matrix's target on the two-core reference machine is under "
                    + Fmt.duration(target.get()) + ": " + (took.compareTo(target.get()) < 0 ? "met." : "missed.");
        }
        return text;
    }

    /**
     * What the trial JVMs did with their futex hash, in a sentence, or {@code null} when no trial recorded it (runs
     * before the setting existed).
     */
    private String futexHash() {
        Set<Integer> used = new TreeSet<>();
        Set<Integer> kernel = new TreeSet<>();
        for (TrialRecord t : run.trials()) {
            if (t.jvm() != null && t.jvm().futexHashSlots() != null) {
                used.add(t.jvm().futexHashSlots());
                kernel.add(t.jvm().kernelFutexHashSlots());
            }
        }
        if (used.isEmpty()) {
            return null;
        }
        if (used.equals(Set.of(-1))) {
            return "Futex hash: this kernel has no per-process futex hash (prctl PR_FUTEX_HASH, Linux 6.16+); the"
                    + " trial JVMs used the kernel's global one.";
        }
        String slots = used.stream().map(n -> n == -1 ? "none (not supported)" : Fmt.count(n))
                .collect(Collectors.joining(", "));
        String given = kernel.stream().map(n -> n == -1 ? "none" : Fmt.count(n)).collect(Collectors.joining(", "));
        int asked = run.config() == null ? 0 : run.config().futexHashSlots();
        return asked == 0
                ? "Futex hash: the kernel's, " + slots + " slots per trial JVM. Linux 6.16+ sizes it from the CPUs,"
                        + " not the threads, so thousands of parked platform threads share each slot."
                : "Futex hash: every trial JVM resized its own to " + slots + " slots before its model started (the"
                        + " kernel had given it " + given + "). Linux 6.16+ sizes a process's futex hash from its CPUs,"
                        + " not its threads: with a few slots, every wake-up among thousands of parked platform threads"
                        + " walks a long chain of waiters, a cost of the small machine rather than of the model."
                        + " --futex-hash-slots 0 keeps the kernel's.";
    }

    /** One model's values of one client setting over its trials, each with its levels when they differ. */
    private String settingText(String model, String key) {
        Map<String, Set<Integer>> values = new LinkedHashMap<>();
        run.trials().stream().filter(t -> t.model().equals(model) && t.clientSettings().containsKey(key))
                .forEach(t -> values.computeIfAbsent(t.clientSettings().get(key), v -> new TreeSet<>())
                        .add(t.level()));
        if (values.isEmpty()) {
            return Fmt.NONE;
        }
        return values.size() == 1 ? values.keySet().iterator().next() : values.entrySet().stream()
                .map(e -> e.getKey() + " (C = " + joinLevels(List.copyOf(e.getValue())) + ")")
                .collect(Collectors.joining("; "));
    }

    private static String joinLevels(List<Integer> levels) {
        return Stream.of(levels.toArray(Integer[]::new)).map(Fmt::count).collect(Collectors.joining(", "));
    }
}
