package dev.flagbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flagbench.harness.data.TrialRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CPU per request is per HTTP request as the server counted it, whatever the trial divided by. */
class MetricTest {

    /** A flags+metadata trial of 1,000 items, 2,000 requests at the server, 500 ms of CPU (200 of them the JIT's). */
    private static TrialRecord flagsMetadata(Map<String, Long> serverCounts, double recordedPerRequest) {
        return TrialRecord.builder("flags+metadata/m/C10/r1", "m", "flags+metadata", 10, 1).state(TrialRecord.OK)
                .items(1_000).wallMillis(1000).throughput(1000).efficiency(1.0).counts(Map.of("OK", 1_000L))
                .serverCounts(serverCounts).accountingMismatches(List.of()).achievedConcurrency(10)
                .resources(new TrialRecord.Resources(500, recordedPerRequest, 100L << 20, 10L << 20, 20, 0, 1, 1, 0,
                        200.0))
                .jvm(new TrialRecord.JvmInfo("25", List.of())).clientSettings(Map.of()).build();
    }

    @Test
    void cpuPerRequest_dividesByTheServersRequests_evenWhereTheRecordDividedByItems() {
        // Runs up to 2026-12-08T02-16-11Z recorded 500 µs (500 ms over 1,000 items) for two requests an item.
        TrialRecord t = flagsMetadata(Map.of(TrialRecord.SERVER_REQUESTS, 2_000L), 500);
        assertThat(Metric.CPU_PER_REQUEST.of(t)).isCloseTo(250, within(1e-9));
        assertThat(Metric.CPU_WITHOUT_JIT.of(t)).as("less the JIT's 200 of 500 ms").isCloseTo(150, within(1e-9));
    }

    @Test
    void cpuPerRequest_withoutTheServersCount_isTheTrialsOwn() {
        // Echo trials record no server counts: their figure is per message, as the trial divided.
        TrialRecord t = flagsMetadata(Map.of(), 42);
        assertThat(Metric.CPU_PER_REQUEST.of(t)).isEqualTo(42);
    }
}
