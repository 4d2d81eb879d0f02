package dev.flagbench.template;

import dev.flagbench.core.contract.EchoContract;

/**
 * The template's echo server meets the echo contract: a virtual thread per connection, so every connection at once.
 *
 * <p>When copying: rename the class ({@code MymodelEchoServerContractTest}), name your server's {@code start}, and
 * say how many connections it serves at once ({@code SERIAL}, {@code BOUNDED_POOL} of
 * {@code EchoServerConfig.poolSize()} workers, or {@code UNBOUNDED}).
 */
class TemplateEchoServerContractTest extends EchoContract {

    TemplateEchoServerContractTest() {
        super(TemplateEchoServer::start, Concurrency.UNBOUNDED);
    }
}
