package dev.flagbench.futures;

import dev.flagbench.core.contract.EchoContract;

/** The futures echo server meets the echo contract: a fixed pool, connections beyond it waiting for a worker. */
class FuturesEchoServerContractTest extends EchoContract {

    FuturesEchoServerContractTest() {
        super(FuturesEchoServer::start, Concurrency.BOUNDED_POOL);
    }
}
