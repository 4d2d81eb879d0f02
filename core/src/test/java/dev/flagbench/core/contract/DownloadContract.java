package dev.flagbench.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.ConcurrencyModels;
import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Downloads;
import dev.flagbench.core.HttpSettings;
import dev.flagbench.core.ItemOutcome;
import dev.flagbench.core.Response;
import dev.flagbench.core.Session;
import dev.flagbench.core.SessionConfig;
import dev.flagbench.core.Status;
import dev.flagbench.core.Workload;
import dev.flagbench.core.mock.DelaySpec;
import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.core.mock.MockContent;
import dev.flagbench.core.mock.MockServer;
import dev.flagbench.core.mock.MockStats;
import dev.flagbench.core.mock.Preset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download contract every concurrency model's tests subclass (the SLF4J test-jar pattern): each test starts a
 * real mock server on port 0, runs the model against it and checks the outcomes against what the server says it
 * sent, never against wall time.
 *
 * <p>A subclass supplies the model and says whether it is concurrent; a sequential model gets the same checks with
 * a handful of items, since it does one request at a time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class DownloadContract {

    /** Fluent Python's flags2 default: the 20 most populous countries. */
    protected static final List<String> DEFAULT_FLAGS = List.of("CN", "IN", "US", "ID", "BR", "PK", "NG", "BD", "RU",
            "JP", "MX", "PH", "VN", "ET", "EG", "DE", "IR", "TR", "CD", "FR");

    /** Two-letter codes that are no ISO 3166 country (user-assigned), which the server answers with 404. */
    protected static final List<String> UNKNOWN_CODES = List.of("ZZ", "QQ");

    /** The servers of the running test, stopped after it. */
    @RegisterExtension
    protected final MockServers servers = new MockServers();

    /** The model under test. */
    protected abstract ConcurrencyModel model();

    /** Whether the model runs up to C requests at once; false for a one-at-a-time model. */
    protected abstract boolean concurrent();

    /** {@code forConcurrent} for a concurrent model, else the smaller {@code forSequential}. */
    protected int size(int forConcurrent, int forSequential) {
        return concurrent() ? forConcurrent : forSequential;
    }

    @Test
    void model_isRegistered_underItsName_withItsTraits() {
        ConcurrencyModel model = model();

        assertThat(ConcurrencyModels.byName(model.name()))
                .as("META-INF/services registers the model under its name")
                .isInstanceOf(model.getClass());
        assertThat(model.name()).as("the name is usable on a command line").matches("[a-z0-9]+(-[a-z0-9]+)*");
        assertThat(model.summary()).as("the summary is one line").isNotBlank().doesNotContain("\n");
        assertThat(model.traits()).as("Table 1's rows are given").isNotNull();
    }

    @Test
    void defaultFlags_allOk_withTheServersBytes() throws Exception {
        MockServer server = servers.start(FaultProfile.NONE);
        int c = 4;
        DownloadJob job = job(server, Workload.FLAGS, DEFAULT_FLAGS, c);

        DownloadResult result = model().download(job);

        assertThatCode(() -> result.validate(job)).as("one outcome per item, in order, adding up").doesNotThrowAnyException();
        assertThat(result.count(Status.OK)).as("every default flag is downloaded").isEqualTo(DEFAULT_FLAGS.size());
        for (ItemOutcome o : result.outcomes()) {
            assertOk(o, server.content().flagGif(o.item()));
            assertThat(o.detail()).as("%s is named by its code", o.item()).isEqualTo(o.item() + ".gif");
        }
        assertThat(server.stats().count("flag", 200)).as("one request per flag, as the server counted")
                .isEqualTo(DEFAULT_FLAGS.size());
        assertFairSettings(result, c);
    }

    @Test
    void flags_withOutputDir_writeEachFileWithTheServersBytes(@TempDir Path dir) throws Exception {
        MockServer server = servers.start(FaultProfile.NONE);
        List<String> items = DEFAULT_FLAGS.subList(0, 6);

        DownloadResult result = model().download(job(server, Workload.FLAGS, items, 3).withOutputDir(dir));

        assertThat(result.count(Status.OK)).as("every flag is downloaded").isEqualTo(items.size());
        for (String cc : items) {
            assertThat(dir.resolve(cc + ".gif")).as("%s.gif holds the server's bytes", cc)
                    .hasBinaryContent(server.content().flagGif(cc));
        }
    }

    @Test
    void unknownCodes_areNotFound_amongGoodOnes() throws Exception {
        MockServer server = servers.start(FaultProfile.NONE);
        assertThat(UNKNOWN_CODES).as("the unknown codes are neither ISO 3166 countries nor served")
                .doesNotContainAnyElementsOf(Arrays.asList(Locale.getISOCountries()))
                .doesNotContainAnyElementsOf(server.content().countryCodes());
        List<String> items = List.of("BR", "ZZ", "CN", "QQ", "US", "ZZ", "IN");

        DownloadResult result = model().download(job(server, Workload.FLAGS, items, 3));

        for (ItemOutcome o : result.outcomes()) {
            if (UNKNOWN_CODES.contains(o.item())) {
                assertThat(o.status()).as("%s is not found", o.item()).isEqualTo(Status.NOT_FOUND);
            } else {
                assertOk(o, server.content().flagGif(o.item()));
            }
        }
        assertThat(server.stats().count("flag", 404)).as("the server answered 404 once per unknown item").isEqualTo(3);
    }

    /**
     * Fluent Python's flags2 examples once let an error outlive its item. The server draws its faults from its fixed
     * seed and each request's sequence number, so the same requests fail on every run. Every item is a distinct country:
     * an OK item carries its own flag's bytes, so the server answered that request 200; and as many items are OK
     * as the server sent 200s, so every item the server answered 200 is OK: no error leaked into it.
     */
    @Test
    void serverErrors_areCountedLikeTheServer_andNeverLeakIntoOtherItems() throws Exception {
        MockServer server = servers.start(new FaultProfile(DelaySpec.none(), 0.3, 500, 0, 0));
        List<String> items = server.content().countryCodes().subList(0, 60);

        DownloadResult result = model().download(job(server, Workload.FLAGS, items, 8));

        assertThat(result.count(Status.ERROR)).as("the fault pattern has errors, so this test can fail").isPositive();
        MockStats stats = server.stats();
        assertAccountedLikeTheServer(result, stats, stats.count("flag", 500), "500s");
        assertEachOkOrError(result, server.content(),
                detail -> assertThat(detail).as("the error names the status").isEqualTo("HTTP 500 Internal Server Error"));
    }

    /** Fluent Python's ERROR server (port 8002): after 0.5 s, a quarter of the requests answered 418 I'm a Teapot. */
    @Test
    void errorPreset_accountsEveryRequest_likeTheServer() throws Exception {
        MockServer server = servers.start(Preset.ERROR.profile());
        List<String> items = server.content().countryCodes().subList(0, size(40, 2));

        DownloadResult result = model().download(job(server, Workload.FLAGS, items, 20));

        MockStats stats = server.stats();
        assertAccountedLikeTheServer(result, stats, stats.count("flag", 418), "418s");
        assertEachOkOrError(result, server.content(),
                detail -> assertThat(detail).as("the error names the status").isEqualTo("HTTP 418 I'm a Teapot"));
    }

    @Test
    void connectionResets_areErrors_namingTheException() throws Exception {
        MockServer server = servers.start(new FaultProfile(DelaySpec.none(), 0, 500, 0.3, 0));
        List<String> items = server.content().countryCodes().subList(0, 40);

        DownloadResult result = model().download(job(server, Workload.FLAGS, items, 8));

        MockStats stats = server.stats();
        assertThat(stats.resetsInjected()).as("the server reset some connections, so this test can fail").isPositive();
        assertAccountedLikeTheServer(result, stats, stats.resetsInjected(), "connections the server reset");
        assertEachOkOrError(result, server.content(), detail -> assertThat(detail)
                .as("the error names the exception's class").matches("[A-Z]\\w*(Exception|Error)\\b.*"));
    }

    @Test
    void delayBeyondTheTimeout_timesOutEveryItem() throws Exception {
        MockServer server = servers.start(FaultProfile.delay(Duration.ofSeconds(2)));
        List<String> items = DEFAULT_FLAGS.subList(0, size(8, 2));
        DownloadJob job = job(server, Workload.FLAGS, items, 4).withTimeout(Duration.ofMillis(200));

        DownloadResult result = model().download(job);

        assertThat(result.outcomes()).as("every item timed out, none hung")
                .extracting(ItemOutcome::status).containsOnly(Status.TIMEOUT);
        assertThat(server.stats().count("flag", 200)).as("no response came back within the timeout").isZero();
    }

    /**
     * Four waves of C: the limit must hold as permits are released and taken again. The connection pool allows 2 C
     * here, so that it is the model, not the pool, that keeps to C. The server holds its first answers until C
     * requests are in flight, so that reaching C is proved whatever the machine's speed: a model that never gets there
     * leaves its items to time out.
     */
    @Test
    void concurrencyLimit_isHonoured_asTheServerSawIt() throws Exception {
        MockServer server = servers.start(FaultProfile.delay(Duration.ofMillis(100)));
        int c = 50;
        server.holdUntilInFlight(concurrent() ? c : 1);
        List<String> items = cycle(DEFAULT_FLAGS, size(4 * c, 2));
        DownloadJob job = job(server, Workload.FLAGS, items, c);
        DownloadJob poolAllowsTwiceC = job.withHttp(HttpSettings.forJob(2 * c, job.timeout()));

        DownloadResult result = model().download(poolAllowsTwiceC);

        assertThat(result.count(Status.OK)).as("every item is downloaded: %s", result.counts()).isEqualTo(items.size());
        assertPeakInFlight(server.stats(), c);
    }

    @Test
    void interrupt_cancelsTheRest_andReturnsPromptly() throws Exception {
        MockServer server = servers.start(FaultProfile.delay(Duration.ofMillis(300)));
        int c = 4;
        CountDownLatch firstDone = new CountDownLatch(1);
        DownloadJob job = job(server, Workload.FLAGS, cycle(DEFAULT_FLAGS, size(40, 10)), c)
                .withListener(outcome -> firstDone.countDown());

        BackgroundDownload download = BackgroundDownload.start(model(), job);
        assertThat(firstDone.await(20, TimeUnit.SECONDS)).as("a first item finished").isTrue();
        DownloadResult result = download.interruptAndAwait(Duration.ofSeconds(20));

        assertThatCode(() -> result.validate(job)).as("the outcomes still add up to N").doesNotThrowAnyException();
        assertThat(result.count(Status.ERROR) + result.count(Status.TIMEOUT))
                .as("the abort caused no error or timeout: %s", result.counts()).isZero();
        assertThat(result.count(Status.CANCELLED)).as("the unfinished items are cancelled")
                .isGreaterThanOrEqualTo(job.items().size() - 2 * c);
        assertThat(result.count(Status.OK))
                .as("only items done by the interrupt are OK: requests in flight were aborted, not awaited"
                        + " (a one-at-a-time model finishes the request on its own thread)")
                .isLessThanOrEqualTo(concurrent() ? c : 2);
    }

    @Test
    void peps_titlesParsed_andMissingNumberIsNotFound() throws Exception {
        MockServer server = servers.start(FaultProfile.NONE);
        MockContent content = server.content();
        List<Integer> served = content.pepNumbers();
        int missing = firstMissing(served);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            items.add(Integer.toString(served.get(i * (served.size() - 1) / 7)));
        }
        items.add(3, Integer.toString(missing));

        DownloadResult result = model().download(job(server, Workload.PEPS, items, 3));

        for (ItemOutcome o : result.outcomes()) {
            int number = Integer.parseInt(o.item());
            if (number == missing) {
                assertThat(o.status()).as("PEP %d does not exist", number).isEqualTo(Status.NOT_FOUND);
            } else {
                assertOk(o, content.pepPage(number));
                assertThat(o.detail()).as("PEP %d's title is parsed", number).isEqualTo(content.pepTitle(number));
            }
        }
        assertThat(server.stats().count("pep", 404)).as("one 404, for the missing number").isEqualTo(1);
    }

    @Test
    void flagsWithMetadata_nameFilesAfterTheCountry_withTheServersBytes(@TempDir Path dir) throws Exception {
        MockServer server = servers.start(FaultProfile.NONE);
        List<String> items = DEFAULT_FLAGS.subList(0, 6);

        DownloadResult result = model().download(job(server, Workload.FLAGS_METADATA, items, 3).withOutputDir(dir));

        for (ItemOutcome o : result.outcomes()) {
            byte[] gif = server.content().flagGif(o.item());
            assertOk(o, gif);
            assertThat(o.detail()).as("%s is saved under the name its metadata gives", o.item())
                    .isEqualTo(countryFileName(server.content(), o.item()))
                    .startsWith(server.content().countryName(o.item()).split(" ")[0]);
            assertThat(dir.resolve(o.detail())).as("%s holds the server's bytes", o.detail()).hasBinaryContent(gif);
        }
    }

    @Test
    void flagsWithMetadata_sendTwoRequestsPerFoundItem_andOnePerUnknown() throws Exception {
        MockServer server = servers.start(FaultProfile.NONE);
        List<String> items = List.of("BR", "ZZ", "CN", "US", "QQ", "IN", "JP");

        DownloadResult result = model().download(job(server, Workload.FLAGS_METADATA, items, 3));

        MockStats stats = server.stats();
        assertThat(result.count(Status.OK)).as("the five countries are found").isEqualTo(5);
        assertThat(result.count(Status.NOT_FOUND)).as("the two unknown codes are not").isEqualTo(2);
        assertThat(stats.count("metadata", 200)).as("one metadata request per found item").isEqualTo(5);
        assertThat(stats.count("metadata", 404)).as("one metadata request per unknown item").isEqualTo(2);
        assertThat(stats.count("flag", 200)).as("then one flag request per found item").isEqualTo(5);
        assertThat(stats.count("flag")).as("no flag request for an unknown item").isEqualTo(5);
    }

    /**
     * A thousand requests in flight, then cancelled. The server holds each request 30 s, longer than the test waits:
     * on the shared 2-core machine, at a load average of 13, getting 900 requests in flight took platform threads
     * 5.7 to 8.5 s (virtual threads 1.8 s), so a short delay would measure how fast C is reached (the benchmark's
     * job) rather than whether it is. The per-request timeout is 60 s, past the wait. The test ends as soon as the
     * target is in flight, by interrupting the caller, which also proves that a thousand requests in flight are
     * aborted without an error. A one-at-a-time model gets three items of 300 ms.
     */
    @Test
    void scale_aThousandInFlight_whenConcurrent() throws Exception {
        MockServer server = servers.start(FaultProfile.delay(concurrent() ? Duration.ofSeconds(30) : Duration.ofMillis(300)));
        int c = 1_000;
        int target = concurrent() ? c : 1;
        DownloadJob job = job(server, Workload.FLAGS, cycle(DEFAULT_FLAGS, size(2 * c, 3)), c)
                .withTimeout(Duration.ofSeconds(60));

        BackgroundDownload download = BackgroundDownload.start(model(), job);
        awaitInFlight(server, target, download);
        DownloadResult result = download.interruptAndAwait(Duration.ofSeconds(20));

        assertThat(server.stats().peakInFlight()).as("at least %d requests were in flight at once", target)
                .isGreaterThanOrEqualTo(target);
        assertPeakInFlight(server.stats(), c);
        assertThatCode(() -> result.validate(job)).as("the outcomes still add up to N").doesNotThrowAnyException();
        assertThat(result.count(Status.ERROR) + result.count(Status.TIMEOUT))
                .as("aborting them caused no error or timeout: %s", result.counts()).isZero();
        assertFairSettings(result, c);
    }

    /**
     * C = 1,000 against a 100 ms delay, ten rounds of items, run to the end: exactly C requests in flight at once as
     * the server saw them, every item accounted like the server. The server holds its first answers until C requests
     * are in flight, so that the figure does not depend on how fast the machine starts requests (how fast it does is
     * the benchmark's measurement); a model that cannot hold C at once leaves its items to time out.
     */
    @Test
    void scale_aThousandInFlight_against100msDelay_tenThousandItems_allAccounted() throws Exception {
        Assumptions.assumeTrue(concurrent(), "a one-at-a-time model would take 1,000 s");
        int c = 1_000;
        List<String> items = cycle(DEFAULT_FLAGS, 10 * c);
        MockServer server = servers.start(FaultProfile.delay(Duration.ofMillis(100)));
        server.holdUntilInFlight(c);
        DownloadJob job = job(server, Workload.FLAGS, items, c).withTimeout(Duration.ofSeconds(30));

        DownloadResult result = model().download(job).validate(job);

        assertThat(server.stats().peakInFlight()).as("C requests in flight at once, never more").isEqualTo(c);
        assertThat(result.count(Status.OK)).as("every item downloaded: %s", result.counts()).isEqualTo(10 * c);
        assertThat(server.stats().count("flag", 200)).as("the server sent each of them once").isEqualTo(10L * c);
        assertFairSettings(result, c);
    }

    /**
     * A session runs several jobs on the same connections (the server accepts no more than C over all of them), and
     * every job accounts for its items like the server.
     */
    @Test
    void session_runsManyJobs_onTheSameConnections() throws Exception {
        MockServer server = servers.start(FaultProfile.NONE);
        int c = concurrent() ? 8 : 1;
        List<String> items = cycle(DEFAULT_FLAGS, size(40, 5));
        DownloadJob job = job(server, Workload.FLAGS, items, c);
        try (Session session = model().open(SessionConfig.of(job))) {
            for (int round = 0; round < 3; round++) {
                DownloadResult result = session.download(job).validate(job);
                assertThat(result.count(Status.OK)).as("job %d: every item downloaded", round).isEqualTo(items.size());
            }
        }
        assertThat(server.stats().count("flag", 200)).as("the server sent every item of the three jobs")
                .isEqualTo(3L * items.size());
        assertThat(server.stats().connections()).as("the session kept its connections between jobs")
                .isLessThanOrEqualTo(c);
    }

    @Test
    void session_refusesAJobOfAnotherConcurrency() throws Exception {
        MockServer server = servers.start(FaultProfile.NONE);
        DownloadJob job = job(server, Workload.FLAGS, DEFAULT_FLAGS, 4);
        try (Session session = model().open(SessionConfig.of(job))) {
            assertThatCode(() -> session.download(job.withMaxConcurrency(5)))
                    .as("a session serves jobs of its own C").isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxConcurrency").hasMessageContaining("4").hasMessageContaining("5");
        }
        assertThat(server.stats().count("flag")).as("nothing was sent").isZero();
    }

    /** Polls the server, bounded, until {@code target} requests are in flight or the download has returned. */
    private static void awaitInFlight(MockServer server, int target, BackgroundDownload download)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.stats().inFlight() < target && download.running() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** A job against {@code server} with concurrency {@code c} and the default 10-second timeout. */
    protected static DownloadJob job(MockServer server, Workload workload, List<String> items, int c) {
        return DownloadJob.of(server.baseUrl(), workload, items).withMaxConcurrency(c);
    }

    /** {@code n} items taken from {@code codes} in turn. */
    protected static List<String> cycle(List<String> codes, int n) {
        return DownloadJob.cycle(codes, n);
    }

    /** Asserts that {@code o} is OK with exactly {@code body}'s length and CRC-32. */
    protected static void assertOk(ItemOutcome o, byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        assertThat(o.status()).as("%s is OK (%s)", o.item(), o.detail()).isEqualTo(Status.OK);
        assertThat(o.bytes()).as("%s has the server's byte count", o.item()).isEqualTo(body.length);
        assertThat(o.checksum()).as("%s has the server's CRC-32", o.item()).isEqualTo(crc.getValue());
    }

    /** Asserts that OK items are the server's 200s, ERROR items are {@code serverErrors}, and nothing else happened. */
    protected static void assertAccountedLikeTheServer(DownloadResult result, MockStats stats, long serverErrors,
                                                       String what) {
        assertThat(result.count(Status.OK)).as("OK items == the 200s the server sent").isEqualTo(stats.count("flag", 200));
        assertThat(result.count(Status.ERROR)).as("ERROR items == the %s", what).isEqualTo(serverErrors);
        assertThat(result.count(Status.OK) + result.count(Status.ERROR)).as("nothing else happened")
                .isEqualTo(result.outcomes().size());
    }

    /** Asserts that each OK item has its own flag's bytes, and passes each ERROR item's detail to {@code errorDetail}. */
    protected static void assertEachOkOrError(DownloadResult result, MockContent content, Consumer<String> errorDetail) {
        for (ItemOutcome o : result.outcomes()) {
            if (o.status() == Status.ERROR) {
                errorDetail.accept(o.detail());
            } else {
                assertOk(o, content.flagGif(o.item()));
            }
        }
    }

    /** Asserts the limit as the server saw it: exactly C in flight at the peak (1 for a one-at-a-time model). */
    protected void assertPeakInFlight(MockStats stats, int c) {
        assertThat(stats.peakInFlight()).as("C requests in flight at once, never more").isEqualTo(concurrent() ? c : 1);
    }

    private static void assertFairSettings(DownloadResult result, int c) {
        assertThat(result.clientSettings()).as("the client settings are reported").isNotEmpty().containsKey("maxConnections");
        assertThat(Integer.parseInt(result.clientSettings().get("maxConnections")))
                .as("the connection pool allows C connections (fairness)").isGreaterThanOrEqualTo(c);
    }

    private static String countryFileName(MockContent content, String cc) throws IOException {
        return Downloads.countryFileName(new Response(200, "OK", content.metadataJson(cc)));
    }

    private static int firstMissing(List<Integer> served) {
        int n = 1;
        while (served.contains(n)) {
            n++;
        }
        return n;
    }
}
