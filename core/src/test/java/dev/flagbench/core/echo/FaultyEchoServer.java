package dev.flagbench.core.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An echo server for the load generator's tests that misbehaves on purpose, and counts what it did, so that a test
 * can compare the generator's counts with the server's. Thread per connection: tests use a handful.
 */
final class FaultyEchoServer implements AutoCloseable {

    /**
     * The misbehaviour.
     *
     * @param corruptEvery flip every n-th byte of each connection (0: never)
     * @param stallAfter stall once per connection before echoing the chunk holding this byte offset (-1: never)
     * @param stall how long that stall lasts
     * @param resetOnRead reset each connection when its first bytes arrive
     * @param blackHole read everything, echo nothing
     */
    record Faults(int corruptEvery, long stallAfter, Duration stall, boolean resetOnRead, boolean blackHole) {
        static final Faults NONE = new Faults(0, -1, Duration.ZERO, false, false);
    }

    private final Faults faults;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong echoed = new AtomicLong();
    private final AtomicLong corrupted = new AtomicLong();
    private volatile boolean closed;

    private FaultyEchoServer(Faults faults) throws IOException {
        this.faults = faults;
        this.listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("faulty-echo-accept").start(this::accept);
    }

    static FaultyEchoServer start(Faults faults) throws IOException {
        return new FaultyEchoServer(faults);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Bytes written back, corrupted or not. */
    long echoed() {
        return echoed.get();
    }

    /** Bytes flipped before being written back. */
    long corrupted() {
        return corrupted.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                open.add(socket);
                Thread.ofPlatform().daemon().start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        byte[] buffer = new byte[8192];
        long offset = 0;
        boolean stalled = false;
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                if (faults.resetOnRead()) {
                    socket.setSoLinger(true, 0);
                    return;
                }
                if (faults.blackHole()) {
                    continue;
                }
                for (int i = 0; faults.corruptEvery() > 0 && i < n; i++) {
                    if ((offset + i + 1) % faults.corruptEvery() == 0) {
                        buffer[i] ^= 0x5A;
                        corrupted.incrementAndGet();
                    }
                }
                if (!stalled && faults.stallAfter() >= 0 && offset + n > faults.stallAfter()) {
                    stalled = true;
                    Thread.sleep(faults.stall()); // the injected fault itself
                }
                out.write(buffer, 0, n);
                echoed.addAndGet(n);
                offset += n;
            }
        } catch (IOException e) {
            // the generator closed or reset the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
