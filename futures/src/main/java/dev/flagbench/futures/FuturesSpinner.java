package dev.flagbench.futures;

import dev.flagbench.core.Spinner;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The spinner with futures, as spinner_async.py reads: the slow call is a {@link CompletableFuture} that holds no
 * thread while it waits ({@code supplyAsync} on a delayed executor, Python's {@code await asyncio.sleep}), the spinner
 * a periodic task that is cancelled when that future completes, or cancelled with it when the caller is interrupted.
 */
public final class FuturesSpinner implements Spinner {

    @Override
    public String model() {
        return "futures";
    }

    /** Schedules the frames, starts the slow future, cancels the frames when it completes, and waits for it. */
    @Override
    public int spin(Duration slowCall, Consumer<String> frames) throws InterruptedException {
        AtomicLong n = new AtomicLong();
        try (ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("spinner").daemon().factory())) {
            ScheduledFuture<?> spinner = ticker.scheduleAtFixedRate(() -> frames.accept(Spinner.frame(n.getAndIncrement())),
                    0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> ANSWER,
                    CompletableFuture.delayedExecutor(slowCall.toNanos(), TimeUnit.NANOSECONDS));
            slow.whenComplete((answer, failure) -> spinner.cancel(false));
            try {
                return slow.get();
            } catch (InterruptedException e) {
                slow.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                throw new IllegalStateException("the slow call failed", e.getCause());
            }
        } finally {
            frames.accept(CLEAR); // after close() waited for the ticker: no frame can follow
        }
    }
}
