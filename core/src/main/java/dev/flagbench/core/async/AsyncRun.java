package dev.flagbench.core.async;

import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Downloads;
import dev.flagbench.core.ItemOutcome;
import dev.flagbench.core.Outcomes;
import dev.flagbench.core.Response;
import dev.flagbench.core.Session;
import dev.flagbench.core.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * One job as an asynchronous model runs it: each item's requests chained on the model's non-blocking GET (for
 * flags+metadata, the flag composed on the metadata it names), its file write on the model's blocking executor, its
 * latency from its first request's send to its last response, its outcome recorded; and the wait for all of them,
 * which an interrupt turns into a cancellation.
 *
 * <p>A model keeps only its scheduling: when it calls {@link #item(int)} for which item.
 */
public final class AsyncRun {
    private final DownloadJob job;
    private final AsyncClient client;
    private final Outcomes outcomes;

    AsyncRun(DownloadJob job, AsyncClient client) {
        this.job = job;
        this.client = client;
        this.outcomes = Outcomes.of(job);
    }

    /** The number of items; item {@code i} is recorded in slot {@code i}. */
    public int size() {
        return job.items().size();
    }

    /** C, the most items in flight at once. */
    public int maxConcurrency() {
        return job.maxConcurrency();
    }

    /**
     * Starts item {@code index}'s requests; the stage completes with its recorded outcome, never exceptionally, on
     * whatever thread completed its last request.
     */
    public CompletableFuture<ItemOutcome> item(int index) {
        String item = job.items().get(index);
        long ready = System.nanoTime();
        long[] sent = {0};
        CompletionStage<ItemOutcome> fetch;
        try {
            fetch = fetch(item, sent);
        } catch (RuntimeException e) {
            fetch = CompletableFuture.failedFuture(e);
        }
        return fetch.toCompletableFuture()
                .handle((outcome, failure) -> (outcome != null ? outcome : Downloads.failure(item, failure))
                        .withLatency(System.nanoTime() - (sent[0] != 0 ? sent[0] : ready)))
                .thenApply(outcome -> {
                    outcomes.record(index, outcome);
                    return outcome;
                });
    }

    /** The workload's requests for {@code item}; {@code sent[0]} becomes the first request's send time. */
    private CompletionStage<ItemOutcome> fetch(String item, long[] sent) {
        return switch (job.workload()) {
            case FLAGS -> flag(item, Downloads.flagFileName(item), sent);
            case FLAGS_METADATA -> get(Downloads.metadataUri(job.baseUrl(), item), sent)
                    .thenCompose(meta -> meta.status() == 200
                            ? flag(item, countryFileName(meta), sent)
                            : CompletableFuture.completedFuture(Downloads.notOk(item, meta)));
            case PEPS -> get(Downloads.pepUri(job.baseUrl(), item), sent)
                    .thenCompose(r -> saved(Downloads.pep(item, r), Downloads.pepFileName(item), r.body()));
        };
    }

    private CompletionStage<ItemOutcome> flag(String cc, String fileName, long[] sent) {
        return get(Downloads.flagUri(job.baseUrl(), cc), sent)
                .thenCompose(r -> saved(Downloads.flag(cc, r, fileName), fileName, r.body()));
    }

    private CompletionStage<Response> get(URI uri, long[] sent) {
        return client.get().get(uri).thenApply(r -> {
            job.listener().onResponse();
            if (sent[0] == 0) {
                sent[0] = r.sentNanos();
            }
            return r;
        });
    }

    /** {@code outcome}, after {@code body} is written on the blocking executor when it is OK and the job writes files. */
    private CompletionStage<ItemOutcome> saved(ItemOutcome outcome, String fileName, byte[] body) {
        if (outcome.status() != Status.OK || job.outputDir() == null) {
            return CompletableFuture.completedFuture(outcome);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                Downloads.save(job, fileName, body);
                return outcome;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, client.blocking());
    }

    private static String countryFileName(Response meta) {
        try {
            return Downloads.countryFileName(meta);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until {@code done} completes, every item recorded, and returns the result. When the calling thread is
     * interrupted: stops accepting outcomes, cancels {@code done}, closes {@code session} (aborting the requests in
     * flight), restores the interrupt flag, and returns the result with every unfinished item CANCELLED.
     */
    DownloadResult await(CompletionStage<?> done, Session session) {
        CompletableFuture<?> all = done.toCompletableFuture();
        try {
            all.get();
        } catch (InterruptedException e) {
            outcomes.cancel();
            all.cancel(true);
            session.close();
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the job's scheduling failed instead of giving every item an outcome",
                    e.getCause());
        }
        return outcomes.result(client.settings());
    }
}
