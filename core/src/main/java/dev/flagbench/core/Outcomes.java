package dev.flagbench.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Collects a job's outcomes from any thread, one slot per item, and tells the job's listener of each.
 *
 * <p>After {@link #cancel()} further outcomes are ignored, so an item that fails because its request was
 * aborted by the cancellation ends as {@link Status#CANCELLED}, not as an error.
 */
public final class Outcomes {
    private final DownloadJob job;
    private final AtomicReferenceArray<ItemOutcome> slots;
    private volatile boolean cancelled;

    private Outcomes(DownloadJob job) {
        this.job = job;
        this.slots = new AtomicReferenceArray<>(job.items().size());
    }

    /** An empty collector for {@code job}. */
    public static Outcomes of(DownloadJob job) {
        return new Outcomes(job);
    }

    /** Records the outcome of item {@code index}; the first outcome for a slot wins. */
    public void record(int index, ItemOutcome outcome) {
        if (!cancelled && slots.compareAndSet(index, null, outcome)) {
            job.listener().onItem(outcome);
        }
    }

    /** Stops accepting outcomes: the items not yet recorded will be CANCELLED. */
    public void cancel() {
        cancelled = true;
    }

    /** The result: every recorded outcome, and CANCELLED for the rest. */
    public DownloadResult result(Map<String, String> clientSettings) {
        List<ItemOutcome> out = new ArrayList<>(slots.length());
        for (int i = 0; i < slots.length(); i++) {
            ItemOutcome o = slots.get(i);
            out.add(o != null ? o : ItemOutcome.of(job.items().get(i), Status.CANCELLED, "cancelled"));
        }
        return new DownloadResult(job.workload(), out, clientSettings);
    }
}
