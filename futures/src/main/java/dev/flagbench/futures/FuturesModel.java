package dev.flagbench.futures;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Downloads;
import dev.flagbench.core.ItemOutcome;
import dev.flagbench.core.Response;
import dev.flagbench.core.blocking.BlockingRun;
import dev.flagbench.core.blocking.BlockingSteps;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Python's {@code concurrent.futures} column of Table 1 in Java: a fixed pool of C threads runs the blocking
 * client, and each item is a {@link CompletableFuture} pipeline ({@code supplyAsync}, {@code thenCompose}) joined
 * by {@code allOf}. The pool's size is the limit; no stage blocks on another's {@code get()}.
 */
public final class FuturesModel implements ConcurrencyModel {

    /** One item as a pipeline of stages on the pool; it always completes with the item's outcome. */
    @FunctionalInterface
    private interface Pipeline {
        /** Starts the stages of {@code item} on {@code pool}. */
        CompletableFuture<ItemOutcome> start(BlockingSteps steps, Executor pool, String item);
    }

    @Override
    public String name() {
        return "futures";
    }

    @Override
    public String summary() {
        return "A fixed pool of C threads; each item a CompletableFuture pipeline (supplyAsync, thenCompose), joined by allOf.";
    }

    @Override
    public Traits traits() {
        return new Traits("ExecutorService, CompletableFuture (supplyAsync, thenCompose, allOf)",
                "multi-thread (a fixed pool of C OS threads, one per in-flight request)");
    }

    @Override
    public DownloadResult downloadFlags(DownloadJob job) throws InterruptedException {
        return downloadMany(job, (steps, pool, cc) -> CompletableFuture.supplyAsync(() -> steps.flag(cc), pool));
    }

    @Override
    public DownloadResult downloadFlagsWithMetadata(DownloadJob job) throws InterruptedException {
        return downloadMany(job, FuturesModel::metadataThenFlag);
    }

    @Override
    public DownloadResult downloadPeps(DownloadJob job) throws InterruptedException {
        return downloadMany(job, (steps, pool, number) -> CompletableFuture.supplyAsync(() -> steps.pep(number), pool));
    }

    /** metadata.json first; composed on it, the flag it names, as a second task in the pool. */
    private static CompletableFuture<ItemOutcome> metadataThenFlag(BlockingSteps steps, Executor pool, String cc) {
        AtomicLong sentAt = new AtomicLong(System.nanoTime());
        return CompletableFuture
                .supplyAsync(() -> {
                    sentAt.set(System.nanoTime());
                    return metadata(steps, cc);
                }, pool)
                .thenCompose(metadata -> metadata.status() == 200
                        ? CompletableFuture.supplyAsync(() -> flagNamedBy(steps, cc, metadata), pool)
                        : CompletableFuture.completedFuture(Downloads.notOk(cc, metadata)))
                .exceptionally(failure -> Downloads.failure(cc, failure))
                .thenApply(outcome -> outcome.withLatency(System.nanoTime() - sentAt.get()));
    }

    /** Starts every item's pipeline, each recording its outcome, and waits for all of them. */
    private static DownloadResult downloadMany(DownloadJob job, Pipeline pipeline) throws InterruptedException {
        try (BlockingRun run = new BlockingRun(job);
             ExecutorService pool = Executors.newFixedThreadPool(job.maxConcurrency(),
                     Thread.ofPlatform().name("futures-pool-", 0).factory())) {
            CompletableFuture<?>[] items = new CompletableFuture<?>[job.items().size()];
            for (int i = 0; i < items.length; i++) {
                int index = i;
                items[i] = pipeline.start(run.steps(), pool, job.items().get(i))
                        .thenAccept(outcome -> run.record(index, outcome));
            }
            try {
                CompletableFuture.allOf(items).get();
                return run.result();
            } catch (InterruptedException e) {
                return run.cancel(pool::shutdownNow);
            } catch (ExecutionException e) {
                throw new IllegalStateException("an item's pipeline failed instead of giving an outcome", e.getCause());
            }
        }
    }

    private static Response metadata(BlockingSteps steps, String cc) {
        try {
            return steps.get(Downloads.metadataUri(steps.job().baseUrl(), cc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ItemOutcome flagNamedBy(BlockingSteps steps, String cc, Response metadata) {
        try {
            return steps.fetchFlag(cc, Downloads.countryFileName(metadata));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        throw new UnsupportedOperationException("echo server: see the echo issue");
    }
}
