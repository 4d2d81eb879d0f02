package dev.flagbench.virtualthreads;

import dev.flagbench.core.Spinner;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The spinner as plain blocking code on a virtual thread: it sleeps between frames, and the caller stops it by
 * interrupting it when the slow, blocking call returns or is interrupted.
 */
public final class VirtualThreadsSpinner implements Spinner {

    @Override
    public String model() {
        return "virtual-threads";
    }

    /** Starts the spinner on a virtual thread, blocks in the slow call, then interrupts and joins the spinner. */
    @Override
    public int spin(Duration slowCall, Consumer<String> frames) throws InterruptedException {
        Thread spinner = Thread.ofVirtual().name("spinner").start(() -> spinUntilInterrupted(frames));
        try {
            return slow(slowCall);
        } finally {
            spinner.interrupt();
            spinner.join();
        }
    }

    /** The spinner thread: a frame, a sleep, until the interrupt wakes it; then the clear. */
    private static void spinUntilInterrupted(Consumer<String> frames) {
        try {
            for (long n = 0; ; n++) {
                frames.accept(Spinner.frame(n));
                Thread.sleep(PERIOD);
            }
        } catch (InterruptedException stop) {
            frames.accept(CLEAR);
        }
    }

    /** The tutorial's slow(): blocks this (virtual or not) thread, then answers. */
    private static int slow(Duration delay) throws InterruptedException {
        Thread.sleep(delay);
        return ANSWER;
    }
}
