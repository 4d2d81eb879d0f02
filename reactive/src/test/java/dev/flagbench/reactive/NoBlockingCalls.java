package dev.flagbench.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Fails a test in which BlockHound caught any blocking call on a non-blocking thread (event loops included). */
final class NoBlockingCalls implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        BlockHoundSession.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertThat(BlockHoundSession.violations())
                .as("neither the model, reactor-netty, Netty nor a test server blocked an event loop").isEmpty();
    }
}
