package dev.flagbench.reactive;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A small reactor-netty HTTP server on 127.0.0.1, port 0, with the mock server's URL layout and fixed content,
 * counting what it saw: requests per path and status, requests in flight and their peak.
 *
 * <p>Country codes choose the reply: {@code ZZ} is 404, {@code EE} is 500, {@code RS} closes the connection
 * without a reply, {@code HG} never replies; any other code is a 200 GIF. {@link #hangAll} makes every reply hang.
 */
final class StubServer implements AutoCloseable {
    private static final Pattern FLAG = Pattern.compile("/flags/([a-z]{2})/([a-z]{2})\\.gif");
    private static final Pattern METADATA = Pattern.compile("/flags/([a-z]{2})/metadata\\.json");
    private static final Pattern PEP = Pattern.compile("/peps/pep-(\\d{4})/");

    private static final int GATE_SECONDS = 3;
    private static final Duration GATE_TIMEOUT = Duration.ofSeconds(GATE_SECONDS);

    private final LoopResources loop = LoopResources.create("stub-server", 1, true);
    private final DisposableServer server;
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final Sinks.Empty<Void> gate = Sinks.empty();
    private final int gateAt;
    private volatile boolean hangAll;

    private StubServer(int gateAt) {
        this.gateAt = gateAt;
        this.server = HttpServer.create().host("127.0.0.1").port(0).runOn(loop, false)
                .handle((req, res) -> counted(req.uri(), res))
                .bindNow();
    }

    /** A server that replies at once. */
    static StubServer start() {
        return new StubServer(0);
    }

    /**
     * A server that answers nobody until {@code n} requests are in flight at once (or {@value #GATE_SECONDS}
     * seconds have passed), then answers at once: its peak in flight shows whether a client really holds n.
     */
    static StubServer gatedAt(int n) {
        return new StubServer(n);
    }

    /** The root URL, e.g. {@code http://127.0.0.1:41234/}. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    /** The GIF served for {@code cc}. */
    static byte[] gif(String cc) {
        return ("GIF89a-flag-of-" + cc.toUpperCase(Locale.ROOT)).getBytes(StandardCharsets.US_ASCII);
    }

    /** The country name metadata.json gives for {@code cc}. */
    static String countryName(String cc) {
        return "Country " + cc.toUpperCase(Locale.ROOT);
    }

    /** The title of PEP {@code number}. */
    static String pepTitle(int number) {
        return "PEP " + number + " -- Stub";
    }

    /** Makes every later request hang: no reply until the client gives up. */
    void hangAll() {
        hangAll = true;
    }

    /** Requests received for {@code kind} ("flag", "metadata", "pep", "other") that got {@code status} (0 = none). */
    long count(String kind, int status) {
        AtomicLong n = requests.get(kind + " " + status);
        return n == null ? 0 : n.get();
    }

    /** All requests received. */
    long totalRequests() {
        return total.get();
    }

    /** Requests received and not yet answered or abandoned. */
    int inFlight() {
        return inFlight.get();
    }

    /** The most requests in flight at once. */
    int peakInFlight() {
        return peak.get();
    }

    private Mono<Void> counted(String path, HttpServerResponse res) {
        total.incrementAndGet();
        int now = inFlight.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
        if (now >= gateAt) {
            gate.tryEmitEmpty();
        }
        return gate.asMono().timeout(GATE_TIMEOUT, Mono.empty())
                .then(Mono.defer(() -> reply(path, res)))
                .doFinally(signal -> inFlight.decrementAndGet());
    }

    private Mono<Void> reply(String path, HttpServerResponse res) {
        Matcher flag = FLAG.matcher(path);
        Matcher meta = METADATA.matcher(path);
        Matcher pep = PEP.matcher(path);
        if (flag.matches() && flag.group(1).equals(flag.group(2))) {
            return byCode("flag", flag.group(1), res, gif(flag.group(1)));
        }
        if (meta.matches()) {
            byte[] json = ("{\"country\": \"" + countryName(meta.group(1)) + "\"}").getBytes(StandardCharsets.UTF_8);
            return byCode("metadata", meta.group(1), res, json);
        }
        if (pep.matches() && !hangAll) {
            int number = Integer.parseInt(pep.group(1));
            byte[] page = ("<html><head><title>" + pepTitle(number) + "</title></head><body>text</body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            return send("pep", 200, res, page);
        }
        return hangAll ? hang("pep") : send("other", 404, res, new byte[0]);
    }

    private Mono<Void> byCode(String kind, String cc, HttpServerResponse res, byte[] body) {
        if (hangAll) {
            return hang(kind);
        }
        return switch (cc) {
            case "zz" -> send(kind, 404, res, new byte[0]);
            case "ee" -> send(kind, 500, res, new byte[0]);
            case "rs" -> {
                requests.computeIfAbsent(kind + " 0", k -> new AtomicLong()).incrementAndGet();
                res.withConnection(connection -> connection.channel().close());
                yield Mono.never();
            }
            case "hg" -> hang(kind);
            default -> send(kind, 200, res, body);
        };
    }

    private Mono<Void> hang(String kind) {
        requests.computeIfAbsent(kind + " 0", k -> new AtomicLong()).incrementAndGet();
        return Mono.never();
    }

    private Mono<Void> send(String kind, int status, HttpServerResponse res, byte[] body) {
        requests.computeIfAbsent(kind + " " + status, k -> new AtomicLong()).incrementAndGet();
        return res.status(status).header("Content-Type", "application/octet-stream")
                .sendByteArray(Mono.just(body)).then();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        loop.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
    }
}
