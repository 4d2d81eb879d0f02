package dev.flagbench.reactive;

import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.netty.ByteBufFlux;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpServer;

/**
 * reactor-netty's echo, one fluent pipeline: each connection's inbound {@code Flux} is sent straight back.
 *
 * <p>{@code send(receive())} carries backpressure: the outbound side requests buffers only while the channel is
 * writable, and the inbound side stops reading while nothing is requested. reactor-netty has no signal for a
 * client's FIN with half-closure allowed, so {@link EndOfInput} puts one in band, after the last bytes: the inbound
 * completes there, the echo finishes, the connection closes. The loops are the server's own, released on
 * {@link #close()}.
 */
public final class ReactiveEchoServer implements EchoServer {

    private final LoopResources loops;
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private DisposableServer server;

    private ReactiveEchoServer(int eventLoops) {
        this.loops = LoopResources.create("reactive-echo", 1, eventLoops, true);
    }

    /** Starts the server on reactor-netty's default number of event loops; {@code poolSize} is ignored. */
    public static EchoServer start(EchoServerConfig config) throws IOException {
        return start(config, LoopResources.DEFAULT_IO_WORKER_COUNT);
    }

    /** Starts the server on {@code eventLoops} event-loop threads (1 for the one-loop variant). */
    public static EchoServer start(EchoServerConfig config, int eventLoops) throws IOException {
        ReactiveEchoServer echo = new ReactiveEchoServer(eventLoops);
        try {
            echo.server = TcpServer.create()
                    .host(config.host())
                    .port(config.port())
                    .runOn(echo.loops)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .doOnConnection(echo::opened)
                    .handle((in, out) -> out.send(
                            ByteBufFlux.fromInbound(in.receiveObject().takeWhile(EndOfInput::isData)).retain()))
                    .bindNow();
            return echo;
        } catch (RuntimeException e) {
            echo.loops.dispose();
            throw config.bindFailure(e);
        }
    }

    /** Marks the end of input in band, and remembers the connection so that close() closes it. */
    private void opened(Connection connection) {
        connection.addHandlerLast(new EndOfInput());
        Channel channel = connection.channel();
        connections.add(channel);
        channel.closeFuture().addListener(f -> connections.remove(channel));
        if (closed) {
            channel.close();
        }
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) server.address();
    }

    /** Closes the listening channel and every connection, and stops the loop threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.disposeNow();
        connections.forEach(Channel::close);
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
    }

    /** Passes the client's FIN on as a marker read after its last bytes: the end of the inbound {@code Flux}. */
    static final class EndOfInput extends ChannelInboundHandlerAdapter {
        private static final Object MARKER = new Object();

        /** False for the marker: what {@code takeWhile} keeps. */
        static boolean isData(Object message) {
            return message != MARKER;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                ctx.fireChannelRead(MARKER);
            }
            ctx.fireUserEventTriggered(event);
        }
    }
}
