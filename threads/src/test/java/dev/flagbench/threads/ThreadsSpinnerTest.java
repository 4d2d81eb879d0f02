package dev.flagbench.threads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.Spinner;
import dev.flagbench.core.contract.SpinnerContract;
import org.junit.jupiter.api.Test;

/** The threads spinner meets the spinner contract; cancelling it sets its flag, which ends its thread. */
class ThreadsSpinnerTest extends SpinnerContract {

    @Override
    protected Spinner spinner() {
        return new ThreadsSpinner();
    }

    @Test
    void cancelling_setsTheFlag_andTheSpinnerThreadClearsAndEnds() throws InterruptedException {
        Cancelled c = spinThenInterrupt();

        assertThat(c.frameThreads()).as("one platform thread showed every frame").singleElement()
                .satisfies(t -> assertThat(t.isVirtual()).isFalse())
                .as("and was joined: it has ended").satisfies(t -> assertThat(t.isAlive()).isFalse());
        assertThat(c.frames()).as("the interrupted call set the flag, so the spinner thread cleared its line last")
                .endsWith(Spinner.CLEAR);
    }
}
