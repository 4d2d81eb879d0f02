package dev.flagbench.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Downloads;
import dev.flagbench.core.ItemOutcome;
import dev.flagbench.core.Status;
import dev.flagbench.core.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the contract does not cover: the client's applied settings, one loop thread holding every request, exactly C
 * in flight, no retry, name resolution and file writes off the loop; against a small reactor-netty server, with
 * BlockHound watching every event loop.
 */
@ExtendWith(NoBlockingCalls.class)
class ReactiveModelTest {
    private final ConcurrencyModel reactive = new ReactiveModel();
    private final ConcurrencyModel oneLoop = new ReactiveOneLoopModel();

    @Test
    void traits_tellTheMultiLoopFromTheOneLoop() {
        assertThat(reactive.traits().processing()).as("reactive runs a loop thread per core")
                .isEqualTo("event loop on " + Runtime.getRuntime().availableProcessors() + " threads (one per core)");
        assertThat(oneLoop.traits().processing()).as("reactive-1loop is asyncio's single thread")
                .isEqualTo("single-thread event loop");
    }

    @Test
    void flags_accountEveryItem_likeTheServer() throws Exception {
        try (StubServer server = StubServer.start()) {
            DownloadJob job = DownloadJob.of(server.baseUrl(), Workload.FLAGS, List.of("br", "ZZ", "EE", "cn", "RS", "in"))
                    .withMaxConcurrency(3);

            DownloadResult result = reactive.download(job).validate(job);

            assertThat(result.outcomes()).as("statuses in item order")
                    .extracting(ItemOutcome::status)
                    .containsExactly(Status.OK, Status.NOT_FOUND, Status.ERROR, Status.OK, Status.ERROR, Status.OK);
            assertThat(result.outcomes().getFirst()).as("the body read is the body served")
                    .returns((long) StubServer.gif("BR").length, ItemOutcome::bytes)
                    .returns(Downloads.crc32(StubServer.gif("BR")), ItemOutcome::checksum)
                    .returns("BR.gif", ItemOutcome::detail);
            assertThat(result.outcomes()).as("every finished item has a latency")
                    .allSatisfy(o -> assertThat(o.latencyNanos()).isPositive());
            assertThat(server.count("flag", 200)).as("OK items = 200s served").isEqualTo(result.count(Status.OK));
            assertThat(server.count("flag", 404)).as("NOT_FOUND items = 404s served").isEqualTo(result.count(Status.NOT_FOUND));
            assertThat(server.totalRequests()).as("one request per item, whatever its fate")
                    .isEqualTo(job.items().size());
        }
    }

    @Test
    void hostName_isResolvedByNettysResolver_withoutBlockingTheLoop() throws Exception {
        try (StubServer server = StubServer.start()) {
            java.net.URI byName = java.net.URI.create("http://localhost:" + server.baseUrl().getPort() + "/");
            DownloadJob job = DownloadJob.of(byName, Workload.FLAGS, List.of("BR", "CN")).withMaxConcurrency(2);

            DownloadResult result = reactive.download(job).validate(job);

            assertThat(result.count(Status.OK)).as("localhost resolved (hosts file read) and both items fetched")
                    .isEqualTo(2);
        }
    }

    @Test
    void closedConnection_isThatItemsError_andOneRequest() throws Exception {
        try (StubServer server = StubServer.start()) {
            DownloadJob job = DownloadJob.of(server.baseUrl(), Workload.FLAGS, List.of("AA", "RS", "BB", "RS"));

            DownloadResult result = oneLoop.download(job).validate(job);

            assertThat(result.outcomes()).as("the closed connection is the item's error, the next item goes on")
                    .extracting(ItemOutcome::status)
                    .containsExactly(Status.OK, Status.ERROR, Status.OK, Status.ERROR);
            assertThat(server.count("flag", 0)).as("each closed connection was one request, not retried")
                    .isEqualTo(2);
            assertThat(server.totalRequests()).as("requests the server saw = items").isEqualTo(4);
            assertThat(result.clientSettings()).as("the applied settings are described")
                    .containsEntry("retries", "off (disableRetry)")
                    .containsEntry("loopThreads", "1")
                    .containsEntry("maxConnections", "1")
                    .containsEntry("pendingAcquireMaxCount", "1") // C: flatMap(C) never has more waiting
                    .containsEntry("protocol", "HTTP/1.1")
                    .containsEntry("client", "reactor-netty HttpClient 1.3.8");
        }
    }

    @Test
    void flagsWithMetadata_chainsTheTwoRequests_andSavesOffTheEventLoop(@TempDir Path dir) throws Exception {
        try (StubServer server = StubServer.start()) {
            DownloadJob job = DownloadJob.of(server.baseUrl(), Workload.FLAGS_METADATA, List.of("BR", "ZZ", "DE"))
                    .withMaxConcurrency(3).withOutputDir(dir);

            DownloadResult result = reactive.download(job).validate(job);

            assertThat(result.outcomes()).as("404 on metadata ends the item; the others are saved by country name")
                    .extracting(ItemOutcome::status, ItemOutcome::detail)
                    .containsExactly(
                            tuple(Status.OK, "Country_BR.gif"),
                            tuple(Status.NOT_FOUND, "HTTP 404 Not Found"),
                            tuple(Status.OK, "Country_DE.gif"));
            assertThat(Files.readAllBytes(dir.resolve("Country_BR.gif"))).as("the file holds the GIF served")
                    .isEqualTo(StubServer.gif("BR"));
            assertThat(server.count("metadata", 200) + server.count("metadata", 404)).as("one metadata per item")
                    .isEqualTo(3);
            assertThat(server.count("flag", 200)).as("a flag only after a good metadata").isEqualTo(2);
            assertThat(result.clientSettings()).as("file writes are said to run on boundedElastic")
                    .containsEntry("fileWrites", "Schedulers.boundedElastic()");
            assertThat(BlockHoundSession.violations()).as("the file writes never ran on an event loop").isEmpty();
        }
    }

    @Test
    void peps_parseTheTitle_andSaveThePage(@TempDir Path dir) throws Exception {
        try (StubServer server = StubServer.start()) {
            DownloadJob job = DownloadJob.of(server.baseUrl(), Workload.PEPS, List.of("8", "20", "0484"))
                    .withMaxConcurrency(2).withOutputDir(dir);

            DownloadResult result = oneLoop.download(job).validate(job);

            assertThat(result.outcomes()).as("the title is each page's")
                    .extracting(ItemOutcome::detail)
                    .containsExactly(StubServer.pepTitle(8), StubServer.pepTitle(20), StubServer.pepTitle(484));
            assertThat(dir.resolve("pep-0484.html")).as("the page is saved under its PEP name").exists();
        }
    }

    @Test
    void oneLoop_handlesEveryResponse_onOneThread() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (StubServer server = StubServer.gatedAt(100)) {
            List<String> items = IntStream.range(0, 100).mapToObj(i -> "B" + (char) ('A' + i % 26)).toList();
            DownloadJob job = DownloadJob.of(server.baseUrl(), Workload.FLAGS, items).withMaxConcurrency(100)
                    .withListener(o -> threads.add(Thread.currentThread().getName()));

            DownloadResult result = oneLoop.download(job).validate(job);

            assertThat(result.count(Status.OK)).as("every item downloaded").isEqualTo(100);
            assertThat(server.peakInFlight()).as("one thread held all 100 requests in flight").isEqualTo(100);
            assertThat(threads).as("every outcome came from the one loop thread").hasSize(1)
                    .allSatisfy(name -> assertThat(name).startsWith("flagbench-1loop"));
        }
    }

    @Test
    void concurrency_isExactlyC_asTheServerSawIt() throws Exception {
        try (StubServer server = StubServer.gatedAt(150)) {
            List<String> items = IntStream.range(0, 300).mapToObj(i -> "C" + (char) ('A' + i % 26)).toList();
            DownloadJob job = DownloadJob.of(server.baseUrl(), Workload.FLAGS, items).withMaxConcurrency(150);

            DownloadResult result = reactive.download(job).validate(job);

            assertThat(result.count(Status.OK)).as("every item downloaded").isEqualTo(300);
            assertThat(server.peakInFlight()).as("flatMap(..., C) keeps C in flight, never more").isEqualTo(150);
        }
    }

    @Test
    void noReply_withinTheTimeout_isTimeout_andOneRequestPerItem() throws Exception {
        try (StubServer server = StubServer.start()) {
            DownloadJob job = DownloadJob.of(server.baseUrl(), Workload.FLAGS, List.of("HG", "BR", "HG"))
                    .withMaxConcurrency(3).withTimeout(Duration.ofMillis(300));

            DownloadResult result = reactive.download(job).validate(job);

            assertThat(result.outcomes()).as("the hanging items time out, the other is OK")
                    .extracting(ItemOutcome::status)
                    .containsExactly(Status.TIMEOUT, Status.OK, Status.TIMEOUT);
            assertThat(server.totalRequests()).as("a timed-out request is not retried").isEqualTo(3);
        }
    }
}
