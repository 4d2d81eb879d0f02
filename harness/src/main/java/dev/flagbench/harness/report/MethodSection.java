package dev.flagbench.harness.report;

import dev.flagbench.harness.data.RunConfig;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.run.Matrix;
import dev.flagbench.harness.trial.TrialSpec;
import java.util.List;
import java.util.Optional;

/** How the run was made: status, matrix and sweeps, how a trial is measured, how long it took, what the numbers mean. */
final class MethodSection extends ReportSection {
    /** The method paragraphs of ctx's run. */
    MethodSection(ReportSection.Context ctx) {
        super(ctx);
    }

    @Override
    void render(Doc doc) {
        doc.paragraph("Status " + run.status() + (run.endReason() == null ? "" : " (" + run.endReason() + ")")
                + "; started " + Fmt.instant(run.startedAt()) + ", finished "
                + (run.finishedAt() == null ? "not yet" : Fmt.instant(run.finishedAt())) + ". Matrix " + run.config().matrix()
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
    }

    /** The sweeps of the run, with their levels and delays. */
    private String sweepsText() {
        RunConfig c = run.config();
        String throughput = (c.capacityLevels().isEmpty() ? "" : "throughput sweep: ") + "levels C = "
                + joinLevels(c.levels()) + " at L = " + Fmt.millis(delayMillis) + c.workloadLevels().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> " (" + e.getKey() + " at C = " + joinLevels(e.getValue()) + " only)").collect(java.util.stream.Collectors.joining());
        if (c.capacityLevels().isEmpty()) {
            return throughput;
        }
        return throughput + "; capacity sweep on " + String.join(", ", c.capacityWorkloads()) + ": C = "
                + joinLevels(c.capacityLevels()) + " with L = C ÷ " + Fmt.count(Math.round(c.capacityOfferedRate()))
                + " requests/s (at least 100 ms" + (c.capacityRateRule() == null ? "" : "; the rate " + c.capacityRateRule())
                + "), the server's delay uniform on [L/2, 3L/2], one repetition above C = "
                + Fmt.count(dev.flagbench.harness.run.Plan.Capacity.ONCE_ABOVE);
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
                + ", or until " + Fmt.millis(s.maxWarmupMillis()) + throughputText(s) + " (" + Fmt.count(converged) + " of "
                + Fmt.count(steadyTrials) + " trials converged; the others are marked in their tables)" + inWindowText()
                + ". The measured"
                + " job runs on the same session, at least " + s.minRounds() + " × C items; its window runs from its"
                + " C-th item to finish to the C-th before its last, so that neither the ramp nor the tail is in it, and is"
                + " about " + Fmt.millis(s.measuredMillis()) + " long (or one round of C, where that is longer). Each item"
                + " counts by the share of its time inside the window, so that the items' waves (a closed job starts"
                + " its C items at once) do not move the figure by where their edges fall (with the capacity sweep's"
                + " uniform delay, a perfect model read over three rounds comes out up to half a point above C / L:"
                + " the rounds after the job's common start have not yet mixed). The JIT runs its default tiers (C1"
                + " and C2)" + (s.jitQuietShare() > 0 ? "; steady also means the JIT is quiet: the JIT warm-up goes on"
                + " (up to " + Fmt.millis(dev.flagbench.harness.trial.TrialMain.JIT_WARMUP_CAP_MILLIS) + "), and the session's warm-up goes on until two jobs in a row spent at most "
                + Fmt.percent(s.jitQuietShare()) + " of their wall time compiling (a compiler thread takes one of the two cores"
                + " from the model), or to its cap; in the throughput sweep a warm-up that reached its cap with the JIT"
                + " still busy has not converged, in the capacity sweep steady throughput at the cap is enough (its top"
                + " levels reach the cap in a few jobs of one round each); the tables give the JIT's share of each"
                + " measured job" : ", warmed by the"
                + " session's warm-up") + "." + coldText()
                + " In the capacity sweep a model whose median efficiency over a level's repetitions falls below "
                + Fmt.percent(dev.flagbench.harness.run.Plan.Capacity.STOP_BELOW) + " of ideal, the knee's bound, is not run"
                + " at the higher levels (skipped as past its knee, with the figure): its knee is below.";
    }

    /** The throughput sweep's longer cap and window, where the run gave it its own. */
    private String throughputText(TrialSpec.Steady s) {
        TrialSpec.Steady t = run.config().throughputSteady();
        if (t == null || t.equals(s) || run.trials().stream().noneMatch(r -> TrialRecord.THROUGHPUT.equals(r.sweep()))) {
            return "";
        }
        return ", " + Fmt.millis(t.maxWarmupMillis()) + " in the throughput sweep, at the machine's ceiling, where the"
                + " JIT's compiler threads share the busy cores with the model and the server and take longer to settle,"
                + " and whose window is about " + Fmt.millis(t.measuredMillis());
    }

    /** Where the first warm-up job alone reached the cap, the window judged steadiness: how, and how often. */
    private String inWindowText() {
        List<TrialRecord> judged = run.trials().stream().filter(t -> t.steady() != null && t.steady().judgedInWindow())
                .toList();
        if (judged.isEmpty()) {
            return "";
        }
        long converged = judged.stream().filter(t -> t.steady().converged()).count();
        return "; where one round of C alone outlasted the cap (" + Fmt.count(judged.size()) + " trials, C = "
                + judged.stream().map(TrialRecord::level).distinct().sorted().map(Fmt::count)
                .collect(java.util.stream.Collectors.joining(", ")) + "), the warm-up is that one job, which opens the"
                + " connections, and steadiness is judged where it is measured: the window's three thirds must agree"
                + " in turn within " + Fmt.percent(run.config().steady().tolerance()) + " (" + Fmt.count(converged)
                + " of " + Fmt.count(judged.size()) + " did), as two more jobs of a round each would have told, at"
                + " twice a round's time with its ramp and tail";
    }

    /** The cold job, when the run measured it. */
    private String coldText() {
        return run.config().coldJob() == null ? "" : " The cold job is measured apart: " + run.config().coldJob()
                + ", what a user of the flags command lives through (its series is cold/flags).";
    }

    private String latencyModelText() {
        boolean open = run.trials().stream().anyMatch(t -> t.latency() != null && t.latency().openModel());
        boolean closed = run.trials().stream().anyMatch(t -> t.latency() != null && !t.latency().openModel());
        if (open && closed) {
            return "closed-model (from each request's actual send) except the open-model trials, measured from"
                    + " each request's intended send time";
        }
        boolean second = run.trials().stream().anyMatch(t -> t.latency() != null && t.latency().fromReady() != null);
        return (open ? "open-model, measured from each request's intended send time (no coordinated omission)"
                : "closed-model: measured from each request's actual send, so waiting for a free slot is not counted")
                + (second ? "; the second clock, \"from ready\", is each item's time from the moment it was ready to"
                + " run (the closed job's start) to its last response, so that queueing in a model's pool or behind"
                + " its semaphore is counted" : "");
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
}
