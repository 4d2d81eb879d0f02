package dev.flagbench.core.blocking;

import dev.flagbench.core.HttpSettings;
import dev.flagbench.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5 classic (blocking), configured from {@link HttpSettings}: the client the threads, futures,
 * virtual-threads and sequential models share, so that they differ only in how they schedule calls to it. One
 * client serves a whole {@link dev.flagbench.core.Session}; it is thread-safe.
 *
 * <p>Retries, redirects and content compression are off: every request a model makes is one request the server
 * counts. {@link #close()} aborts requests in flight, which is how a cancelled job stops promptly.
 */
public final class BlockingClient implements AutoCloseable {
    /**
     * Each connection's I/O buffer size. HttpCore 5.4's default is 32 KiB, and a classic connection keeps three
     * buffers of that size for its whole life (its input buffer, its output buffer and its line buffer; a heap dump of
     * a trial at C = 2,000 found 6,000 such arrays, 96 KiB per connection): at 10,000 connections that is 1 GB of live
     * heap for GC to copy, and it decided the blocking models' efficiency. 8 KiB (HttpCore 4's default) holds a
     * request and a flag's headers; bodies are read through it in 8 KiB chunks.
     */
    static final int BUFFER_BYTES = 8 * 1024;

    private final HttpSettings settings;
    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient client;

    /** A client with {@code settings}. */
    public BlockingClient(HttpSettings settings) {
        this.settings = settings;
        // LAX: one shared waiter queue and finer locking, the policy HttpClient's maintainers give for throughput when
        // thousands of requests go to one route; the per-route ceiling (C) still holds.
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setConnPoolPolicy(PoolReusePolicy.LIFO)
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom().setBufferSize(BUFFER_BYTES).build())
                        .build())
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.responseTimeout()))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.responseTimeout()))
                        .setConnectionKeepAlive(TimeValue.of(settings.keepAlive()))
                        .setRedirectsEnabled(false)
                        .build())
                .evictIdleConnections(TimeValue.of(settings.keepAlive()))
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .build();
    }

    /** GETs {@code uri} and reads the whole body; the response says when the request was sent. */
    public Response get(URI uri) throws IOException {
        long sent = System.nanoTime();
        return client.execute(new HttpGet(uri), response -> new Response(
                response.getCode(),
                response.getReasonPhrase() == null ? "" : response.getReasonPhrase(),
                response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity()), sent));
    }

    /** The settings as applied, for the report's fairness table. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("client", "Apache HttpClient 5 classic (blocking)");
        m.putAll(settings.describe());
        m.put("maxConnPerRoute", Integer.toString(settings.maxConnections()));
        m.put("maxConnTotal", Integer.toString(settings.maxConnections()));
        m.put("poolConcurrencyPolicy", "LAX");
        m.put("leasing", "LIFO");
        m.put("retries", "off");
        m.put("bufferSize", BUFFER_BYTES + " B per buffer, 3 per connection");
        return m;
    }

    /** Closes the pool at once, aborting requests in flight. */
    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
        pool.close(CloseMode.IMMEDIATE);
    }
}
