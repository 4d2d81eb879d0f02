package dev.flagbench.core.echo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The baseline: a plain Netty echo server on an event-loop group (2 × cores threads), the practical ceiling that
 * every model's echo server is compared with.
 *
 * <p>It stops reading from a client while that client's channel is not writable, and resumes when it is, so a
 * client that sends without reading cannot grow the server's memory; it allows half-closure, so a client that shuts
 * its output still gets every byte back before the server closes.
 */
public final class NettyEchoServer implements EchoServer {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("netty-echo"),
            NioIoHandler.newFactory());
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private Channel listener;

    private NettyEchoServer() {
    }

    /** Binds {@code config}'s address; {@code poolSize} is ignored (the loop count is Netty's default). */
    public static EchoServer start(EchoServerConfig config) throws IOException {
        NettyEchoServer server = new NettyEchoServer();
        ChannelFuture bound = new ServerBootstrap()
                .group(server.group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, BlockingEchoServer.BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel connection) {
                        server.track(connection);
                        connection.pipeline().addLast(EchoHandler.INSTANCE);
                    }
                })
                .bind(config.host(), config.port())
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            server.group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            throw config.bindFailure(bound.cause());
        }
        server.listener = bound.channel();
        return server;
    }

    /** Remembers an accepted connection until it closes, so that close() finds every one, even one just accepted. */
    private void track(Channel connection) {
        connections.add(connection);
        connection.closeFuture().addListener(f -> connections.remove(connection));
        if (closed) {
            connection.close();
        }
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Closes the listening channel and every connection, and stops the loop threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        listener.close().syncUninterruptibly();
        connections.forEach(Channel::close);
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Echoes back any received data from a client, reading no faster than the client reads the echo. */
    @Sharable
    static final class EchoHandler extends ChannelInboundHandlerAdapter {
        static final EchoHandler INSTANCE = new EchoHandler();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            if (!ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(false); // the client is not reading its echo: stop reading it
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) { // EOF: finish echoing what was read, then close
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reset by the client ends only its own connection
        }
    }
}
