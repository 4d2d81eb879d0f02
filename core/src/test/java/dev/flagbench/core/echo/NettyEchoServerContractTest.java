package dev.flagbench.core.echo;

import dev.flagbench.core.contract.EchoContract;

/** The Netty baseline meets the echo contract, holding every connection at once. */
class NettyEchoServerContractTest extends EchoContract {

    NettyEchoServerContractTest() {
        super(NettyEchoServer::start, Concurrency.UNBOUNDED);
    }
}
