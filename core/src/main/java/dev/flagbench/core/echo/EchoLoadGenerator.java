package dev.flagbench.core.echo;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Drives an echo server with C connections of S-byte messages, from a Netty client, and measures it.
 *
 * <p>A run has two phases measured apart: it opens every connection and waits for all of them (the barrier, so that
 * the connect storm does not mix with echo traffic), then each connection sends for the configured duration, closed
 * loop or at a fixed rate (see {@link EchoLoadConfig.Pacing}), and the echoes still in flight are awaited, each for at
 * most the timeout. Every echoed byte is compared with what was sent. Nothing is retried and no failure is dropped:
 * connect failures, integrity errors, resets and timeouts are counted in the {@link EchoLoadResult}.
 *
 * <p>Each connection costs one file descriptor here and one in the server: with both in one JVM, stay well below
 * half the per-process limit (20,000 here), and run larger loads against a server in its own JVM through
 * {@link #main(String[])}.
 */
public final class EchoLoadGenerator {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Duration GRACE = Duration.ofSeconds(10);

    private EchoLoadGenerator() {
    }

    /** Runs {@code config} to the end and returns what was measured; interrupting it stops it. */
    public static EchoLoadResult run(EchoLoadConfig config) throws InterruptedException {
        LoadRun run = new LoadRun(config);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("echo-load", true),
                NioIoHandler.newFactory());
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                            config.timeout().toMillis()))
                    .remoteAddress(new InetSocketAddress(config.host(), config.port()));

            CountDownLatch settled = new CountDownLatch(config.connections());
            Queue<EchoConnection> open = new ConcurrentLinkedQueue<>();
            long connectStart = System.nanoTime();
            for (int id = 0; id < config.connections(); id++) {
                EchoConnection connection = new EchoConnection(run, id, System.nanoTime());
                bootstrap.clone().handler(connection).connect().addListener((ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        run.connected(System.nanoTime() - connection.connectStartNanos());
                        open.add(connection);
                    } else {
                        run.connectFailed();
                    }
                    settled.countDown();
                });
            }
            awaitOrFail(settled, config.timeout().plus(GRACE), "connects neither completed nor timed out");
            long start = System.nanoTime();
            Duration connectTime = Duration.ofNanos(start - connectStart);

            List<EchoConnection> established = new ArrayList<>(open);
            LoadRun.Phase phase = phase(config, start, established.size());
            for (int i = 0; i < established.size(); i++) {
                EchoConnection connection = established.get(i);
                int index = i;
                connection.channel().eventLoop().execute(() -> connection.start(phase, index));
            }
            awaitOrFail(phase.done(), config.duration().plus(config.timeout()).plus(config.timeout()).plus(GRACE),
                    "connections neither finished nor timed out");
            return run.result(Duration.ofNanos(System.nanoTime() - start), connectTime);
        } finally {
            group.shutdownGracefully(0, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .await(CLOSE_WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        }
    }

    private static LoadRun.Phase phase(EchoLoadConfig config, long start, int connections) {
        long end = start + config.duration().toNanos();
        CountDownLatch done = new CountDownLatch(connections);
        return switch (config.pacing()) {
            case EchoLoadConfig.ClosedLoop closed -> new LoadRun.Phase(start, end, connections, 0, 0, done);
            case EchoLoadConfig.FixedRate rate -> new LoadRun.Phase(start, end, connections,
                    Math.max(1, Math.round(rate.perSecond() * config.duration().toNanos() / 1e9)),
                    1e9 / rate.perSecond(), done);
        };
    }

    private static void awaitOrFail(CountDownLatch latch, Duration limit, String what) throws InterruptedException {
        if (!latch.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(latch.getCount() + " " + what + " within " + limit
                    + ": a load-generator bug");
        }
    }

    /**
     * Runs one load from the command line against a server already running, prints the result, and exits with 1
     * if anything failed: {@code --host 127.0.0.1 --port P --connections 10000 --size 64 --duration 10s
     * [--rate 50000] [--timeout 10s] [--seed 42]}.
     */
    public static void main(String[] args) throws InterruptedException {
        EchoLoadConfig config;
        try {
            CommandLineArgs line = CommandLineArgs.parse(args, "host", "port", "connections", "size", "duration",
                    "rate", "timeout", "seed");
            config = new EchoLoadConfig(line.string("host", "127.0.0.1"), line.integer("port", 0),
                    line.integer("connections", 100), line.integer("size", 64), line.duration("duration", "10s"),
                    new EchoLoadConfig.ClosedLoop(), line.duration("timeout", "10s"), line.longValue("seed", 42));
            if (line.has("rate")) {
                config = config.withRate(line.decimal("rate"));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("echo load: " + e.getMessage());
            System.err.println("usage: EchoLoadGenerator --port P [--host 127.0.0.1] [--connections 100] [--size 64]"
                    + " [--duration 10s] [--rate MSG_PER_S (default: closed loop)] [--timeout 10s] [--seed 42]");
            System.exit(2);
            return;
        }
        EchoLoadResult result = run(config);
        System.out.println(result.describe());
        System.exit(result.failures().total() == 0 ? 0 : 1);
    }
}
