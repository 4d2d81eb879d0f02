package dev.flagbench.threads;

import dev.flagbench.core.contract.EchoContract;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;

/** The threads echo server meets the echo contract: a platform thread per connection. */
class ThreadsEchoServerContractTest extends EchoContract {

    @Override
    protected EchoServer start(EchoServerConfig config) throws IOException {
        return ThreadsEchoServer.start(config);
    }

    @Override
    protected Concurrency concurrency() {
        return Concurrency.UNBOUNDED;
    }
}
