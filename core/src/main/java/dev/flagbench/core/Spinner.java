package dev.flagbench.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * The first example of the asyncio tutorial (Fluent Python's spinner_thread.py, spinner_async.py) for one model: a
 * spinner animates while a slow call runs and is cleared when the call returns; implementations are found with
 * {@link ServiceLoader}.
 */
public interface Spinner {
    /** The tutorial's answer, which the slow call returns. */
    int ANSWER = 42;
    /** How often a frame is shown. */
    Duration PERIOD = Duration.ofMillis(100);
    /** The last frame, shown once the answer has arrived: an empty status, which clears the spinner's line. */
    String CLEAR = "";

    /** The name of the {@link ConcurrencyModel} this spinner is written in, e.g. {@code "threads"}. */
    String model();

    /**
     * Runs the slow call (waits {@code slowCall}, then returns {@link #ANSWER}) while showing {@link #frame} n = 0, 1,
     * 2... through {@code frames} about every {@link #PERIOD}, then {@link #CLEAR}; no frame arrives after it returns.
     * {@code frames} is called by one thread at a time, not necessarily the caller's, and may block (it prints).
     *
     * @throws InterruptedException if the calling thread is interrupted: the spinner is cancelled and its frames stop
     */
    int spin(Duration slowCall, Consumer<String> frames) throws InterruptedException;

    /** The n-th frame: one of {@code |/-\} followed by the tutorial's message. */
    static String frame(long n) {
        return "|/-\\".charAt((int) (n % 4)) + " thinking!";
    }

    /** Every spinner on the class path. */
    static List<Spinner> all() {
        return ServiceLoader.load(Spinner.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** The spinner written in the model called {@code model}, if there is one. */
    static Optional<Spinner> forModel(String model) {
        return all().stream().filter(s -> s.model().equals(model)).findFirst();
    }
}
