package dev.flagbench.core.mock;

import static dev.flagbench.core.mock.StatsPolling.awaitStats;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server holds 10,000 delayed requests in flight at once, without a thread each, and answers them all.
 *
 * <p>Client and server share this JVM and its 20,000 file descriptors, so 10,000 connections (20,000 descriptors)
 * are out of reach: 2,000 keep-alive connections each pipeline 5 requests, which needs 4,000 descriptors and also
 * shows that pipelined requests wait their delays together, not one after another. The test that counts the peak
 * uses a delay (60 s) far longer than sending takes even on a loaded machine, then hangs up and checks that the
 * server accounts all 10,000 as abandoned; the test that checks the answers uses a 1 s delay and asserts no peak.
 * Nothing here asserts a duration.
 */
class MockServerLoadTest {
    private static final int CONNECTIONS = 2_000;
    private static final int PIPELINED = 5;
    private static final int REQUESTS = CONNECTIONS * PIPELINED;

    private EventLoopGroup clientLoop;

    @BeforeEach
    void startClientLoop() {
        clientLoop = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterEach
    void stopClientLoop() {
        clientLoop.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** 2,000 connections, each with 5 pipelined GETs of one metadata.json, counting whole answers and 200s. */
    private final class Load {
        final CountDownLatch answered = new CountDownLatch(REQUESTS);
        final AtomicInteger ok = new AtomicInteger();
        final List<Channel> channels = new ArrayList<>(CONNECTIONS);

        Load(MockServer server) throws InterruptedException {
            Bootstrap bootstrap = new Bootstrap()
                    .group(clientLoop)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 20_000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new SimpleChannelInboundHandler<HttpObject>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                                    if (msg instanceof HttpResponse r && r.status().code() == 200) {
                                        ok.incrementAndGet();
                                    }
                                    if (msg instanceof LastHttpContent) {
                                        answered.countDown();
                                    }
                                }
                            });
                        }
                    });
            List<ChannelFuture> connects = new ArrayList<>(CONNECTIONS);
            for (int i = 0; i < CONNECTIONS; i++) {
                connects.add(bootstrap.connect(server.address()));
            }
            for (ChannelFuture f : connects) {
                Channel ch = f.sync().channel();
                channels.add(ch);
                for (int i = 0; i < PIPELINED; i++) {
                    DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                            "/flags/br/metadata.json");
                    request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
                    ch.write(request);
                }
                ch.flush();
            }
        }

        void hangUp() {
            channels.forEach(ch -> ch.close().syncUninterruptibly());
        }
    }

    @Test
    void tenThousandDelayedRequests_areInFlightAtOnce_withoutAThreadEach() throws Exception {
        try (MockServer server = MockServer.start(MockServerConfig.loopback(FaultProfile.delay(Duration.ofSeconds(60))))) {
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            Load load = new Load(server);
            MockStats held = awaitStats(server, s -> s.inFlight() == REQUESTS);
            int newThreads = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
            assertThat(held.inFlight()).as("requests in flight at once, as the server counted them").isEqualTo(REQUESTS);
            assertThat(held.peakInFlight()).as("peak in flight").isEqualTo(REQUESTS);
            assertThat(held.connections()).as("connections").isEqualTo(CONNECTIONS);
            assertThat(newThreads).as("threads started while %d requests wait", REQUESTS).isLessThan(20);
            load.hangUp();
            MockStats after = awaitStats(server, s -> s.inFlight() == 0);
            assertThat(after.abandoned()).as("requests abandoned when the clients hung up").isEqualTo(REQUESTS);
            assertThat(after.answered()).as("answers sent before the delay ran out").isZero();
            assertThat(after.inFlight()).as("in flight after the hang-up").isZero();
            assertThat(load.answered.getCount()).as("answers the clients missed").isEqualTo(REQUESTS);
        }
    }

    @Test
    void tenThousandDelayedPipelinedRequests_areAllAnswered() throws Exception {
        try (MockServer server = MockServer.start(MockServerConfig.loopback(FaultProfile.delay(Duration.ofSeconds(1))))) {
            Load load = new Load(server);
            assertThat(load.answered.await(40, TimeUnit.SECONDS)).as("all %d answers arrived", REQUESTS).isTrue();
            MockStats stats = awaitStats(server, s -> s.inFlight() == 0);
            assertThat(load.ok.get()).as("200s the clients saw").isEqualTo(REQUESTS);
            assertThat(stats.count("metadata", 200)).as("200s the server counted").isEqualTo(REQUESTS);
            assertThat(stats.totalRequests()).as("requests read").isEqualTo(REQUESTS);
            assertThat(stats.bytesSent()).as("body bytes")
                    .isEqualTo((long) REQUESTS * server.content().metadataJson("BR").length);
            assertThat(stats.inFlight()).as("in flight after the last answer").isZero();
            load.hangUp();
        }
    }
}
