package dev.flagbench.reactive;

import dev.flagbench.core.contract.EchoContract;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;

/** The reactive echo server meets the echo contract: every connection on a few event loops. */
class ReactiveEchoServerContractTest extends EchoContract {

    @Override
    protected EchoServer start(EchoServerConfig config) throws IOException {
        return ReactiveEchoServer.start(config);
    }

    @Override
    protected Concurrency concurrency() {
        return Concurrency.UNBOUNDED;
    }
}
