package dev.flagbench.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.Spinner;
import dev.flagbench.core.contract.SpinnerContract;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reactive spinner meets the spinner contract, with BlockHound watching Reactor's non-blocking threads. */
@ExtendWith(NoBlockingCalls.class)
class ReactiveSpinnerTest extends SpinnerContract {

    @Override
    protected Spinner spinner() {
        return new ReactiveSpinner();
    }

    @Test
    void framesThatBlock_areShownOffReactorsNonBlockingThreads() throws InterruptedException {
        Queue<String> threads = new ConcurrentLinkedQueue<>();

        int answer = spinner().spin(Duration.ofMillis(300), frame -> {
            threads.add(Thread.currentThread().getName());
            try {
                Thread.sleep(1); // as a print to a slow terminal would
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(answer).as("the answer arrives").isEqualTo(Spinner.ANSWER);
        assertThat(threads).as("every frame, the clear included, was shown on boundedElastic, where blocking is allowed")
                .isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("boundedElastic"));
    }

    @Test
    void cancelling_disposesThePipeline_soItsConcatenatedClearNeverRuns() throws InterruptedException {
        Cancelled c = spinThenInterrupt();

        assertThat(c.outcome()).as("block() was interrupted").isInstanceOf(InterruptedException.class);
        assertThat(c.frames()).as("the frames came from Flux.interval").isNotEmpty()
                .as("disposed, not completed: the clear concatenated after takeUntilOther never ran")
                .doesNotContain(Spinner.CLEAR);
        assertThat(c.framesAfterEnd()).as("the disposed interval ticks no more").isZero();
    }
}
