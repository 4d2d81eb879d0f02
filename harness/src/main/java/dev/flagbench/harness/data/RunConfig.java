package dev.flagbench.harness.data;

import dev.flagbench.harness.trial.TrialSpec;
import java.util.List;
import java.util.Map;

/**
 * What a run was asked to do.
 *
 * @param matrix the named matrix (quick, default, full) or {@code custom}
 * @param models model names, in report order
 * @param workloads workload labels: flags, flags+metadata, peps, echo
 * @param levels concurrency levels C of the download workloads, ascending
 * @param echoLevels connection counts of the echo workload, ascending
 * @param itemsRule how N was chosen per level, in words (e.g. "N = max(200, 4 x C)")
 * @param delayMillis the injected server latency L (nominal), in ms
 * @param repetitions measured repetitions of each trial
 * @param warmupMillis unmeasured warm-up per trial, in ms
 * @param trialTimeoutMillis a trial JVM is killed after this
 * @param echoMessageBytes message size S of the echo workload
 * @param echoDurationMillis measured duration of each echo trial
 * @param echoRate messages per second over all connections for an open-model echo run, or 0 for closed loop
 * @param futexHashSlots the futex-hash slots every trial JVM resized its own to, or 0 for the kernel's
 * @param steady the steady-state method of the download trials, or {@code null} (one job after the JIT warm-up)
 * @param capacityLevels the capacity sweep's levels, empty without one
 * @param capacityWorkloads the capacity sweep's workloads
 * @param capacityOfferedRate the capacity sweep's offered rate C / L, requests per second (0 without one)
 * @param coldJob the cold job measured apart, in words, or {@code null} without one
 * @param workloadLevels the throughput sweep's levels of a workload that runs fewer than {@code levels}, by workload
 *                       label; empty when every workload runs every level
 * @param capacityRateRule how the capacity sweep's offered rate was chosen, in words (a fixed rate, or a share of the
 *                         calibrated capacity), or {@code null} without a sweep and in runs made before the rule
 * @param throughputSteady the throughput sweep's steady-state method where it differs from {@code steady} (a longer
 *                         warm-up cap and window at the machine's ceiling), or {@code null}: {@code steady}'s
 */
public record RunConfig(String matrix, List<String> models, List<String> workloads, List<Integer> levels,
                        List<Integer> echoLevels, String itemsRule, long delayMillis, int repetitions,
                        long warmupMillis, long trialTimeoutMillis, int echoMessageBytes, long echoDurationMillis,
                        long echoRate, int futexHashSlots, TrialSpec.Steady steady, List<Integer> capacityLevels,
                        List<String> capacityWorkloads, double capacityOfferedRate, String coldJob,
                        Map<String, List<Integer>> workloadLevels, String capacityRateRule,
                        TrialSpec.Steady throughputSteady) {
    /** Copies the lists; a list a file leaves out is empty. */
    public RunConfig {
        workloadLevels = workloadLevels == null ? Map.of() : Map.copyOf(workloadLevels);
        models = copy(models);
        workloads = copy(workloads);
        levels = copy(levels);
        echoLevels = copy(echoLevels);
        capacityLevels = copy(capacityLevels);
        capacityWorkloads = copy(capacityWorkloads);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** A config without a cold job. */
    public RunConfig(String matrix, List<String> models, List<String> workloads, List<Integer> levels,
                     List<Integer> echoLevels, String itemsRule, long delayMillis, int repetitions,
                     long warmupMillis, long trialTimeoutMillis, int echoMessageBytes, long echoDurationMillis,
                     long echoRate, int futexHashSlots, TrialSpec.Steady steady, List<Integer> capacityLevels,
                     List<String> capacityWorkloads, double capacityOfferedRate) {
        this(matrix, models, workloads, levels, echoLevels, itemsRule, delayMillis, repetitions, warmupMillis,
                trialTimeoutMillis, echoMessageBytes, echoDurationMillis, echoRate, futexHashSlots, steady,
                capacityLevels, capacityWorkloads, capacityOfferedRate, null, null, null, null);
    }

    /** A config without the steady-state method or a capacity sweep. */
    public RunConfig(String matrix, List<String> models, List<String> workloads, List<Integer> levels,
                     List<Integer> echoLevels, String itemsRule, long delayMillis, int repetitions,
                     long warmupMillis, long trialTimeoutMillis, int echoMessageBytes, long echoDurationMillis,
                     long echoRate, int futexHashSlots) {
        this(matrix, models, workloads, levels, echoLevels, itemsRule, delayMillis, repetitions, warmupMillis,
                trialTimeoutMillis, echoMessageBytes, echoDurationMillis, echoRate, futexHashSlots, null, null, null, 0);
    }
}
