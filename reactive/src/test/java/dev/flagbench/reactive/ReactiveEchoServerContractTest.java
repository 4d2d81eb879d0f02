package dev.flagbench.reactive;

import dev.flagbench.core.contract.EchoContract;

/** The reactive echo server meets the echo contract: every connection on a few event loops. */
class ReactiveEchoServerContractTest extends EchoContract {

    ReactiveEchoServerContractTest() {
        super(ReactiveEchoServer::start, Concurrency.UNBOUNDED);
    }
}
