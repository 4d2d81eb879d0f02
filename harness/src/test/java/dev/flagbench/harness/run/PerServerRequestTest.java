package dev.flagbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flagbench.harness.data.TrialRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner records CPU per HTTP request as the server counted the requests, not per item. */
class PerServerRequestTest {

    @Test
    void cpuPerRequest_isOverTheServersRequests() {
        // 500 ms over 1,000 flags+metadata items, two requests each at the server.
        TrialRecord.Resources perItem = new TrialRecord.Resources(500, 500, 0, 0, 1, 0, 0, 0, 0, null);
        assertThat(TrialRunner.perServerRequest(perItem, Map.of(TrialRecord.SERVER_REQUESTS, 2_000L))
                .cpuMicrosPerRequest()).isCloseTo(250, within(1e-9));
        assertThat(TrialRunner.perServerRequest(perItem, Map.of())).as("no count: as the trial said")
                .isSameAs(perItem);
        assertThat(TrialRunner.perServerRequest(null, Map.of(TrialRecord.SERVER_REQUESTS, 2L))).isNull();
    }
}
