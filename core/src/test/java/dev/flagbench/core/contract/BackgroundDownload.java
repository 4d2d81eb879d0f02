package dev.flagbench.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** A download running on its own platform thread, so that a test can interrupt it as a caller would. */
public final class BackgroundDownload {
    private final Thread caller;
    private final AtomicReference<DownloadResult> returned = new AtomicReference<>();
    private final AtomicReference<Throwable> thrown = new AtomicReference<>();
    private final AtomicBoolean interruptFlagAfterwards = new AtomicBoolean();

    private BackgroundDownload(ConcurrencyModel model, DownloadJob job) {
        this.caller = Thread.ofPlatform().name("contract-caller").start(() -> {
            try {
                returned.set(model.download(job));
                interruptFlagAfterwards.set(Thread.currentThread().isInterrupted());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
    }

    /** Starts {@code model.download(job)} on a new thread. */
    public static BackgroundDownload start(ConcurrencyModel model, DownloadJob job) {
        return new BackgroundDownload(model, job);
    }

    /** Whether the download is still running. */
    public boolean running() {
        return caller.isAlive();
    }

    /**
     * Interrupts the caller and waits, at most {@code bound}, for the model to return; asserts that it returned a
     * result, without throwing, and with the caller's interrupt flag restored.
     */
    public DownloadResult interruptAndAwait(Duration bound) throws InterruptedException {
        caller.interrupt();
        assertThat(caller.join(bound)).as("the model returned after the interrupt").isTrue();
        assertThat(thrown.get()).as("the model returned instead of throwing").isNull();
        assertThat(interruptFlagAfterwards).as("the caller's interrupt flag is restored").isTrue();
        return returned.get();
    }
}
