package dev.flagbench.harness.run;

import dev.flagbench.core.mock.MockContent;
import dev.flagbench.core.mock.MockServer;
import dev.flagbench.core.mock.MockServerConfig;
import dev.flagbench.core.mock.MockStats;
import dev.flagbench.core.mock.FaultProfile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The mock server a run or a flags command talks to: one started in this JVM, or an external one reached by URL
 * (its stats through {@code GET /__stats} and {@code POST /__stats/reset}).
 */
public abstract sealed class ServerHandle implements AutoCloseable {

    /** The server's base URL, ending in "/". */
    public abstract URI baseUrl();

    /** Its counters now. */
    public abstract MockStats stats() throws IOException, InterruptedException;

    /** Zeroes its counters. */
    public abstract void resetStats() throws IOException, InterruptedException;

    /** in-process or external. */
    public abstract String mode();

    /** The content the server serves (for an external one: the content of the same seed, generated here). */
    public abstract MockContent content();

    @Override
    public abstract void close();

    /**
     * Starts a server in this JVM on 127.0.0.1, any free port, with a fresh reset token: its counters are reset from
     * here only, never by another process's {@code POST /__stats/reset}.
     */
    public static ServerHandle inProcess(FaultProfile faults, long seed) throws IOException {
        return new InProcess(MockServer.start(MockServerConfig.loopback(faults).withSeed(seed).withResetToken(newToken())));
    }

    /** A random reset token, 128 bits in hex. */
    public static String newToken() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Reaches an external server at {@code base} without a reset token (one on a loopback address asks for none). */
    public static ServerHandle external(URI base, long seed) throws IOException, InterruptedException {
        return external(base, seed, null);
    }

    /**
     * Reaches an external server at {@code base}, after a pre-flight check of its stats endpoint; its counters are
     * reset with {@code token} ({@code null}: the server asks for none).
     */
    public static ServerHandle external(URI base, long seed, String token) throws IOException, InterruptedException {
        External e = new External(base, seed, token);
        try {
            e.stats();
        } catch (IOException ex) {
            e.close();
            throw new IOException("pre-flight check failed: no flagbench mock server answers at " + base
                    + "__stats (" + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage())
                    + "); start one with `harness.jar mock-server`", ex);
        }
        return e;
    }

    private static final class InProcess extends ServerHandle {
        private final MockServer server;

        InProcess(MockServer server) {
            this.server = server;
        }

        @Override
        public URI baseUrl() {
            return server.baseUrl();
        }

        @Override
        public MockStats stats() {
            return server.stats();
        }

        @Override
        public void resetStats() {
            server.resetStats();
        }

        @Override
        public String mode() {
            return "in-process";
        }

        @Override
        public MockContent content() {
            return server.content();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static final class External extends ServerHandle {
        private final URI base;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final MockContent content;
        private final String token;

        External(URI base, long seed, String token) {
            this.token = token;
            String s = base.toString();
            this.base = URI.create(s.endsWith("/") ? s : s + "/");
            // The content depends only on the seed: the same seed lists the same items as the remote server.
            this.content = MockContent.forSeed(seed);
        }

        @Override
        public URI baseUrl() {
            return base;
        }

        @Override
        public MockStats stats() throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("__stats")).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("GET " + base + "__stats answered HTTP " + r.statusCode());
            }
            try {
                return MockStats.fromJson(r.body());
            } catch (IllegalArgumentException e) {
                throw new IOException("GET " + base + "__stats: " + e.getMessage(), e);
            }
        }

        @Override
        public void resetStats() throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("__stats/reset")).timeout(Duration.ofSeconds(10))
                    .header(MockServerConfig.RESET_TOKEN_HEADER, token == null ? "flagbench" : token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 403) {
                throw new IOException("POST " + base + "__stats/reset was refused (" + r.body().strip() + "): give the"
                        + " server's token with --server-token");
            }
            if (r.statusCode() / 100 != 2) {
                throw new IOException("POST " + base + "__stats/reset answered HTTP " + r.statusCode());
            }
        }

        @Override
        public String mode() {
            return "external";
        }

        @Override
        public MockContent content() {
            return content;
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
