package dev.flagbench.futures;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.contract.DownloadContract;

/** The futures model meets the download contract. */
class FuturesModelContractTest extends DownloadContract {

    @Override
    protected ConcurrencyModel model() {
        return new FuturesModel();
    }

    @Override
    protected boolean concurrent() {
        return true;
    }
}
