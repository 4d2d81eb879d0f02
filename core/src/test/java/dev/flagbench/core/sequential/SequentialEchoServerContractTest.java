package dev.flagbench.core.sequential;

import dev.flagbench.core.contract.EchoContract;

/** The sequential server, started through its model, meets the echo contract one connection at a time. */
class SequentialEchoServerContractTest extends EchoContract {

    SequentialEchoServerContractTest() {
        super(config -> new SequentialModel().startEchoServer(config), Concurrency.SERIAL);
    }
}
