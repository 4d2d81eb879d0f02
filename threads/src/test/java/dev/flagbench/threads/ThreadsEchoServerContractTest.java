package dev.flagbench.threads;

import dev.flagbench.core.contract.EchoContract;

/** The threads echo server meets the echo contract: a platform thread per connection. */
class ThreadsEchoServerContractTest extends EchoContract {

    ThreadsEchoServerContractTest() {
        super(ThreadsEchoServer::start, Concurrency.UNBOUNDED);
    }
}
