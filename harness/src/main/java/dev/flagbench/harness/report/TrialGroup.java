package dev.flagbench.harness.report;

import dev.flagbench.harness.data.TrialRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The repetitions of one trial: same workload, model and level.
 *
 * @param workload the workload label
 * @param model the model name
 * @param level C (downloads) or connections (echo)
 * @param trials the repetitions in run order, whatever their state
 */
record TrialGroup(String workload, String model, int level, List<TrialRecord> trials) {

    /** The statuses that count as failed requests for the knee. */
    static final List<String> FAILED_STATUSES = List.of("ERROR", "TIMEOUT", "CANCELLED");

    /** Copies the list. */
    TrialGroup {
        trials = List.copyOf(trials);
    }

    /** The prefix of a capacity sweep's series: its workload reads {@code capacity/flags}. */
    static final String CAPACITY_PREFIX = TrialRecord.CAPACITY + "/";

    /**
     * The series a trial belongs to, which the report treats as its workload: the workload's label for the throughput
     * sweep (and runs before sweeps), the sweep's name, a slash and the label for the others ({@code capacity/flags},
     * {@code cold/flags}).
     */
    static String seriesOf(TrialRecord t) {
        return t.sweep() == null || TrialRecord.THROUGHPUT.equals(t.sweep()) ? t.workload() : t.sweep() + "/" + t.workload();
    }

    /** The download workload of a series label: {@code flags} for {@code capacity/flags} or {@code cold/flags}. */
    static String workloadOf(String series) {
        return series.substring(series.indexOf('/') + 1);
    }

    /** The requests one item of a series takes one after the other: 2 for flags+metadata, 1 otherwise (echo too). */
    static int requestsPerItem(String series) {
        return dev.flagbench.core.Workload.find(workloadOf(series)).map(dev.flagbench.core.Workload::requestsPerItem)
                .orElse(1);
    }

    /** Groups trials by (series, model, level), sorted by series, model, level. */
    static List<TrialGroup> of(List<TrialRecord> trials) {
        Map<String, List<TrialRecord>> byKey = new LinkedHashMap<>();
        for (TrialRecord t : trials) {
            byKey.computeIfAbsent(seriesOf(t) + "\u0000" + t.model() + "\u0000" + t.level(), k -> new ArrayList<>())
                    .add(t);
        }
        List<TrialGroup> groups = new ArrayList<>();
        for (List<TrialRecord> reps : byKey.values()) {
            TrialRecord first = reps.getFirst();
            groups.add(new TrialGroup(seriesOf(first), first.model(), first.level(), reps));
        }
        groups.sort(Comparator.comparing(TrialGroup::workload).thenComparing(TrialGroup::model)
                .thenComparingInt(TrialGroup::level));
        return groups;
    }

    /** The server's delay L of this level as its trials recorded it, or {@code runDelay} for runs that did not. */
    double delayMillis(double runDelay) {
        return trials.stream().map(TrialRecord::delayMillis).filter(d -> d != null).findFirst().orElse(runDelay);
    }

    /** The repetitions whose state is OK. */
    List<TrialRecord> ok() {
        return trials.stream().filter(t -> TrialRecord.OK.equals(t.state())).toList();
    }

    /** Whether every repetition is OK. */
    boolean allOk() {
        return !trials.isEmpty() && ok().size() == trials.size();
    }

    /** The spread of a value over the OK repetitions that have it, or empty. */
    Optional<Spread> spread(ToDoubleFunction<TrialRecord> value) {
        List<Double> values = ok().stream().map(value::applyAsDouble).filter(Double::isFinite).toList();
        return values.isEmpty() ? Optional.empty() : Optional.of(Spread.of(values));
    }

    /** The median of a value over the OK repetitions, NaN if none has it. */
    double median(ToDoubleFunction<TrialRecord> value) {
        return spread(value).map(Spread::median).orElse(Double.NaN);
    }

    /** Failed requests (ERROR, TIMEOUT, CANCELLED) summed over every repetition, by status. */
    Map<String, Long> failedRequests() {
        Map<String, Long> sums = new LinkedHashMap<>();
        for (String status : FAILED_STATUSES) {
            long n = trials.stream().mapToLong(t -> t.counts().getOrDefault(status, 0L)).sum();
            if (n > 0) {
                sums.put(status, n);
            }
        }
        return sums;
    }

    /** A short state summary, e.g. {@code 3/3 OK} or {@code 2/3 OK, 1 FAILED}. */
    String stateSummary() {
        Map<String, Long> byState = new LinkedHashMap<>();
        for (TrialRecord t : trials) {
            byState.merge(t.state(), 1L, Long::sum);
        }
        StringBuilder sb = new StringBuilder(ok().size() + "/" + trials.size() + " OK");
        byState.forEach((state, n) -> {
            if (!TrialRecord.OK.equals(state)) {
                sb.append(", ").append(n).append(' ').append(state);
            }
        });
        return sb.toString();
    }
}
