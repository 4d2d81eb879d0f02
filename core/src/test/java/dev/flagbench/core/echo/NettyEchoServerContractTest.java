package dev.flagbench.core.echo;

import dev.flagbench.core.contract.EchoContract;
import java.io.IOException;

/** The Netty baseline meets the echo contract, holding every connection at once. */
class NettyEchoServerContractTest extends EchoContract {

    @Override
    protected EchoServer start(EchoServerConfig config) throws IOException {
        return NettyEchoServer.start(config);
    }

    @Override
    protected Concurrency concurrency() {
        return Concurrency.UNBOUNDED;
    }
}
