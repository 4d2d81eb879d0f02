package dev.flagbench.virtualthreads;

import dev.flagbench.core.Spinner;
import dev.flagbench.core.contract.SpinnerContract;

/** The virtual-threads spinner meets the spinner contract. */
class VirtualThreadsSpinnerTest extends SpinnerContract {

    @Override
    protected Spinner spinner() {
        return new VirtualThreadsSpinner();
    }
}
