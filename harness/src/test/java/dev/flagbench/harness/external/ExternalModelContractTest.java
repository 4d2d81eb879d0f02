package dev.flagbench.harness.external;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.contract.MockServers;
import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.core.mock.MockServer;
import dev.flagbench.core.mock.MockStats;
import dev.flagbench.core.mock.Preset;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.trial.TrialResult;
import dev.flagbench.harness.trial.TrialSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The download contract of the JVM models (core's DownloadContract), for every external model, run as a bench run
 * runs it: a trial program forked by the harness's TrialProcess, speaking the trial protocol, checked against what
 * the mock server counted. A model whose interpreter or packages are missing is skipped with the reason.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExternalModelContractTest {
    private static final List<String> POP20 = List.of("CN", "IN", "US", "ID", "BR", "PK", "NG", "BD", "RU", "JP", "MX",
            "PH", "VN", "ET", "EG", "DE", "IR", "TR", "CD", "FR");
    private static final Duration LIMIT = Duration.ofSeconds(40);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    final MockServers servers = new MockServers();

    @TempDir
    Path dir;

    static List<ExternalModel> models() {
        return ExternalTrials.models().toList();
    }

    private static boolean concurrent(ExternalModel m) {
        return !m.traits().baseline();
    }

    private static TrialResult ok(ExternalTrials.Ran ran) {
        assertThat(ran.outcome().failure()).as("the trial ran to DONE (stderr: %s)", ran.outcome().stderrTail()).isNull();
        return ran.outcome().result();
    }

    /** Fluent Python's ERROR server: after 0.5 s, a quarter of the requests answered 418 I'm a Teapot. */
    @ParameterizedTest
    @MethodSource("models")
    void errorPreset_accountsEveryItem_likeTheServer(ExternalModel model) throws Exception {
        ExternalTrials.assumeAvailable(model);
        MockServer server = servers.start(Preset.ERROR.profile());
        List<String> items = server.content().countryCodes().subList(0, concurrent(model) ? 40 : 4);
        int c = concurrent(model) ? 20 : 1;

        ExternalTrials.Ran ran = ExternalTrials.run(dir, model, server, "flags", items, c, TIMEOUT, null, 500, null, LIMIT);

        TrialResult r = ok(ran);
        MockStats stats = ran.stats();
        assertThat(r.items()).as("one outcome per item").isEqualTo(items.size());
        assertThat(r.count("OK")).as("OK items == the 200s the server sent").isEqualTo(stats.count("flag", 200));
        assertThat(r.count("ERROR")).as("ERROR items == the 418s the server sent").isEqualTo(stats.count("flag", 418));
        assertThat(r.count("OK") + r.count("ERROR")).as("nothing else happened").isEqualTo(items.size());
        assertThat(r.httpErrors()).as("every error was an HTTP status").isEqualTo(r.count("ERROR"));
        if (r.count("ERROR") > 0) {
            assertThat(r.errorSamples()).as("the error names the status").contains("ERROR HTTP 418 I'm a Teapot");
        }
        assertThat(r.validationError()).as("the program's own accounting holds").isNull();
        assertThat(r.latency().count()).as("a latency per item, in the histogram").isEqualTo(items.size());
        assertThat(dir.resolve("trial.hgrm")).as("the .hgrm file the harness wrote").isNotEmptyFile();
        assertThat(r.clientSettings()).as("the fairness settings, recorded")
                .containsEntry("maxConnections", String.valueOf(c)).containsEntry("retries", "0")
                .containsKey("client").containsKey("runtime");
        assertThat(r.clientSettings().get("futexHashSlots"))
                .as("the program resized its futex hash as the trial JVMs do, where the kernel can (else -1)")
                .isIn(String.valueOf(ExternalTrials.FUTEX_HASH_SLOTS), "-1");
    }

    @ParameterizedTest
    @MethodSource("models")
    void delayBeyondTheTimeout_timesOutEveryItem(ExternalModel model) throws Exception {
        ExternalTrials.assumeAvailable(model);
        MockServer server = servers.start(FaultProfile.delay(Duration.ofSeconds(2)));
        List<String> items = POP20.subList(0, concurrent(model) ? 8 : 2);

        ExternalTrials.Ran ran = ExternalTrials.run(dir, model, server, "flags", items, concurrent(model) ? 4 : 1,
                Duration.ofMillis(200), null, 2000, null, LIMIT);

        TrialResult r = ok(ran);
        assertThat(r.count("TIMEOUT")).as("every item timed out, none hung: %s", r.counts()).isEqualTo(items.size());
        assertThat(ran.stats().count("flag", 200)).as("no response came back within the timeout").isZero();
    }

    /**
     * Four waves of C; the server holds its first answers until C requests are in flight, so that reaching C is proved
     * whatever the machine's speed, and its peak proves that no more than C were.
     */
    @ParameterizedTest
    @MethodSource("models")
    void concurrencyLimit_isHonoured_asTheServerSawIt(ExternalModel model) throws Exception {
        ExternalTrials.assumeAvailable(model);
        MockServer server = servers.start(FaultProfile.delay(Duration.ofMillis(100)));
        int c = concurrent(model) ? 50 : 1;
        server.holdUntilInFlight(c);
        List<String> items = cycle(POP20, concurrent(model) ? 4 * c : 2);

        ExternalTrials.Ran ran = ExternalTrials.run(dir, model, server, "flags", items, c, TIMEOUT, null, 100, null, LIMIT);

        TrialResult r = ok(ran);
        assertThat(r.count("OK")).as("every item is downloaded: %s", r.counts()).isEqualTo(items.size());
        assertThat(ran.stats().peakInFlight()).as("C requests in flight at once, never more").isEqualTo(c);
        assertThat(ran.stats().count("flag", 200)).as("the server sent each item once").isEqualTo(items.size());
    }

    @ParameterizedTest
    @MethodSource("models")
    void flagsWithMetadata_andPeps_sendTheJvmModelsRequests(ExternalModel model) throws Exception {
        ExternalTrials.assumeAvailable(model);
        MockServer server = servers.start(FaultProfile.NONE);
        List<String> codes = List.of("BR", "ZZ", "CN", "US", "QQ", "IN", "JP");
        int c = concurrent(model) ? 3 : 1;

        TrialResult meta = ok(ExternalTrials.run(dir, model, server, "flags+metadata", codes, c, TIMEOUT, null, 0, null, LIMIT));
        MockStats stats = server.stats();
        assertThat(meta.count("OK")).as("the five countries are found").isEqualTo(5);
        assertThat(meta.count("NOT_FOUND")).as("the two unknown codes are not").isEqualTo(2);
        assertThat(stats.count("metadata", 200)).as("one metadata request per found item").isEqualTo(5);
        assertThat(stats.count("metadata", 404)).as("one metadata request per unknown item").isEqualTo(2);
        assertThat(stats.count("flag", 200)).as("then one flag request per found item").isEqualTo(5);
        assertThat(stats.count("flag")).as("no flag request for an unknown item").isEqualTo(5);

        List<Integer> served = server.content().pepNumbers();
        List<String> peps = List.of(String.valueOf(served.get(0)), String.valueOf(served.get(served.size() - 1)), "99999");
        TrialResult pep = ok(ExternalTrials.run(dir, model, server, "peps", peps, c, TIMEOUT, null, 0, null, LIMIT));
        assertThat(pep.count("OK")).as("the served PEPs are OK (their titles parsed)").isEqualTo(2);
        assertThat(pep.count("NOT_FOUND")).as("PEP 99999 does not exist").isEqualTo(1);
        assertThat(server.stats().count("pep", 404)).as("one 404, for the missing number").isEqualTo(1);
    }

    /**
     * The steady-state method of the JVM trials: warm-up jobs at the trial's level until two agree (or the cap), then
     * a measured job read in its window; the harness reads CPU, RSS and OS threads of the process from /proc.
     */
    @ParameterizedTest
    @MethodSource("models")
    void steadyTrial_measuresAWindow_andTheHarnessReadsTheProcessesResources(ExternalModel model) throws Exception {
        ExternalTrials.assumeAvailable(model);
        MockServer server = servers.start(FaultProfile.delay(Duration.ofMillis(20)));
        int c = concurrent(model) ? 10 : 1;
        TrialSpec.Steady steady = new TrialSpec.Steady(0, 400, 0.5, 200, 3);

        ExternalTrials.Ran ran = ExternalTrials.run(dir, model, server, "flags", POP20, c, TIMEOUT, steady, 20, null, LIMIT);

        TrialResult r = ok(ran);
        TrialRecord.Steady s = r.steady();
        assertThat(s).as("the warm-up and the window are reported").isNotNull();
        if (s.judgedInWindow()) { // the first job alone outlasted the 400 ms cap: a machine busy ten times over
            assertThat(s.warmupJobs()).as("judged in the window after one job").isEqualTo(1);
        } else {
            assertThat(s.warmupJobs()).as("at least two warm-up jobs, to compare").isGreaterThanOrEqualTo(2);
        }
        assertThat(s.warmupThroughputs()).as("one throughput per warm-up job").hasSize(s.warmupJobs());
        assertThat(r.items()).as("the measured job: at least minRounds x C items").isGreaterThanOrEqualTo(3L * c);
        long skip = Math.min(c, r.items() / 3);
        assertThat(s.windowRequests()).as("the window leaves out the first and last C items; its edges cut at most C"
                + " items in flight each").isBetween(r.items() - 3 * skip, r.items() - skip + 1);
        assertThat(s.windowThroughput()).as("a throughput was read in the window").isPositive();
        assertThat(r.count("OK")).as("the server counted the measured job's items").isEqualTo(ran.stats().count("flag", 200));
        TrialRecord.Resources res = r.resources();
        assertThat(res).as("the harness read the process's resources").isNotNull();
        assertThat(res.peakRssBytes()).as("VmHWM from /proc").isPositive();
        if (model.traits().threads().platformThreadPerRequest()) {
            assertThat(res.peakPlatformThreads()).as("an OS thread per request in flight").isGreaterThanOrEqualTo(c);
        } else {
            assertThat(res.peakPlatformThreads()).as("no OS thread per request").isBetween(1, Math.max(1, c - 1));
        }
    }

    /**
     * Where the first warm-up job alone outlasts the cap (here 1 ms, so always), the program stops warming up after it
     * and judges steadiness by its window's three thirds, as the JVM trials do.
     */
    @ParameterizedTest
    @MethodSource("models")
    void aFirstJobLongerThanTheCap_endsTheWarmUp_andTheWindowsThirdsJudgeIt(ExternalModel model) throws Exception {
        ExternalTrials.assumeAvailable(model);
        MockServer server = servers.start(FaultProfile.delay(Duration.ofMillis(20)));
        int c = concurrent(model) ? 10 : 1;
        TrialSpec.Steady steady = new TrialSpec.Steady(0, 1, 0.5, 400, 5);

        ExternalTrials.Ran ran = ExternalTrials.run(dir, model, server, "flags", POP20, c, TIMEOUT, steady, 20, null, LIMIT);

        TrialRecord.Steady s = ok(ran).steady();
        assertThat(s.warmupJobs()).as("one warm-up job: it outlasted the cap").isEqualTo(1);
        assertThat(s.windowThirds()).as("the window's three thirds").hasSize(3).allSatisfy(t -> assertThat(t).isPositive());
        List<Double> t = s.windowThirds();
        boolean agree = Math.abs(t.get(0) - t.get(1)) <= 0.5 * Math.max(t.get(0), t.get(1))
                && Math.abs(t.get(1) - t.get(2)) <= 0.5 * Math.max(t.get(1), t.get(2));
        assertThat(s.converged()).as("converged exactly when the thirds agree within the tolerance: " + t).isEqualTo(agree);
    }

    private static List<String> cycle(List<String> pool, int n) {
        return DownloadJob.cycle(pool, n);
    }
}
