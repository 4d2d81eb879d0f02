package dev.flagbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.mock.DelaySpec;
import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.core.mock.MockServer;
import dev.flagbench.core.mock.MockServerConfig;
import dev.flagbench.core.mock.MockStats;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FlagsCommandTest {

    @Test
    void localPreset_printsFlags2sReport_forTheTop20() {
        CliRun r = CliRun.of("flags", "--model", "sequential", "-s", "LOCAL");

        assertThat(r.exitCode()).as("succeeds").isZero();
        assertThat(r.out()).as("flags2's site line").containsPattern("LOCAL site: http://127\\.0\\.0\\.1:\\d+/flags")
                .as("the top 20, sorted").contains("Searching for 20 flags: from BD to VN")
                .as("the sequential model uses one connection").contains("1 connection will be used.")
                .as("every flag came").contains(" 20 flags downloaded.")
                .as("no failures to report").doesNotContain("not found.").doesNotContain("error")
                .as("the elapsed time").containsPattern("Elapsed time: \\d+\\.\\d\\ds")
                .as("then the rate").containsPattern("Rate: [\\d,]+\\.\\d items/s")
                .as("and the latency percentiles of every item").containsPattern("Latency \\(service time, 20 items\\): p50 ");
    }

    @Test
    void errorServer_reportsTheCounts_theServerSent() throws Exception {
        FaultProfile errors = new FaultProfile(DelaySpec.none(), 0.5, 503, 0, 0);
        try (MockServer server = MockServer.start(MockServerConfig.loopback(errors))) {
            CliRun r = CliRun.of("flags", "--model", "sequential", "-v", "-s", server.baseUrl() + "flags", "B", "ZZ");

            MockStats stats = server.stats();
            assertThat(r.exitCode()).as("errors are data, not a failure").isZero();
            assertThat(r.out()).as("26 B codes plus ZZ").contains("Searching for 27 flags: from BA to ZZ")
                    .as("a URL server is labelled as such").contains("URL site: " + server.baseUrl() + "flags");
            assertThat(count(r.out(), "flags? downloaded")).as("downloaded = the server's 200s").isEqualTo(stats.count("flag", 200));
            assertThat(count(r.out(), "not found")).as("not found = the server's 404s").isEqualTo(stats.count("flag", 404));
            assertThat(count(r.out(), "errors?")).as("errors = the server's 503s").isEqualTo(stats.count("flag", 503));
            assertThat(stats.count("flag", 503)).as("the fault profile did inject errors").isPositive();
            assertThat(r.out()).as("-v prints one line per item").containsPattern("(?m)^ZZ (not found|error)");
        }
    }

    private static long count(String out, String what) {
        Matcher m = Pattern.compile("(?m)^\\s*(\\d+) " + what + "\\.$").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void help_listsTheModelsFound() {
        CliRun r = CliRun.of("flags", "--help");

        assertThat(r.exitCode()).as("help succeeds").isZero();
        assertThat(r.out()).as("--model's help names every model found, JVM and external")
                .contains("sequential").contains("virtual-threads").contains("reactive-1loop").contains("python-asyncio");
    }
}
