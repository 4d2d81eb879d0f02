package dev.flagbench.harness.run;

import dev.flagbench.harness.data.RunRecord;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the mock server can serve on this machine, measured at the start of a run with the harness's own load: a
 * closed loop of keep-alive connections, each sending its next GET as soon as the last answer is read, against the
 * delay-free server, in this JVM. The server's CPU is its own threads' CPU time; the load's threads are apart.
 * A level's offered rate C / L is then shown as a share of the capacity found.
 */
final class Calibration {
    /** The load's connections: as many as wrk's usual 100, enough to keep the server's loops busy. */
    static final int CONNECTIONS = 100;
    private static final long WARMUP_NANOS = 1_000_000_000L;
    private static final long MEASURE_NANOS = 2_000_000_000L;
    private static final String SERVER_THREADS = "mock-";

    private Calibration() {
    }

    /** Measures {@code server}, which must have no delay, and returns its capacity and CPU per request. */
    static RunRecord.Calibration measure(ServerHandle server) throws InterruptedException {
        URI base = server.baseUrl();
        String path = base.getRawPath() + "flags/br/br.gif";
        LongAdder answered = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("calibration-load", true),
                NioIoHandler.newFactory());
        try {
            Bootstrap b = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                    new SimpleChannelInboundHandler<FullHttpResponse>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                            answered.increment();
                                            if (running.get()) {
                                                ctx.writeAndFlush(get(path, base));
                                            }
                                        }
                                    });
                        }
                    });
            List<Channel> channels = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                Channel ch = b.connect(base.getHost(), base.getPort()).sync().channel();
                channels.add(ch);
                ch.writeAndFlush(get(path, base));
            }
            Thread.sleep(WARMUP_NANOS / 1_000_000);
            long n0 = answered.sum();
            long cpu0 = serverCpuNanos();
            long t0 = System.nanoTime();
            Thread.sleep(MEASURE_NANOS / 1_000_000);
            long n = answered.sum() - n0;
            long cpu = serverCpuNanos() - cpu0;
            long wall = System.nanoTime() - t0;
            running.set(false);
            channels.forEach(Channel::close);
            double perSecond = n / (wall / 1e9);
            return new RunRecord.Calibration(CONNECTIONS, wall / 1_000_000, n, perSecond,
                    n == 0 ? 0 : cpu / 1e3 / n);
        } finally {
            loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static FullHttpRequest get(String path, URI base) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        request.headers().set(HttpHeaderNames.HOST, base.getHost() + ":" + base.getPort());
        return request;
    }

    /** CPU time of this JVM's mock-server threads. */
    private static long serverCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(SERVER_THREADS)) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    sum += t;
                }
            }
        }
        return sum;
    }
}
