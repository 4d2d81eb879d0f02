package dev.flagbench.core.echo;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One load-generator connection: sends its messages, checks every echoed byte, records latencies and ends by
 * reporting its counts to the {@link LoadRun}, exactly once.
 *
 * <p>Everything but the constructor runs on the channel's event loop, so its state needs no locks (and nothing here
 * blocks: reactive tests run under BlockHound).
 */
final class EchoConnection extends ChannelInboundHandlerAdapter {

    private enum End { DONE, RESET, TIMEOUT }

    /** A message: its number on this connection, where its bytes start in the pattern, when it was due. */
    private record Message(long seq, int offset, long intendedNanos) {
    }

    private final LoadRun run;
    private final int id;
    private final long connectStartNanos;
    private final ArrayDeque<Message> toWrite = new ArrayDeque<>();
    private final ArrayDeque<Message> awaiting = new ArrayDeque<>();
    private Channel channel;
    private LoadRun.Phase phase;
    private int index;
    private boolean closedByPeer;
    private boolean started;
    private boolean finished;
    private boolean timerArmed;
    private long quota;
    private long next;
    private int received;
    private boolean corrupt;
    private long attempted;
    private long intact;
    private long corrupted;

    EchoConnection(LoadRun run, int id, long connectStartNanos) {
        this.run = run;
        this.id = id;
        this.connectStartNanos = connectStartNanos;
    }

    long connectStartNanos() {
        return connectStartNanos;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /** Called on the event loop once every connection is open: the barrier is passed, start sending. */
    void start(LoadRun.Phase p, int i) {
        phase = p;
        index = i;
        started = true;
        if (closedByPeer) {
            end(End.RESET);
            return;
        }
        switch (run.config().pacing()) {
            case EchoLoadConfig.ClosedLoop closed -> send(System.nanoTime());
            case EchoLoadConfig.FixedRate rate -> {
                quota = index < phase.due() ? (phase.due() - index + phase.connections() - 1) / phase.connections() : 0;
                attempted = quota;
                if (quota == 0) {
                    end(End.DONE);
                } else {
                    tick();
                }
            }
        }
    }

    /** Closed loop: the next message once the previous echo is back, until the duration is over. */
    private void sendClosedLoop() {
        long now = System.nanoTime();
        if (now - phase.endNanos() >= 0) {
            end(End.DONE);
        } else {
            send(now);
        }
    }

    /** Closed loop: sends one message now; the first is sent even if the loop started after the end. */
    private void send(long now) {
        Message m = new Message(next, run.offset(id, next), now);
        next++;
        attempted++;
        awaiting.add(m);
        channel.writeAndFlush(run.bytesOf(m.offset()), channel.voidPromise());
        armTimer(now);
    }

    /** Fixed rate: queue every message now due, write what the channel takes, wake up when the next is due. */
    private void tick() {
        if (finished) {
            return;
        }
        long now = System.nanoTime();
        while (next < quota && intended(next) - now <= 0) {
            toWrite.add(new Message(next, run.offset(id, next), intended(next)));
            next++;
        }
        writePending();
        armTimer(now);
        if (next < quota) {
            channel.eventLoop().schedule(this::tick, intended(next) - now, TimeUnit.NANOSECONDS);
        }
    }

    private long intended(long k) {
        return phase.startNanos() + (long) ((index + (double) k * phase.connections()) * phase.periodNanos());
    }

    private void writePending() {
        boolean wrote = false;
        while (!toWrite.isEmpty() && channel.isWritable()) {
            Message m = toWrite.poll();
            awaiting.add(m);
            channel.write(run.bytesOf(m.offset()), channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (started && !finished && ctx.channel().isWritable()) {
            writePending();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (!finished) {
                consume(in);
            }
        } finally {
            in.release();
        }
    }

    /** Compares the echoed bytes with the message they should belong to; a message ends at its last byte. */
    private void consume(ByteBuf in) {
        int size = run.config().messageSize();
        while (in.isReadable() && !finished) {
            Message head = awaiting.peek();
            if (head == null) {
                run.unexpectedBytes(); // bytes nobody sent: the server invented or duplicated them
                in.skipBytes(in.readableBytes());
                return;
            }
            int n = Math.min(in.readableBytes(), size - received);
            if (!corrupt && !ByteBufUtil.equals(in, in.readerIndex(), run.pattern(), head.offset() + received, n)) {
                corrupt = true;
            }
            in.skipBytes(n);
            received += n;
            if (received == size) {
                awaiting.poll();
                received = 0;
                echoed(head);
            }
        }
    }

    private void echoed(Message m) {
        long now = System.nanoTime();
        if (corrupt) {
            corrupted++;
            corrupt = false;
        } else {
            intact++;
            run.recordLatency(now - m.intendedNanos());
        }
        if (run.config().pacing() instanceof EchoLoadConfig.ClosedLoop) {
            sendClosedLoop();
        } else if (next == quota && awaiting.isEmpty() && toWrite.isEmpty()) {
            end(End.DONE);
        }
    }

    private Message oldest() {
        return awaiting.isEmpty() ? toWrite.peek() : awaiting.peek();
    }

    /** Keeps one timer per connection, due when its oldest unanswered message times out. */
    private void armTimer(long now) {
        Message oldest = oldest();
        if (timerArmed || finished || oldest == null) {
            return;
        }
        timerArmed = true;
        channel.eventLoop().schedule(this::checkTimeout, oldest.intendedNanos() + run.timeoutNanos() - now,
                TimeUnit.NANOSECONDS);
    }

    private void checkTimeout() {
        timerArmed = false;
        Message oldest = oldest();
        if (finished || oldest == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - (oldest.intendedNanos() + run.timeoutNanos()) >= 0) {
            end(End.TIMEOUT);
            channel.close();
        } else {
            armTimer(now);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closedByPeer = true;
        if (started) {
            end(End.RESET);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset: counted when the channel goes inactive
    }

    /** Reports this connection's counts, once; a later close by the generator itself is not a reset. */
    private void end(End how) {
        if (finished) {
            return;
        }
        finished = true;
        run.connectionEnded(attempted, intact, corrupted, how == End.RESET, how == End.TIMEOUT);
        phase.done().countDown();
    }
}
