package dev.flagbench.core.sequential;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.contract.DownloadContract;

/** The sequential reference model meets the download contract, one request at a time. */
class SequentialModelContractTest extends DownloadContract {

    @Override
    protected ConcurrencyModel model() {
        return new SequentialModel();
    }

    @Override
    protected boolean concurrent() {
        return false;
    }
}
