package dev.flagbench.futures;

import dev.flagbench.core.Response;
import dev.flagbench.core.SessionConfig;
import dev.flagbench.core.Traits;
import dev.flagbench.core.async.AsyncClient;
import dev.flagbench.core.async.AsyncModel;
import dev.flagbench.core.async.AsyncRun;
import dev.flagbench.core.blocking.BlockingClient;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * Python's {@code concurrent.futures} column of Table 1 in Java: a fixed pool of C threads runs the blocking
 * client, each request is a {@code supplyAsync} stage on it, an item's requests are composed with
 * {@code thenCompose}, and the job is joined by {@code allOf}. The pool's size is the limit; no stage blocks on
 * another's {@code get()}.
 */
public final class FuturesModel implements AsyncModel {

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
        return Traits.of(Traits.Threads.FIXED_POOL, Traits.Column.FUTURES,
                "ExecutorService, CompletableFuture (supplyAsync, thenCompose, allOf)",
                "multi-thread (a fixed pool of C OS threads, one per in-flight request)");
    }

    /** The session's fixed pool of C threads, and the blocking client each {@code supplyAsync} stage calls on it. */
    @Override
    public AsyncClient connect(SessionConfig config) {
        ExecutorService pool = Executors.newFixedThreadPool(config.maxConcurrency(),
                Thread.ofPlatform().name("futures-pool-", 0).factory());
        BlockingClient client = new BlockingClient(config.http());
        return new AsyncClient(uri -> CompletableFuture.supplyAsync(() -> get(client, uri), pool), pool,
                client.describe(), () -> {
                    client.close();
                    pool.shutdownNow();
                });
    }

    /** Every item's pipeline submitted at once and joined by {@code allOf}: the pool's C threads are the limit. */
    @Override
    public CompletionStage<?> downloadMany(AsyncRun run) {
        return CompletableFuture.allOf(IntStream.range(0, run.size()).mapToObj(run::item)
                .toArray(CompletableFuture<?>[]::new));
    }

    private static Response get(BlockingClient client, URI uri) {
        try {
            return client.get(uri);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) throws IOException {
        return FuturesEchoServer.start(config);
    }
}
