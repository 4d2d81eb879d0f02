package dev.flagbench.core;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every item's outcome, in the job's item order, and the client settings the model actually used.
 *
 * @param workload the workload that ran
 * @param outcomes one outcome per item, in item order
 * @param clientSettings the fairness settings as the model applied them (client library, pool sizes, timeouts)
 */
public record DownloadResult(Workload workload, List<ItemOutcome> outcomes, Map<String, String> clientSettings) {

    /** Copies the collections. */
    public DownloadResult {
        Objects.requireNonNull(workload, "workload");
        outcomes = List.copyOf(outcomes);
        clientSettings = Map.copyOf(clientSettings);
    }

    /** How many items ended with each status; every status is present, possibly with 0. */
    public Map<Status, Integer> counts() {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        for (ItemOutcome o : outcomes) {
            counts.merge(o.status(), 1, Integer::sum);
        }
        return counts;
    }

    /** The number of items that ended with {@code status}. */
    public int count(Status status) {
        return (int) outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** Total body bytes of the OK items. */
    public long okBytes() {
        return outcomes.stream().filter(o -> o.status() == Status.OK).mapToLong(ItemOutcome::bytes).sum();
    }

    /**
     * Checks the accounting invariant: OK + NOT_FOUND + ERROR + TIMEOUT + CANCELLED == items, one outcome per item,
     * in the job's order. Run it outside the timed region.
     *
     * @throws IllegalStateException naming what does not add up
     */
    public DownloadResult validate(DownloadJob job) {
        if (outcomes.size() != job.items().size()) {
            throw new IllegalStateException("outcomes: expected " + job.items().size() + " (one per item), got "
                    + outcomes.size() + " " + counts());
        }
        for (int i = 0; i < outcomes.size(); i++) {
            if (!outcomes.get(i).item().equals(job.items().get(i))) {
                throw new IllegalStateException("outcomes[" + i + "] is for item '" + outcomes.get(i).item()
                        + "', expected '" + job.items().get(i) + "'");
            }
        }
        int sum = counts().values().stream().mapToInt(Integer::intValue).sum();
        if (sum != job.items().size()) {
            throw new IllegalStateException("counts " + counts() + " add up to " + sum + ", expected " + job.items().size());
        }
        return this;
    }
}
