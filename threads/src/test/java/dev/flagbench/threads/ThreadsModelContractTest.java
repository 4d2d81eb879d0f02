package dev.flagbench.threads;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.contract.DownloadContract;

/** The threads model meets the download contract. */
class ThreadsModelContractTest extends DownloadContract {

    @Override
    protected ConcurrencyModel model() {
        return new ThreadsModel();
    }

    @Override
    protected boolean concurrent() {
        return true;
    }
}
