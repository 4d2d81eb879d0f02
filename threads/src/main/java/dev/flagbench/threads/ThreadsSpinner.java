package dev.flagbench.threads;

import dev.flagbench.core.Spinner;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The tutorial's spinner_thread.py in Java: the spinner is a platform thread that shows a frame, then waits one period
 * on a {@code done} flag (a {@link CountDownLatch}, Python's {@code threading.Event}) that the caller sets when the
 * slow, blocking call returns or is interrupted.
 */
public final class ThreadsSpinner implements Spinner {

    @Override
    public String model() {
        return "threads";
    }

    /** Starts the spinner thread, blocks in the slow call, then sets the flag and joins the spinner. */
    @Override
    public int spin(Duration slowCall, Consumer<String> frames) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Thread spinner = Thread.ofPlatform().name("spinner").start(() -> spinUntil(done, frames));
        try {
            return slow(slowCall);
        } finally {
            done.countDown();
            spinner.join();
        }
    }

    /** The spinner thread: a frame per period until the flag is set, then the clear. */
    private static void spinUntil(CountDownLatch done, Consumer<String> frames) {
        try {
            long n = 0;
            do {
                frames.accept(Spinner.frame(n++));
            } while (!done.await(PERIOD.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        frames.accept(CLEAR);
    }

    /** The tutorial's slow(): blocks this thread, then answers. */
    private static int slow(Duration delay) throws InterruptedException {
        Thread.sleep(delay);
        return ANSWER;
    }
}
