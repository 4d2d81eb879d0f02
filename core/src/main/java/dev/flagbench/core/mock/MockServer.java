package dev.flagbench.core.mock;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;

/**
 * The local HTTP/1.1 server every download trial runs against: Fluent Python's flag and PEP URLs, content
 * generated from a seed, seeded faults, and exact counters.
 *
 * <p>Serves {@code GET {base}/flags/{cc}/{cc}.gif}, {@code {base}/flags/{cc}/metadata.json} (lower-case cc, as the
 * real site) and {@code {base}/peps/pep-{NNNN}/}; anything else is a 404. {@code GET {base}/__stats} returns
 * {@link MockStats} as JSON and {@code POST {base}/__stats/reset} returns them and then zeroes them.
 * Connections are kept alive and pipelined requests are answered in order. Delays are timers on the connection's
 * event loop, never a blocked thread, so 10,000 delayed requests in flight cost only memory.
 *
 * <pre>{@code
 * try (MockServer server = MockServer.start(MockServerConfig.loopback(Preset.DELAY.profile()))) {
 *     URI flags = server.baseUrl();           // http://127.0.0.1:41234/
 *     ...
 *     MockStats stats = server.stats();      // what the server counted
 * }
 * }</pre>
 */
public final class MockServer implements AutoCloseable {
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

    private final MockServerConfig config;
    private final MockContent content;
    private final Catalog catalog;
    private final Counters counters;
    private final SelfSignedTls tls;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final URI baseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MockServer(MockServerConfig config, MockContent content, Catalog catalog, Counters counters,
                       SelfSignedTls tls, EventLoopGroup acceptor, EventLoopGroup workers, Channel channel) {
        this.config = config;
        this.content = content;
        this.catalog = catalog;
        this.counters = counters;
        this.tls = tls;
        this.acceptor = acceptor;
        this.workers = workers;
        this.channel = channel;
        this.baseUrl = URI.create((tls == null ? "http" : "https") + "://" + urlHost(config.host()) + ":"
                + ((InetSocketAddress) channel.localAddress()).getPort() + "/");
    }

    /**
     * Generates the content (or reuses it for a seed seen recently), binds, and returns the running server.
     *
     * @throws IOException if the address cannot be bound; a port in use gives a {@link BindException} whose message
     *     says so: {@code port 8000 on 127.0.0.1 is already in use}
     */
    public static MockServer start(MockServerConfig config) throws IOException {
        MockContent content = MockContent.forSeed(config.seed());
        SelfSignedTls tls = config.tls() ? SelfSignedTls.generate(config.host()) : null;
        Catalog catalog = new Catalog(content);
        Counters counters = new Counters();
        Faults faults = new Faults(config.faults(), config.seed());
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("mock-accept", true), NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(config.ioThreads(),
                new DefaultThreadFactory("mock-io", true), NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 8192)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpRequestDecoder(), new MockHandler(catalog, counters, faults, config.resetToken()));
                    }
                });
        ChannelFuture bind = bootstrap.bind(config.host(), config.port()).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            shutDown(acceptor, workers);
            catalog.release();
            throw bindFailure(config, bind.cause());
        }
        return new MockServer(config, content, catalog, counters, tls, acceptor, workers, bind.channel());
    }

    private static IOException bindFailure(MockServerConfig config, Throwable cause) {
        String where = "port " + config.port() + " on " + config.host();
        IOException e = cause instanceof BindException && String.valueOf(cause.getMessage()).contains("in use")
                ? new BindException(where + " is already in use")
                : new IOException("cannot listen on " + where + ": " + cause);
        e.initCause(cause);
        return e;
    }

    private static String urlHost(String host) {
        if ("0.0.0.0".equals(host) || "::".equals(host) || "[::]".equals(host)) {
            return "127.0.0.1";
        }
        return NetUtil.isValidIpV6Address(host) && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The server's root, with a trailing slash: {@code http://127.0.0.1:41234/} ({@code https} with TLS). */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The address the server listens on, with the actual port. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The config the server was started with. */
    public MockServerConfig config() {
        return config;
    }

    /** A snapshot of the counters, the same as {@code GET {base}/__stats}. */
    public MockStats stats() {
        return counters.snapshot();
    }

    /**
     * Holds the answers of the requests from now on until {@code n} are in flight at once, then lets them all go on to
     * their delay (for tests that must prove a client reaches C whatever the machine's speed); 0 opens the gate.
     */
    public void holdUntilInFlight(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        counters.gate.arm(n);
    }

    /** Zeroes the counters and restarts the fault sequence; the peak restarts from the requests in flight now. */
    public void resetStats() {
        counters.zero();
    }

    /** What the server serves. */
    public MockContent content() {
        return content;
    }

    /**
     * A client TLS context that trusts this server's certificate and nothing else.
     *
     * @throws IllegalStateException if the server was started without TLS
     */
    public SSLContext clientSslContext() {
        return requireTls().clientContext();
    }

    /**
     * The server's self-signed certificate in PEM, for clients in other processes.
     *
     * @throws IllegalStateException if the server was started without TLS
     */
    public String certificatePem() {
        return requireTls().certificatePem();
    }

    private SelfSignedTls requireTls() {
        if (tls == null) {
            throw new IllegalStateException("the mock server at " + baseUrl + " was started without TLS");
        }
        return tls;
    }

    /** Paced body chunks written since the last reset; for tests. */
    long slowChunks() {
        return counters.slowChunks();
    }

    /** Stops listening, drops every connection and pending timer, and stops the event loops (no quiet period). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channel.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        shutDown(acceptor, workers);
        catalog.release();
    }

    private static void shutDown(EventLoopGroup acceptor, EventLoopGroup workers) {
        Future<?> a = acceptor.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Future<?> w = workers.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        a.awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        w.awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "MockServer[" + baseUrl + ", " + config.faults().describe() + ", seed " + config.seed() + "]";
    }
}
