package dev.flagbench.core.contract;

import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.core.mock.MockServer;
import dev.flagbench.core.mock.MockServerConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts real mock servers on 127.0.0.1, port 0, for one test and stops them after it; register it with
 * {@code @RegisterExtension final MockServers servers = new MockServers();}.
 */
public final class MockServers implements AfterEachCallback {
    private final List<MockServer> started = new ArrayList<>();

    /** A loopback server with {@code faults} and the default seed. */
    public MockServer start(FaultProfile faults) throws IOException {
        return start(MockServerConfig.loopback(faults));
    }

    /** A server as {@code config} says, stopped after the test. */
    public synchronized MockServer start(MockServerConfig config) throws IOException {
        MockServer server = MockServer.start(config);
        started.add(server);
        return server;
    }

    /** Stops every server this test started. */
    @Override
    public synchronized void afterEach(ExtensionContext context) {
        started.forEach(MockServer::close);
        started.clear();
    }
}
