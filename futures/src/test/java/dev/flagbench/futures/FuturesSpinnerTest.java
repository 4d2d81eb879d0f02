package dev.flagbench.futures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.Spinner;
import dev.flagbench.core.contract.SpinnerContract;
import org.junit.jupiter.api.Test;

/** The futures spinner meets the spinner contract; cancelling it cancels its futures and closes its ticker. */
class FuturesSpinnerTest extends SpinnerContract {

    @Override
    protected Spinner spinner() {
        return new FuturesSpinner();
    }

    @Test
    void cancelling_cancelsTheFutures_andTheTickerThreadEnds_afterTheClear() throws InterruptedException {
        Cancelled c = spinThenInterrupt();

        assertThat(c.frameThreads()).as("the ticker's thread showed the frames, the caller the clear")
                .extracting(Thread::getName).containsExactlyInAnyOrder("spinner", "spin-caller");
        assertThat(c.frameThreads()).filteredOn(t -> t.getName().equals("spinner"))
                .as("the periodic task was cancelled and its executor closed: the ticker thread has ended")
                .allSatisfy(t -> assertThat(t.isAlive()).isFalse());
        assertThat(c.frames()).as("the clear is shown once the ticker is closed, last").endsWith(Spinner.CLEAR)
                .containsOnlyOnce(Spinner.CLEAR);
    }
}
