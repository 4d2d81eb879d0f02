package dev.flagbench.futures;

import dev.flagbench.core.contract.EchoContract;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;

/** The futures echo server meets the echo contract: a fixed pool, connections beyond it waiting for a worker. */
class FuturesEchoServerContractTest extends EchoContract {

    @Override
    protected EchoServer start(EchoServerConfig config) throws IOException {
        return FuturesEchoServer.start(config);
    }

    @Override
    protected Concurrency concurrency() {
        return Concurrency.BOUNDED_POOL;
    }
}
