package dev.flagbench.harness.run;

import dev.flagbench.harness.trial.TrialWorkload;
import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.external.ModelCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans a run's trials from its {@link Plan}: the sweeps, the cold job and echo in run order, each model's levels and
 * repetitions, and the up-front skip rules (machine limits, the baseline's one level, external models that cannot run
 * a workload), each skip recorded with its reason.
 */
final class TrialPlanner {
    /** Where a skipped trial is recorded. */
    @FunctionalInterface
    interface Skips {
        /** Records that {@code model} does not run {@code workload} (its series) at {@code level}, and why. */
        void skip(String model, String workload, int level, String reason) throws IOException;
    }

    private final Plan plan;
    private final PrintWriter out;
    private final Skips skips;
    private final Set<String> unavailablePrinted = new HashSet<>();

    TrialPlanner(Plan plan, PrintWriter out, Skips skips) {
        this.plan = plan;
        this.out = out;
        this.skips = skips;
    }

    /**
     * The trials in run order: the throughput sweep (workload, level ascending, model, repetition), the capacity sweep
     * the same way, then echo; records up-front skips.
     */
    List<Task> tasks(MachineLimits limits) throws IOException {
        List<Task> tasks = new ArrayList<>();
        for (TrialWorkload w : TrialWorkload.downloads()) {
            if (!plan.workloads().contains(w)) {
                continue;
            }
            addSweep(tasks, limits, TrialRecord.THROUGHPUT, w, plan.levels(w), c -> null);
        }
        Plan.Capacity capacity = plan.capacity();
        if (capacity != null) {
            for (TrialWorkload w : capacity.workloads()) {
                if (plan.externalServer() != null) {
                    for (ConcurrencyModel m : plan.models()) {
                        for (int c : capacity.levels()) {
                            skips.skip(m.name(), TrialRecord.CAPACITY + "/" + w.label(), c, "the capacity sweep sets the server's delay"
                                    + " per level: it needs the in-process server, not --server");
                        }
                    }
                    continue;
                }
                addSweep(tasks, limits, TrialRecord.CAPACITY, w, capacity.levels(), capacity::faults);
            }
        }
        if (plan.cold() != null) {
            addCold(tasks, limits, plan.cold());
        }
        if (plan.workloads().contains(TrialWorkload.ECHO)) {
            addEcho(tasks, limits);
        }
        return tasks;
    }

    /** The cold job's trials: every model but the baseline, whose one level is C = 1, at the plan's repetitions. */
    private void addCold(List<Task> tasks, MachineLimits limits, Plan.Cold cold) throws IOException {
        String series = TrialRecord.COLD + "/" + cold.workload().label();
        for (ConcurrencyModel m : plan.models()) {
            String reason = m.traits().baseline() ? "the cold job runs at C = " + cold.level() + "; the baseline runs C = 1 only"
                    : unavailable(m, cold.workload()) != null ? unavailable(m, cold.workload())
                    : plan.externalServer() != null ? "the cold job sets the server's delay: it needs the in-process server"
                    : limits.downloadSkipReason(cold.level(), m.traits().threads().platformThreadPerRequest());
            if (reason != null) {
                skips.skip(m.name(), series, cold.level(), reason);
                continue;
            }
            for (int r = 1; r <= repetitions(m, plan.repetitions()); r++) {
                tasks.add(new Task(TrialRecord.COLD, m.name(), m, cold.workload(), cold.level(), r, cold.faults()));
            }
        }
    }

    private void addSweep(List<Task> tasks, MachineLimits limits, String sweep, TrialWorkload w, List<Integer> sweepLevels,
                          java.util.function.IntFunction<FaultProfile> faults) throws IOException {
        List<Integer> levels = new ArrayList<>(sweepLevels);
        boolean baselineRuns = plan.models().stream().anyMatch(m -> m.traits().baseline());
        if (baselineRuns && !levels.contains(1)) {
            levels.add(0, 1);
        }
        for (int c : levels) {
            for (ConcurrencyModel m : plan.models()) {
                boolean baseline = m.traits().baseline();
                if (baseline ? c != 1 : !sweepLevels.contains(c)) {
                    continue; // the baseline's one level is C = 1, which is the others' only when the plan has it
                }
                String reason = unavailable(m, w);
                reason = reason != null ? reason : limits.downloadSkipReason(c, m.traits().threads().platformThreadPerRequest());
                if (reason != null) {
                    skips.skip(m.name(), TrialRecord.CAPACITY.equals(sweep) ? TrialRecord.CAPACITY + "/" + w.label() : w.label(), c, reason);
                    continue;
                }
                int repetitions = TrialRecord.CAPACITY.equals(sweep) && plan.capacity() != null
                        ? plan.capacity().repetitions(c, plan.repetitions()) : plan.repetitions();
                for (int r = 1; r <= repetitions(m, repetitions); r++) {
                    tasks.add(new Task(sweep, m.name(), m, w, c, r, faults.apply(c)));
                }
            }
        }
    }

    /** The repetitions of model {@code m} where the plan asks {@code planned}: an external program's may be fewer. */
    private int repetitions(ConcurrencyModel m, int planned) {
        return plan.externalRepetitions() > 0 && ModelCatalog.external(m.name()).isPresent()
                ? Math.min(planned, plan.externalRepetitions()) : planned;
    }

    /**
     * Why {@code m} cannot run {@code workload} here (an external model whose probe failed, or that does not declare
     * the workload), or {@code null}; printed once per model and workload.
     */
    private String unavailable(ConcurrencyModel m, TrialWorkload workload) {
        String reason = ModelCatalog.skipReason(m, workload);
        if (reason != null && unavailablePrinted.add(m.name() + "|" + workload)) {
            out.printf("skipped: %s %s, every level: %s%n", workload, m.name(), reason);
            out.flush();
        }
        return reason;
    }

    private void addEcho(List<Task> tasks, MachineLimits limits) throws IOException {
        List<Integer> levels = new ArrayList<>(plan.echoLevels());
        if (plan.models().stream().anyMatch(m -> m.traits().baseline()) && !levels.contains(1)) {
            levels.add(0, 1);
        }
        List<ConcurrencyModel> series = new ArrayList<>(plan.models());
        series.add(null);
        for (int c : levels) {
            for (ConcurrencyModel m : series) {
                String name = m == null ? RunSession.NETTY_BASELINE : m.name();
                boolean baseline = m != null && m.traits().baseline();
                if (!baseline && !plan.echoLevels().contains(c)) {
                    continue; // the one-connection level is the baseline's own
                }
                String reason = baseline && c != 1
                        ? "the baseline serves one connection at a time: run at 1 connection only"
                        : m != null && unavailable(m, TrialWorkload.ECHO) != null ? unavailable(m, TrialWorkload.ECHO)
                        : limits.echoSkipReason(c, m != null && m.traits().threads().platformThreadPerRequest());
                if (reason != null) {
                    skips.skip(name, TrialWorkload.ECHO.label(), c, reason);
                    continue;
                }
                for (int r = 1; r <= (m == null ? plan.repetitions() : repetitions(m, plan.repetitions())); r++) {
                    tasks.add(new Task(null, name, m, TrialWorkload.ECHO, c, r, null));
                }
            }
        }
    }
}
