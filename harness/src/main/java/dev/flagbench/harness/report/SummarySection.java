package dev.flagbench.harness.report;

import dev.flagbench.core.Traits;
import dev.flagbench.harness.data.RunConfig;
import dev.flagbench.harness.data.RunRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The first screen: one verdict per model, generated from the numbers, and what limited the run. */
final class SummarySection extends ReportSection {
    /** The summary of ctx's run. */
    SummarySection(ReportSection.Context ctx) {
        super(ctx);
    }

    @Override
    void render(Doc doc) {
        summary(doc);
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
                + machine() + "):");
        doc.add(new Doc.Bullets(verdicts));
        calibrationText().ifPresent(doc::paragraph);
        serverShareText().ifPresent(doc::paragraph);
        List<String> claim = new ClaimSection(ctx).claimVerdicts();
        doc.paragraph("Table 1's answer, against the tutorial's claim (\"" + CLAIM + "\"), by the knee on the "
                + table1Series() + " series:");
        doc.add(new Doc.Bullets(claim));
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
                Knee.Reading r = Knee.reading(held, delayMillis);
                double inFlight = g.median(t -> t.achievedConcurrency() == null ? Double.NaN : t.achievedConcurrency());
                double perRequest = memoryPerRequest(capacity, model, g);
                sb.append(Fmt.count(Math.round(Double.isFinite(inFlight) ? inFlight : knee.getAsInt())))
                        .append(" in flight (the server's count at its knee, C ").append(r.top() ? "≥ " : "= ")
                        .append(Fmt.count(knee.getAsInt()))
                        .append(Double.isFinite(r.between()) ? ", ≈ " + Fmt.num(Math.round(r.between()))
                                + " read between " + Fmt.count(knee.getAsInt()) + " and " + Fmt.count(r.next()) : "")
                        .append(") at ").append(Fmt.percent(g.median(Metric.EFFICIENCY::of))).append(" of ideal (L = ")
                        .append(Fmt.millis(g.delayMillis(delayMillis))).append("), ")
                        .append(Fmt.count(Math.round(g.median(t -> t.resources() == null ? Double.NaN
                                : t.resources().peakPlatformThreads())))).append(" OS threads, ")
                        .append(Double.isFinite(perRequest) ? Fmt.bytes(perRequest) + " per request in flight above"
                                + " its smallest level's RSS (peak RSS " + Fmt.bytes(g.median(Metric.RSS::of)) + ")"
                                : "peak RSS " + Fmt.bytes(g.median(Metric.RSS::of)))
                        .append(", ").append(Fmt.micros(g.median(Metric.CPU_PER_REQUEST::of)))
                        .append(" of CPU per request");
            } else {
                sb.append("no knee: met the knee's criteria at no level of the ").append(capacity).append(" series");
            }
            held.stream().filter(g -> g.level() > knee.orElse(0) && !Knee.misses(g, delayMillis).isEmpty())
                    .findFirst().ifPresent(g -> sb.append("; at C = ").append(Fmt.count(g.level())).append(": ")
                            .append(String.join("; ", Knee.misses(g, delayMillis)))
                            .append(g.median(t -> t.achievedConcurrency() == null ? Double.NaN
                                    : t.achievedConcurrency()) < g.level()
                                    ? ", " + Fmt.count(Math.round(g.median(t -> t.achievedConcurrency() == null
                                    ? Double.NaN : t.achievedConcurrency()))) + " in flight" : "")
                            .append(machineLimitText(g)));
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

    /** The mock server's CPU over the whole run as a share of the machine's cores; empty when not measured. */
    private Optional<String> serverShareText() {
        if (run.server() == null || run.server().cpuMillis() == null || run.environment() == null
                || run.startedAt() == null || run.finishedAt() == null) {
            return Optional.empty();
        }
        double runMillis = java.time.Duration.between(java.time.Instant.parse(run.startedAt()),
                java.time.Instant.parse(run.finishedAt())).toMillis();
        int cpus = run.environment().cpus();
        if (!(runMillis > 0) || cpus <= 0) {
            return Optional.empty();
        }
        return Optional.of("The mock server, in the harness's JVM, used " + Fmt.millis(run.server().cpuMillis())
                + " of CPU over the run's " + Fmt.duration(java.time.Duration.ofMillis(Math.round(runMillis))) + ", "
                + Fmt.percent(run.server().cpuMillis() / (runMillis * cpus)) + " of the " + cpus + " cores on average"
                + " (trial JVM starts and warm-ups included); each verdict above gives the client's share.");
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
}
