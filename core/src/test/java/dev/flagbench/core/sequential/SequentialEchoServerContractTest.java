package dev.flagbench.core.sequential;

import dev.flagbench.core.contract.EchoContract;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;

/** The sequential server meets the echo contract, one connection at a time, started through its model. */
class SequentialEchoServerContractTest extends EchoContract {

    @Override
    protected EchoServer start(EchoServerConfig config) throws IOException {
        return new SequentialModel().startEchoServer(config);
    }

    @Override
    protected Concurrency concurrency() {
        return Concurrency.SERIAL;
    }
}
