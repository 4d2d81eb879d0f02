package dev.flagbench.reactive;

import dev.flagbench.core.ConcurrencyModel;

/** The one-loop-thread reactive model meets the download contract, with BlockHound watching its event loop. */
class ReactiveOneLoopModelContractTest extends ReactiveContract {

    @Override
    protected ConcurrencyModel model() {
        return new ReactiveOneLoopModel();
    }
}
