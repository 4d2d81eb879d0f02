package dev.flagbench.virtualthreads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.Spinner;
import dev.flagbench.core.contract.SpinnerContract;
import org.junit.jupiter.api.Test;

/** The virtual-threads spinner meets the spinner contract; cancelling it interrupts its virtual thread. */
class VirtualThreadsSpinnerTest extends SpinnerContract {

    @Override
    protected Spinner spinner() {
        return new VirtualThreadsSpinner();
    }

    @Test
    void cancelling_interruptsTheSpinnersVirtualThread_whichClearsAndEnds() throws InterruptedException {
        Cancelled c = spinThenInterrupt();

        assertThat(c.frameThreads()).as("one virtual thread showed every frame").singleElement()
                .satisfies(t -> assertThat(t.isVirtual()).isTrue())
                .as("and was joined: it has ended").satisfies(t -> assertThat(t.isAlive()).isFalse());
        assertThat(c.frames()).as("the interrupt woke its sleep, and it cleared its line last").endsWith(Spinner.CLEAR);
    }
}
