package dev.flagbench.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.ConcurrencyModels;
import dev.flagbench.core.Spinner;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every model's {@link Spinner} must do: a model's test subclasses this and names its spinner.
 *
 * <p>The waits here are bounds, not timing floors: "no frame after the end" waits 300 ms (three periods) and checks
 * that the count did not move; "stops promptly" allows 5 s for an interrupted 30 s call to end.
 */
public abstract class SpinnerContract {
    private static final long QUIET_MILLIS = 300;
    private static final Duration QUIET = Duration.ofMillis(QUIET_MILLIS);

    /** A new spinner of the model under test. */
    protected abstract Spinner spinner();

    @Test
    void shortSlowCall_answers42_afterFramesInOrder_thenClears_andNoFrameFollows() throws InterruptedException {
        Queue<String> frames = new ConcurrentLinkedQueue<>();

        int answer = spinner().spin(Duration.ofMillis(300), frames::add);

        assertThat(answer).as("the slow call's answer is the tutorial's").isEqualTo(Spinner.ANSWER);
        List<String> shown = List.copyOf(frames);
        assertThat(shown).as("at least two frames, then exactly one clear, last").hasSizeGreaterThanOrEqualTo(3)
                .endsWith(Spinner.CLEAR).containsOnlyOnce(Spinner.CLEAR);
        List<String> expected = LongStream.range(0, shown.size() - 1).mapToObj(Spinner::frame).toList();
        assertThat(shown.subList(0, shown.size() - 1)).as("the frames cycle through |/-\\ from the first")
                .containsExactlyElementsOf(expected);
        Thread.sleep(QUIET);
        assertThat(frames).as("no frame arrives once spin has returned").hasSameSizeAs(shown);
    }

    @Test
    void interruptedCaller_endsSpinPromptly_withInterruptedException_andFramesStop() throws InterruptedException {
        Cancelled c = spinThenInterrupt();

        assertThat(c.endedInTime()).as("spin ends within 5 s of the interrupt, not after 30 s").isTrue();
        assertThat(c.outcome()).as("spin reports the interrupt by throwing InterruptedException")
                .isInstanceOf(InterruptedException.class);
        assertThat(c.framesAfterEnd()).as("the spinner was cancelled: no frame after spin ended").isZero();
    }

    /**
     * A spin of a 30 s call whose caller was interrupted after the first frame.
     *
     * @param frames the frames shown until spin ended
     * @param frameThreads the threads that showed them
     * @param outcome what spin returned or threw
     * @param endedInTime whether spin ended within 5 s of the interrupt
     * @param framesAfterEnd frames shown in the {@value #QUIET_MILLIS} ms after spin ended
     */
    protected record Cancelled(List<String> frames, Set<Thread> frameThreads, Object outcome, boolean endedInTime,
                               int framesAfterEnd) {
    }

    /** Runs a spin of a 30 s call, interrupts its caller once the first frame is shown, and reports what followed. */
    protected Cancelled spinThenInterrupt() throws InterruptedException {
        Queue<String> frames = new ConcurrentLinkedQueue<>();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch firstFrame = new CountDownLatch(1);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Spinner spinner = spinner();
        Thread caller = Thread.ofPlatform().name("spin-caller").start(() -> {
            try {
                outcome.set(spinner.spin(Duration.ofSeconds(30), f -> {
                    frames.add(f);
                    threads.add(Thread.currentThread());
                    firstFrame.countDown();
                }));
            } catch (InterruptedException | RuntimeException e) {
                outcome.set(e);
            }
        });
        assertThat(firstFrame.await(5, TimeUnit.SECONDS)).as("the spinner shows a first frame").isTrue();
        caller.interrupt();
        boolean ended = caller.join(Duration.ofSeconds(5));
        List<String> shown = List.copyOf(frames);
        Thread.sleep(QUIET);
        return new Cancelled(shown, Set.copyOf(threads), outcome.get(), ended, frames.size() - shown.size());
    }

    @Test
    void spinner_isRegisteredAsAService_forAModelOnTheClassPath() {
        Spinner spinner = spinner();

        assertThat(Spinner.all()).as("META-INF/services lists this spinner")
                .anySatisfy(s -> assertThat(s).isExactlyInstanceOf(spinner.getClass()));
        assertThat(ConcurrencyModels.all()).extracting(ConcurrencyModel::name)
                .as("its model() names a discovered model").contains(spinner.model());
        assertThat(Spinner.forModel(spinner.model())).as("it is found by its model's name")
                .hasValueSatisfying(s -> assertThat(s).isExactlyInstanceOf(spinner.getClass()));
    }
}
