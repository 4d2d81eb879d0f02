package dev.flagbench.core.echo;

import java.net.InetSocketAddress;

/** A running echo server of some model: writes back every byte it reads, until EOF, then closes. */
public interface EchoServer extends AutoCloseable {

    /** The address it listens on (the actual port when 0 was asked for). */
    InetSocketAddress address();

    /** Stops accepting, closes every connection and releases the server's threads; closing again does nothing. */
    @Override
    void close();
}
