package dev.flagbench.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.ConcurrencyModels;
import dev.flagbench.core.Spinner;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
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
    private static final Duration QUIET = Duration.ofMillis(300);

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
        Queue<String> frames = new ConcurrentLinkedQueue<>();
        CountDownLatch firstFrame = new CountDownLatch(1);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().name("spin-caller").start(() -> {
            try {
                outcome.set(spinner().spin(Duration.ofSeconds(30), f -> {
                    frames.add(f);
                    firstFrame.countDown();
                }));
            } catch (InterruptedException | RuntimeException e) {
                outcome.set(e);
            }
        });
        assertThat(firstFrame.await(5, TimeUnit.SECONDS)).as("the spinner shows a first frame").isTrue();

        caller.interrupt();

        assertThat(caller.join(Duration.ofSeconds(5))).as("spin ends within 5 s of the interrupt, not after 30 s")
                .isTrue();
        assertThat(outcome.get()).as("spin reports the interrupt by throwing InterruptedException")
                .isInstanceOf(InterruptedException.class);
        int seen = frames.size();
        Thread.sleep(QUIET);
        assertThat(frames).as("the spinner was cancelled: no frame after spin ended").hasSize(seen);
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
