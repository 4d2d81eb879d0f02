package dev.flagbench.core.mock;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Serves one connection: reads requests (pipelined ones too), decides each one's faults, waits its delay on the
 * event loop, and answers in request order. Every method runs on the connection's event loop, so the state here
 * needs no lock; the shared {@link Counters} are lock-free.
 */
final class MockHandler extends ChannelInboundHandlerAdapter {
    private static final String STATS = "/__stats";
    private static final String STATS_RESET = "/__stats/reset";

    private final Catalog catalog;
    private final Counters counters;
    private final Faults faults;
    /** The value a stats reset must carry, or {@code null}: any value. */
    private final String resetToken;
    private final ArrayDeque<Exchange> queue = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private HttpRequest reading;
    private Exchange pacing;
    private boolean closing;

    MockHandler(Catalog catalog, Counters counters, Faults faults, String resetToken) {
        this.catalog = catalog;
        this.counters = counters;
        this.faults = faults;
        this.resetToken = resetToken;
    }

    /** One request and its answer; also the listener that ends it when its last bytes are written. */
    private final class Exchange implements ChannelFutureListener {
        final boolean counted;
        final boolean close;
        final Kind kind;
        final Catalog.Route route;
        final Faults.Decision decision;
        final String adminPath;
        final HttpMethod method;
        /** Why this admin request is refused with 403, or {@code null}. */
        final String refused;
        boolean ready;
        boolean done;
        Future<?> timer;
        CannedResponse paced;
        int offset;

        Exchange(Catalog.Route route, Faults.Decision decision, boolean close) {
            this.counted = true;
            this.close = close;
            this.kind = route.kind();
            this.route = route;
            this.decision = decision;
            this.adminPath = null;
            this.method = null;
            this.refused = null;
        }

        Exchange(String adminPath, HttpMethod method, boolean close, String refused) {
            this.counted = false;
            this.close = close;
            this.kind = Kind.OTHER;
            this.route = null;
            this.decision = null;
            this.adminPath = adminPath;
            this.method = method;
            this.refused = refused;
            this.ready = true;
        }

        @Override
        public void operationComplete(ChannelFuture future) {
            finish(this);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        counters.connectionAccepted();
        super.channelActive(context);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        try {
            if (closing) {
                return;
            }
            if (msg instanceof DecoderResultProvider p && p.decoderResult().isFailure()) {
                badRequest();
                return;
            }
            if (msg instanceof HttpRequest request) {
                reading = request;
            }
            if (msg instanceof LastHttpContent && reading != null) {
                HttpRequest request = reading;
                reading = null;
                received(request);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void received(HttpRequest request) {
        String path = path(request.uri());
        boolean close = !request.protocolVersion().equals(HttpVersion.HTTP_1_1) || !HttpUtil.isKeepAlive(request);
        if (path.equals(STATS) || path.startsWith(STATS + "/")) {
            String refused = path.equals(STATS_RESET) ? resetRefusal(request) : null;
            queue.add(new Exchange(path, request.method(), close, refused));
            drain();
            return;
        }
        long sequence = counters.received();
        Faults.Decision decision = faults.decide(sequence);
        Catalog.Route route = HttpMethod.GET.equals(request.method())
                ? catalog.find(path)
                : new Catalog.Route(Kind.of(path), catalog.error(405));
        Exchange exchange = new Exchange(route, decision, close);
        queue.add(exchange);
        if (counters.gate.hold(() -> ctx.executor().execute(() -> delay(exchange, decision)))) {
            return;
        }
        delay(exchange, decision);
    }

    /**
     * Why a stats reset is refused, or {@code null}: it must carry the token header (a request a web page cannot make
     * without a CORS preflight, which this server never grants), no {@code Origin} (browsers send one, also after a
     * DNS rebinding), a {@code Host} that is an address or localhost, and the configured token if there is one.
     */
    private String resetRefusal(HttpRequest request) {
        if (request.headers().contains("Origin")) {
            return "a stats reset from a web page (Origin " + request.headers().get("Origin") + ") is not accepted";
        }
        String host = request.headers().get("Host", "");
        String name = host.startsWith("[") ? host.substring(1, Math.max(1, host.indexOf(']')))
                : host.replaceFirst(":\\d*$", "");
        if (!name.equalsIgnoreCase("localhost") && !name.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return "Host " + host + " is not an address of this server";
        }
        String token = request.headers().get(MockServerConfig.RESET_TOKEN_HEADER);
        if (token == null) {
            return "the " + MockServerConfig.RESET_TOKEN_HEADER + " header is missing";
        }
        if (resetToken != null && !java.security.MessageDigest.isEqual(resetToken.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return "the " + MockServerConfig.RESET_TOKEN_HEADER + " header does not match this server's token";
        }
        return null;
    }

    /** Answers {@code exchange} after its delay. */
    private void delay(Exchange exchange, Faults.Decision decision) {
        if (decision.delayNanos() > 0) {
            exchange.timer = ctx.executor().schedule(() -> {
                exchange.ready = true;
                drain();
            }, decision.delayNanos(), TimeUnit.NANOSECONDS);
        } else {
            exchange.ready = true;
            drain();
        }
    }

    private void badRequest() {
        counters.received();
        Exchange exchange = new Exchange(new Catalog.Route(Kind.OTHER, catalog.error(400)),
                new Faults.Decision(Faults.Action.SERVE, 0), true);
        exchange.ready = true;
        queue.add(exchange);
        drain();
    }

    /** Writes every answer that is due, in request order, until one is still waiting or a body is being paced. */
    private void drain() {
        boolean wrote = false;
        while (pacing == null && !closing && ctx.channel().isActive()) {
            Exchange ex = queue.peek();
            if (ex == null || !ex.ready) {
                break;
            }
            queue.poll();
            if (!ex.counted) {
                ChannelFuture f = ctx.write(admin(ex));
                closeAfter(ex, f);
            } else if (ex.decision.action() == Faults.Action.RESET) {
                if (wrote) {
                    ctx.flush();
                }
                reset(ex);
                return;
            } else {
                CannedResponse r = ex.decision.action() == Faults.Action.ERROR
                        ? catalog.error(faults.profile().errorStatus())
                        : ex.route.response();
                answer(ex, r);
            }
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    private void answer(Exchange ex, CannedResponse r) {
        counters.answered(ex.kind, r.status());
        if (faults.slowBody() && r.bodyLength() > 0) {
            pacing = ex;
            ex.paced = r;
            ctx.write(r.header(ex.close));
            scheduleChunk(ex);
            return;
        }
        counters.bodyBytes(r.bodyLength());
        // Out of flight before the write: once the bytes reach the socket the client may send its next request on a
        // connection another worker thread serves, before this write's listener runs, and the peak would read C + 1.
        finish(ex);
        ChannelFuture f = ctx.write(ex.close ? withClose(r) : r.keepAlive());
        f.addListener(ex);
        closeAfter(ex, f);
    }

    private static ByteBuf withClose(CannedResponse r) {
        return Unpooled.wrappedBuffer(r.header(true), r.body(0, r.bodyLength()));
    }

    private void closeAfter(Exchange ex, ChannelFuture f) {
        if (ex.close) {
            closing = true;
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void scheduleChunk(Exchange ex) {
        ex.timer = ctx.executor().schedule(() -> writeChunk(ex), faults.chunkIntervalNanos(), TimeUnit.NANOSECONDS);
    }

    private void writeChunk(Exchange ex) {
        if (ex.done || !ctx.channel().isActive()) {
            return;
        }
        CannedResponse r = ex.paced;
        int n = Math.min(faults.chunkSize(), r.bodyLength() - ex.offset);
        counters.slowChunk(n);
        ChannelFuture f = ctx.writeAndFlush(r.body(ex.offset, n));
        ex.offset += n;
        if (ex.offset < r.bodyLength()) {
            f.addListener(written -> {
                if (written.isSuccess()) {
                    scheduleChunk(ex);
                }
            });
            return;
        }
        f.addListener(written -> {
            finish(ex);
            pacing = null;
            if (ex.close) {
                closing = true;
                ctx.close();
            } else {
                drain();
            }
        });
    }

    /** Resets the connection: SO_LINGER 0, then a close that skips TLS's close_notify, so the peer sees an RST. */
    private void reset(Exchange ex) {
        counters.reset();
        finish(ex);
        closing = true;
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        ctx.pipeline().firstContext().close();
    }

    private ByteBuf admin(Exchange ex) {
        byte[] body;
        if (ex.refused != null && HttpMethod.POST.equals(ex.method)) {
            return CannedResponse.forbidden(ex.refused, ex.close);
        }
        if (ex.adminPath.equals(STATS) && HttpMethod.GET.equals(ex.method)) {
            body = counters.snapshot().toJson().getBytes(StandardCharsets.UTF_8);
        } else if (ex.adminPath.equals(STATS_RESET) && HttpMethod.POST.equals(ex.method)) {
            MockStats before = counters.snapshot();
            counters.zero();
            body = before.toJson().getBytes(StandardCharsets.UTF_8);
        } else {
            CannedResponse r = catalog.error(ex.adminPath.equals(STATS) || ex.adminPath.equals(STATS_RESET) ? 405 : 404);
            return ex.close ? withClose(r) : r.keepAlive();
        }
        return CannedResponse.json(body, ex.close);
    }

    private void finish(Exchange ex) {
        if (ex.counted && !ex.done) {
            ex.done = true;
            counters.finished();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        for (Exchange ex : queue) {
            if (ex.timer != null) {
                ex.timer.cancel(false);
            }
            if (ex.counted && !ex.done) {
                counters.abandoned();
                finish(ex);
            }
        }
        queue.clear();
        if (pacing != null) {
            if (pacing.timer != null) {
                pacing.timer.cancel(false);
            }
            finish(pacing);
            pacing = null;
        }
        super.channelInactive(context);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        closing = true;
        context.close();
    }

    private static String path(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
