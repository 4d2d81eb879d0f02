package dev.flagbench.virtualthreads;

import dev.flagbench.core.contract.EchoContract;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;

/** The virtual-threads echo server meets the echo contract: a virtual thread per connection. */
class VirtualThreadsEchoServerContractTest extends EchoContract {

    @Override
    protected EchoServer start(EchoServerConfig config) throws IOException {
        return VirtualThreadsEchoServer.start(config);
    }

    @Override
    protected Concurrency concurrency() {
        return Concurrency.UNBOUNDED;
    }
}
