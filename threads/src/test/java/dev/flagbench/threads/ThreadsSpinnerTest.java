package dev.flagbench.threads;

import dev.flagbench.core.Spinner;
import dev.flagbench.core.contract.SpinnerContract;

/** The threads spinner meets the spinner contract. */
class ThreadsSpinnerTest extends SpinnerContract {

    @Override
    protected Spinner spinner() {
        return new ThreadsSpinner();
    }
}
