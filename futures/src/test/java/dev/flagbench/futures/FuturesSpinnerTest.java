package dev.flagbench.futures;

import dev.flagbench.core.Spinner;
import dev.flagbench.core.contract.SpinnerContract;

/** The futures spinner meets the spinner contract. */
class FuturesSpinnerTest extends SpinnerContract {

    @Override
    protected Spinner spinner() {
        return new FuturesSpinner();
    }
}
