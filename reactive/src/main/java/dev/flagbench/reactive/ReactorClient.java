package dev.flagbench.reactive;

import dev.flagbench.core.HttpSettings;
import dev.flagbench.core.Response;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The reactor-netty client of one session, with its own event loop and connection pool, configured with the fairness
 * settings every model applies alike; closing it closes every connection and stops the loop threads.
 *
 * <p>Every channel the client opens joins a {@link ChannelGroup}, and closing the client closes that group before it
 * disposes the pool and the loop. Without it, disposing the pool and stopping the loop with a thousand requests in
 * flight left hundreds of connections open in about one test run of three (the server still held 750 of 1,000
 * aborted requests 30 s after the close, and the client JVM their sockets).
 */
final class ReactorClient implements AutoCloseable {

    /** How long disposing the pool or the loop may take; the loop has no quiet period, so a job ends with its work. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final LoopResources loop;
    private final ConnectionProvider pool;
    private final ChannelGroup channels;
    private final Map<String, String> settings;

    private ReactorClient(HttpClient http, LoopResources loop, ConnectionProvider pool, ChannelGroup channels,
                          Map<String, String> settings) {
        this.http = http;
        this.loop = loop;
        this.pool = pool;
        this.channels = channels;
        this.settings = settings;
    }

    /** A client for a job of concurrency {@code c} with settings {@code s}, on {@code loopThreads} NIO threads. */
    static ReactorClient open(HttpSettings s, int c, String loopName, int loopThreads) {
        int pending = Math.max(s.maxPending(), c);
        LoopResources loop = LoopResources.create(loopName, loopThreads, true);
        ConnectionProvider pool = ConnectionProvider.builder(loopName + "-pool")
                .maxConnections(s.maxConnections())
                .pendingAcquireMaxCount(pending)
                .maxIdleTime(s.keepAlive())
                .build();
        ChannelGroup channels = new DefaultChannelGroup(loopName + "-connections", GlobalEventExecutor.INSTANCE);
        HttpClient http = HttpClient.create(pool)
                .runOn(loop, false)
                .doOnChannelInit((observer, channel, address) -> channels.add(channel))
                .protocol(HttpProtocol.HTTP11)
                .keepAlive(true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(s.connectTimeout().toMillis()))
                .responseTimeout(s.responseTimeout())
                .disableRetry(true)
                .followRedirect(false)
                .compress(false);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("client", "reactor-netty HttpClient " + version());
        settings.putAll(s.describe());
        settings.put("transport", "NIO (no native epoll)");
        settings.put("loopThreads", Integer.toString(loopThreads));
        settings.put("pendingAcquireMaxCount", Integer.toString(pending));
        settings.put("pendingAcquireTimeout", Duration.ofMillis(ConnectionProvider.DEFAULT_POOL_ACQUIRE_TIMEOUT).toString());
        settings.put("maxIdleTime", s.keepAlive().toString());
        settings.put("leasing", "FIFO (reactor-netty's default; Apache HttpClient 5 reuses LIFO)");
        settings.put("retries", "off (disableRetry)");
        settings.put("redirects", "off");
        settings.put("compression", "off");
        return new ReactorClient(http, loop, pool, channels, settings);
    }

    /** The configured client. */
    HttpClient http() {
        return http;
    }

    /**
     * A GET whose whole body is read, as core's {@link Response} stamped with its send time (the subscription);
     * Netty's timeout exceptions become {@link TimeoutException}s, the type core classifies as TIMEOUT.
     */
    Mono<Response> get(URI uri) {
        return Mono.defer(() -> {
            long sent = System.nanoTime();
            return http.get().uri(uri).responseSingle((response, body) -> body.asByteArray()
                    .defaultIfEmpty(new byte[0])
                    .map(bytes -> new Response(response.status().code(), response.status().reasonPhrase(), bytes, sent)));
        }).onErrorMap(io.netty.handler.timeout.TimeoutException.class, ReactorClient::timeout);
    }

    private static TimeoutException timeout(Throwable netty) {
        TimeoutException e = new TimeoutException(netty.getMessage() != null ? netty.getMessage()
                : netty.getClass().getSimpleName());
        e.initCause(netty);
        return e;
    }

    /** The settings as applied. */
    Map<String, String> describe() {
        return new LinkedHashMap<>(settings);
    }

    /**
     * Closes every connection, leased or idle, disposes the pool, then stops the loop threads; blocking, so never call
     * it on the event loop.
     */
    @Override
    public void close() {
        try {
            channels.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
            pool.disposeLater().block(SHUTDOWN_TIMEOUT);
        } finally {
            loop.disposeLater(Duration.ZERO, SHUTDOWN_TIMEOUT).block(SHUTDOWN_TIMEOUT);
        }
    }

    /**
     * reactor-netty's version from its jar's manifest; in a shaded jar, where that manifest is gone, the reactor-bom
     * version this module was built with.
     */
    static String version() {
        String fromJar = HttpClient.class.getPackage().getImplementationVersion();
        return fromJar != null ? fromJar : "from reactor-bom " + reactorBomVersion();
    }

    /** The reactor-bom version this module was built with, recorded by resource filtering. */
    static String reactorBomVersion() {
        return buildProperties().getProperty("reactor-bom.version", "unknown");
    }

    private static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = ReactorClient.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading dev/flagbench/reactive/build.properties", e);
        }
        return p;
    }
}
