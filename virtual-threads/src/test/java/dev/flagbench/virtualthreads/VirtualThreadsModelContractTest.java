package dev.flagbench.virtualthreads;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.contract.DownloadContract;

/** The virtual-threads model meets the download contract. */
class VirtualThreadsModelContractTest extends DownloadContract {

    @Override
    protected ConcurrencyModel model() {
        return new VirtualThreadsModel();
    }

    @Override
    protected boolean concurrent() {
        return true;
    }
}
