package dev.flagbench.virtualthreads;

import dev.flagbench.core.contract.EchoContract;

/** The virtual-threads echo server meets the echo contract: a virtual thread per connection. */
class VirtualThreadsEchoServerContractTest extends EchoContract {

    VirtualThreadsEchoServerContractTest() {
        super(VirtualThreadsEchoServer::start, Concurrency.UNBOUNDED);
    }
}
