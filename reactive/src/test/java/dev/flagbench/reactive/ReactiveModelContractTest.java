package dev.flagbench.reactive;

import dev.flagbench.core.ConcurrencyModel;

/** The reactive model meets the download contract, with BlockHound watching its event loop. */
class ReactiveModelContractTest extends ReactiveContract {

    @Override
    protected ConcurrencyModel model() {
        return new ReactiveModel();
    }
}
