package dev.flagbench.core.mock;

import java.util.function.Predicate;

/** Waits for the server's counters to reach a state, by polling within a bound (no sleep-and-hope). */
final class StatsPolling {
    private StatsPolling() {
    }

    /** Polls {@code server.stats()} every 10 ms until {@code condition} holds, for at most 40 s; the last snapshot. */
    static MockStats awaitStats(MockServer server, Predicate<MockStats> condition) throws InterruptedException {
        MockStats s = server.stats();
        for (int i = 0; i < 4_000 && !condition.test(s); i++) {
            Thread.sleep(10);
            s = server.stats();
        }
        return s;
    }
}
