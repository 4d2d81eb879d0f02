package dev.flagbench.core.echo;

import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections a Netty-based echo server has accepted and not yet closed, so that closing the server closes
 * every one of them, even one accepted while the server was closing (shutting the loops down alone can miss it).
 */
public final class OpenChannels {

    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Remembers {@code channel} until it closes; closes it at once if {@link #closeAll()} was called already. */
    public void add(Channel channel) {
        open.add(channel);
        channel.closeFuture().addListener(f -> open.remove(channel));
        if (closed) {
            channel.close();
        }
    }

    /** Closes every open channel, and every one added from now on. */
    public void closeAll() {
        closed = true;
        open.forEach(Channel::close);
    }
}
