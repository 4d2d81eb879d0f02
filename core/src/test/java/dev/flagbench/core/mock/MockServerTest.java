package dev.flagbench.core.mock;

import static dev.flagbench.core.mock.StatsPolling.awaitStats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flagbench.core.Downloads;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockServerTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    private MockServer start(MockServerConfig config) throws IOException {
        MockServer server = MockServer.start(config);
        toClose.add(server);
        return server;
    }

    private MockServer start(FaultProfile faults) throws IOException {
        return start(MockServerConfig.loopback(faults));
    }

    private HttpClient client() {
        HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        toClose.add(c);
        return c;
    }

    private RawHttp raw(MockServer server) throws IOException {
        RawHttp r = new RawHttp(server.address());
        toClose.add(r);
        return r;
    }

    private static HttpResponse<byte[]> get(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> post(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).header(MockServerConfig.RESET_TOKEN_HEADER, "test")
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI flag(MockServer s, String cc) {
        return Downloads.flagUri(s.baseUrl(), cc);
    }

    @Test
    void servesFlagsMetadataAndPeps_asTheContentHasThem_andCountsEveryBodyByte() throws Exception {
        MockServer server = start(FaultProfile.NONE);
        HttpClient client = client();
        MockContent content = server.content();
        long bytes = 0;
        for (String cc : List.of("BR", "CN", "US")) {
            HttpResponse<byte[]> gif = get(client, flag(server, cc));
            assertThat(gif.statusCode()).as("flag %s status", cc).isEqualTo(200);
            assertThat(gif.headers().firstValue("content-type")).as("flag content type").hasValue("image/gif");
            assertThat(gif.body()).as("flag %s bytes", cc).isEqualTo(content.flagGif(cc));
            HttpResponse<byte[]> meta = get(client, Downloads.metadataUri(server.baseUrl(), cc));
            assertThat(meta.headers().firstValue("content-type")).as("metadata content type").hasValue("application/json");
            assertThat(meta.body()).as("metadata %s bytes", cc).isEqualTo(content.metadataJson(cc));
            bytes += gif.body().length + meta.body().length;
        }
        HttpResponse<byte[]> pep = get(client, Downloads.pepUri(server.baseUrl(), "8"));
        assertThat(pep.statusCode()).as("PEP 8 status").isEqualTo(200);
        assertThat(pep.headers().firstValue("content-type")).as("PEP content type").hasValue("text/html; charset=utf-8");
        assertThat(new String(pep.body(), StandardCharsets.UTF_8)).as("PEP 8 page")
                .contains("<title>PEP 8 \u2013 Style Guide for Python Code</title>");
        bytes += pep.body().length;

        MockStats stats = awaitStats(server, s -> s.inFlight() == 0);
        assertThat(stats.count("flag", 200)).as("flags served").isEqualTo(3);
        assertThat(stats.count("metadata", 200)).as("metadata served").isEqualTo(3);
        assertThat(stats.count("pep", 200)).as("PEPs served").isEqualTo(1);
        assertThat(stats.totalRequests()).as("requests read").isEqualTo(7);
        assertThat(stats.bytesSent()).as("body bytes, as the client received them").isEqualTo(bytes);
        assertThat(stats.connections()).as("one kept-alive connection for seven requests").isEqualTo(1);
    }

    @Test
    void unknownCodesPepsPathsAndUpperCase_give404_countedByTheKindTheyLookLike() throws Exception {
        MockServer server = start(FaultProfile.NONE);
        HttpClient client = client();
        URI base = server.baseUrl();
        for (String path : List.of("flags/xx/xx.gif", "flags/BR/BR.gif", "flags/br/us.gif", "flags/zz/metadata.json",
                "peps/pep-0000/", "peps/pep-3201/", "peps/pep-0008", "favicon.ico", "")) {
            assertThat(get(client, base.resolve(path)).statusCode()).as("GET /%s", path).isEqualTo(404);
        }
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(flag(server, "br")).PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as("PUT of a flag").isEqualTo(405);
        MockStats stats = awaitStats(server, s -> s.inFlight() == 0);
        assertThat(stats.count("flag", 404)).as("flag-shaped 404s (unknown, upper case, mismatched)").isEqualTo(3);
        assertThat(stats.count("metadata", 404)).as("metadata 404s").isEqualTo(1);
        assertThat(stats.count("pep", 404)).as("PEP 404s (unknown numbers, no trailing slash)").isEqualTo(3);
        assertThat(stats.count("other", 404)).as("other 404s").isEqualTo(2);
        assertThat(stats.count("flag", 405)).as("the PUT").isEqualTo(1);
    }

    @Test
    void statsEndpoint_returnsTheCountersAsJson_isNotCounted_andResetZeroesThemAndThePeak() throws Exception {
        MockServer server = start(FaultProfile.NONE);
        HttpClient client = client();
        get(client, flag(server, "fr"));
        get(client, flag(server, "xx"));
        HttpResponse<byte[]> json = get(client, server.baseUrl().resolve("__stats"));
        assertThat(json.headers().firstValue("content-type")).as("stats content type").hasValue("application/json");
        MockStats stats = MockStats.fromJson(new String(json.body(), StandardCharsets.UTF_8));
        assertThat(stats.totalRequests()).as("requests before /__stats; itself not counted").isEqualTo(2);
        assertThat(stats.count("flag", 200)).as("the flag served, as JSON").isEqualTo(1);
        assertThat(stats.count("flag", 404)).as("the 404, as JSON").isEqualTo(1);
        assertThat(stats.peakInFlight()).as("peak of sequential requests").isEqualTo(1);
        assertThat(stats.bytesSent()).as("bytes, as JSON").isEqualTo(server.content().flagGif("FR").length + "404 Not Found\n".length());

        HttpResponse<String> reset = post(client, server.baseUrl().resolve("__stats/reset"));
        assertThat(MockStats.fromJson(reset.body()).totalRequests()).as("reset returns the stats it zeroed").isEqualTo(2);
        MockStats after = MockStats.fromJson(new String(get(client, server.baseUrl().resolve("__stats")).body(), StandardCharsets.UTF_8));
        assertThat(after).as("after reset everything is zero").isEqualTo(new MockStats(0, null, 0, 0, 0, 0, 0, 0));
        assertThat(get(client, server.baseUrl().resolve("__stats/nothing")).statusCode()).as("unknown admin path").isEqualTo(404);
        assertThat(server.stats().totalRequests()).as("admin requests are never counted").isZero();
    }

    @Test
    void errorRate_isExactlyWhatTheSeedDecides_andTheSameForTheSameSeed() throws Exception {
        FaultProfile faults = FaultProfile.NONE.withErrors(0.25, 500);
        int n = 400;
        long expected = 0;
        Faults decisions = new Faults(faults, 42);
        for (long seq = 0; seq < n; seq++) {
            expected += decisions.decide(seq).action() == Faults.Action.ERROR ? 1 : 0;
        }
        List<List<Integer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            MockServer server = start(faults);
            HttpClient client = client();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                statuses.add(get(client, server.baseUrl().resolve("flags/br/metadata.json")).statusCode());
            }
            MockStats stats = awaitStats(server, s -> s.inFlight() == 0);
            long clientErrors = statuses.stream().filter(s -> s == 500).count();
            assertThat(clientErrors).as("500s the client saw, run %d", run).isEqualTo(expected);
            assertThat(stats.count("metadata", 500)).as("500s the server counted, run %d", run).isEqualTo(expected);
            assertThat(stats.count("metadata", 200)).as("200s the server counted, run %d", run).isEqualTo(n - expected);
            assertThat(stats.totalRequests()).as("requests read, run %d", run).isEqualTo(n);
            runs.add(statuses);
        }
        assertThat(runs.get(1)).as("the same seed gives the same statuses in the same order").isEqualTo(runs.get(0));
        assertThat(expected).as("about a quarter of %d", n).isBetween(70L, 130L);
    }

    @Test
    void resets_areSeenByTheClientAsResets_andCountedApartFromStatuses() throws Exception {
        FaultProfile faults = FaultProfile.NONE.withResetRate(0.2);
        MockServer server = start(faults);
        int n = 150;
        int resetsSeen = 0;
        int answers = 0;
        for (int i = 0; i < n; i++) {
            try (RawHttp http = new RawHttp(server.address())) {
                http.send(RawHttp.get("/flags/br/metadata.json"));
                try {
                    assertThat(http.read().status()).as("an answered request").isEqualTo(200);
                    answers++;
                } catch (SocketException e) {
                    assertThat(e.getMessage()).as("what the client saw").containsIgnoringCase("reset");
                    resetsSeen++;
                }
            }
        }
        long expected = 0;
        Faults decisions = new Faults(faults, 42);
        for (long seq = 0; seq < n; seq++) {
            expected += decisions.decide(seq).action() == Faults.Action.RESET ? 1 : 0;
        }
        MockStats stats = awaitStats(server, s -> s.inFlight() == 0 && s.answered() + s.resetsInjected() == n);
        assertThat(resetsSeen).as("resets the client saw").isEqualTo(expected);
        assertThat(stats.resetsInjected()).as("resets the server injected").isEqualTo(expected);
        assertThat(stats.count("metadata", 200)).as("answers counted").isEqualTo(answers).isEqualTo(n - expected);
        assertThat(stats.answered()).as("a reset is not a status").isEqualTo(n - expected);
        assertThat(stats.abandoned()).as("nothing abandoned").isZero();
    }

    @Test
    void slowBody_isWrittenInPacedChunks_ofATwentiethOfTheRate() throws Exception {
        MockServer server = start(FaultProfile.NONE.withSlowBody(20_000));
        MockContent content = server.content();
        String smallest = content.countryCodes().stream()
                .min((a, b) -> Integer.compare(content.flagGif(a).length, content.flagGif(b).length)).orElseThrow();
        byte[] gif = content.flagGif(smallest);
        RawHttp http = raw(server);
        http.send(RawHttp.get(flag(server, smallest).getRawPath()));
        RawHttp.Reply reply = http.read();
        assertThat(reply.body()).as("the paced body arrives intact").isEqualTo(gif);
        MockStats stats = awaitStats(server, s -> s.inFlight() == 0);
        assertThat(server.slowChunks()).as("chunks of 1,000 bytes written").isEqualTo((gif.length + 999) / 1000);
        assertThat(stats.bytesSent()).as("body bytes").isEqualTo(gif.length);
        assertThat(stats.count("flag", 200)).as("one flag").isEqualTo(1);
    }

    @Test
    void pipelinedRequests_areAnsweredInOrder_evenWhenLaterOnesAreDueFirst() throws Exception {
        MockServer server = start(FaultProfile.NONE.withDelay(DelaySpec.uniform(Duration.ZERO, Duration.ofMillis(300))));
        List<String> codes = List.of("de", "fr", "jp", "br", "cn", "in", "us", "ng", "eg", "mx");
        StringBuilder requests = new StringBuilder();
        codes.forEach(cc -> requests.append(RawHttp.get("/flags/" + cc + "/" + cc + ".gif")));
        RawHttp http = raw(server);
        http.send(requests.toString());
        List<RawHttp.Reply> replies = http.read(codes.size());
        for (int i = 0; i < codes.size(); i++) {
            assertThat(replies.get(i).body()).as("answer %d is the flag of %s", i, codes.get(i))
                    .isEqualTo(server.content().flagGif(codes.get(i)));
        }
        MockStats stats = awaitStats(server, s -> s.inFlight() == 0);
        assertThat(stats.peakInFlight()).as("the pipelined requests were in flight together").isEqualTo(codes.size());
    }

    @Test
    void connectionClose_isHonoured_afterTheAnswer() throws Exception {
        MockServer server = start(FaultProfile.NONE);
        RawHttp http = raw(server);
        http.send("GET /flags/br/metadata.json HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
        RawHttp.Reply reply = http.read();
        assertThat(reply.headers()).as("the answer says it closes").containsEntry("connection", "close");
        assertThat(reply.body()).as("the whole body").isEqualTo(server.content().metadataJson("BR"));
        assertThat(http.readByte()).as("then the server closes the connection").isEqualTo(-1);
    }

    @Test
    void aMalformedRequest_getsA400_andTheConnectionCloses() throws Exception {
        MockServer server = start(FaultProfile.NONE);
        RawHttp http = raw(server);
        http.send("NOT HTTP AT ALL\r\n\r\n");
        assertThat(http.read().status()).as("status of a malformed request").isEqualTo(400);
        assertThat(http.readByte()).as("then the server closes the connection").isEqualTo(-1);
        MockStats stats = awaitStats(server, s -> s.inFlight() == 0);
        assertThat(stats.count("other", 400)).as("counted as another request's 400").isEqualTo(1);
    }

    @Test
    void aClientClosingWhileItsRequestIsDelayed_leavesItAbandoned_notInFlight() throws Exception {
        MockServer server = start(FaultProfile.delay(Duration.ofSeconds(30)));
        RawHttp http = new RawHttp(server.address());
        http.send(RawHttp.get("/flags/br/br.gif") + RawHttp.get("/flags/fr/fr.gif"));
        assertThat(awaitStats(server, s -> s.inFlight() == 2).inFlight()).as("two requests waiting their delay").isEqualTo(2);
        http.close();
        MockStats stats = awaitStats(server, s -> s.inFlight() == 0);
        assertThat(stats.inFlight()).as("nothing in flight after the client left").isZero();
        assertThat(stats.abandoned()).as("both requests abandoned").isEqualTo(2);
        assertThat(stats.answered()).as("nothing answered").isZero();
    }

    @Test
    void tls_servesWithItsOwnCertificate_andAClientWithoutItFailsTheHandshake() throws Exception {
        MockServer server = start(MockServerConfig.loopback(FaultProfile.NONE).withTls(true));
        assertThat(server.baseUrl().getScheme()).as("base URL scheme").isEqualTo("https");
        HttpClient trusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(server.clientSslContext()).build();
        toClose.add(trusting);
        HttpResponse<byte[]> gif = get(trusting, flag(server, "br"));
        assertThat(gif.body()).as("flag over TLS").isEqualTo(server.content().flagGif("BR"));
        assertThatThrownBy(() -> get(client(), flag(server, "br"))).as("a client with the default trust store")
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(awaitStats(server, s -> s.inFlight() == 0).totalRequests()).as("only the trusted client's request was read").isEqualTo(1);
        assertThat(server.certificatePem()).as("the certificate for other processes").startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void aPortInUse_givesAnIOException_namingPortAndHost() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> start(MockServerConfig.loopback(FaultProfile.NONE).withPort(port)))
                    .as("binding a taken port")
                    .isInstanceOf(IOException.class)
                    .hasMessage("port " + port + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void close_dropsDelayedRequests_andFreesThePortAtOnce() throws Exception {
        MockServer server = MockServer.start(MockServerConfig.loopback(FaultProfile.delay(Duration.ofSeconds(60))));
        int port = server.address().getPort();
        List<RawHttp> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RawHttp http = raw(server);
            http.send(RawHttp.get("/peps/pep-0008/"));
            clients.add(http);
        }
        assertThat(awaitStats(server, s -> s.inFlight() == 20).inFlight()).as("requests waiting their minute").isEqualTo(20);
        server.close();
        assertThat(clients.getFirst().readByte()).as("a waiting client sees the connection close").isEqualTo(-1);
        MockServer again = start(MockServerConfig.loopback(FaultProfile.NONE).withPort(port));
        assertThat(again.address().getPort()).as("the port is free again").isEqualTo(port);
        assertThatThrownBy(server::clientSslContext).as("no TLS context without TLS").isInstanceOf(IllegalStateException.class);
    }
}
