package dev.flagbench.template;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.contract.DownloadContract;

/**
 * The template model meets the download contract.
 *
 * <p>When copying: rename the class ({@code MymodelModelContractTest}) and return your model; a model that runs one
 * request at a time returns {@code false} from {@link #concurrent()}.
 */
class TemplateModelContractTest extends DownloadContract {

    @Override
    protected ConcurrencyModel model() {
        return new TemplateModel();
    }

    @Override
    protected boolean concurrent() {
        return true;
    }
}
