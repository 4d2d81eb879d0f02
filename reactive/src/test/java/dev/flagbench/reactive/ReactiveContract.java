package dev.flagbench.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Status;
import dev.flagbench.core.Workload;
import dev.flagbench.core.contract.BackgroundDownload;
import dev.flagbench.core.contract.DownloadContract;
import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.core.mock.MockServer;
import dev.flagbench.core.mock.MockStats;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The download contract for both reactive models, plus what a non-blocking model must also show: no test made a
 * blocking call on an event loop (the client's or the mock server's), and an interrupt aborts a thousand requests
 * in flight within a second, closing their connections.
 */
@ExtendWith(NoBlockingCalls.class)
abstract class ReactiveContract extends DownloadContract {

    @Override
    protected boolean concurrent() {
        return true;
    }

    @Test
    void interrupt_withAThousandInFlight_returnsWithinASecond_andClosesThem() throws Exception {
        // The delay outlasts the poll below (30 s): a connection whose close the server sees late (it took over 10 s
        // for 438 of 938 in one CI run) must never be answered first and so count as "answered".
        MockServer server = servers.start(FaultProfile.delay(Duration.ofSeconds(60)));
        int c = 1_000;
        DownloadJob job = job(server, Workload.FLAGS, cycle(DEFAULT_FLAGS, 2 * c), c);
        BackgroundDownload download = BackgroundDownload.start(model(), job);
        MockStats before = awaitStats(server, s -> s.inFlight() >= c * 9 / 10 || !download.running());
        assertThat(before.inFlight()).as("at least 0.9 C requests were in flight").isGreaterThanOrEqualTo(c * 9 / 10);

        DownloadResult result = download.interruptAndAwait(Duration.ofSeconds(1));

        assertThat(result.validate(job).count(Status.CANCELLED)).as("every item is cancelled").isEqualTo(2 * c);
        MockStats after = awaitStats(server, s -> s.inFlight() == 0);
        assertThat(after.inFlight()).as("the server saw every aborted request's connection closed").isZero();
        assertThat(after.abandoned()).as("every request sent was abandoned, none answered")
                .isEqualTo(after.totalRequests());
        assertThat(after.totalRequests()).as("no request was sent after the interrupt").isLessThanOrEqualTo(c);
    }

    /** Polls the server every 10 ms until {@code condition} holds, for at most 30 s; the last snapshot. */
    private static MockStats awaitStats(MockServer server, Predicate<MockStats> condition) throws InterruptedException {
        MockStats s = server.stats();
        for (int i = 0; i < 3_000 && !condition.test(s); i++) {
            Thread.sleep(10);
            s = server.stats();
        }
        return s;
    }
}
