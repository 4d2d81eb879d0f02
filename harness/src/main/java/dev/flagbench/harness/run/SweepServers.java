package dev.flagbench.harness.run;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** The in-process servers of the capacity sweep, one per delay, started when a trial first needs one. */
final class SweepServers implements AutoCloseable {
    private final long seed;
    private final Map<String, ServerHandle> byFaults = new HashMap<>();

    SweepServers(long seed) {
        this.seed = seed;
    }

    /** The server {@code t} is measured against: the plan's, or the one with the task's own faults. */
    ServerHandle serverFor(Task t, ServerHandle planServer) throws IOException {
        if (t.faults() == null) {
            return planServer;
        }
        ServerHandle s = byFaults.get(t.faults().describe());
        if (s == null) {
            s = ServerHandle.inProcess(t.faults(), seed);
            byFaults.put(t.faults().describe(), s);
        }
        return s;
    }

    @Override
    public void close() {
        byFaults.values().forEach(ServerHandle::close);
    }
}
