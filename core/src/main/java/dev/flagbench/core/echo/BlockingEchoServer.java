package dev.flagbench.core.echo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The plumbing every {@link ServerSocket}-based echo server shares: an accept loop on its own thread, and a blocking
 * copy loop per connection run by the model's {@link Executor}; the executor is the whole difference between models.
 *
 * <p>Backpressure comes free with blocking I/O: while a client does not read, the copy loop's write blocks and the
 * loop stops reading. {@link #close()} closes the listening socket and every accepted connection (running or still
 * queued for a worker), shuts the executor down if it is an {@link ExecutorService}, and waits for its threads.
 */
public final class BlockingEchoServer implements EchoServer {

    /** Accept-queue length asked of the kernel (capped by net.core.somaxconn): a connect storm is queued, not refused. */
    static final int BACKLOG = 4096;

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final ServerSocket listener;
    private final Executor perConnection;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private BlockingEchoServer(ServerSocket listener, String name, Executor perConnection) {
        this.listener = listener;
        this.perConnection = perConnection;
        this.acceptor = Thread.ofPlatform().name(name + "-accept").start(this::acceptLoop);
    }

    /**
     * Binds {@code config}'s address and runs each accepted connection's copy loop on {@code perConnection}.
     *
     * <p>The server owns the executor: it shuts it down on close, or at once if binding fails. An executor that runs
     * the task on the calling thread ({@code Runnable::run}) serves one connection at a time on the accept thread.
     *
     * @param name prefix of the accept thread's name
     */
    public static EchoServer start(EchoServerConfig config, String name, Executor perConnection) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(config.host(), config.port()), BACKLOG);
        } catch (IOException e) {
            listener.close();
            if (perConnection instanceof ExecutorService executor) {
                executor.shutdownNow();
            }
            throw config.bindFailure(e);
        }
        return new BlockingEchoServer(listener, name, perConnection);
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                continue; // closed by close(), which the loop condition sees; otherwise (e.g. out of fds) try again
            }
            open.add(socket);
            if (closed) { // close() may have swept the open set before this socket joined it
                closeQuietly(socket);
                return;
            }
            try {
                perConnection.execute(() -> echo(socket));
            } catch (RejectedExecutionException e) {
                open.remove(socket);
                closeQuietly(socket); // the executor is shutting down: so is the server
            }
        }
    }

    /** Copies what arrives back to the sender until EOF, then closes: PEP 492's echo, with blocking I/O. */
    private void echo(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.getInputStream().transferTo(socket.getOutputStream());
        } catch (IOException e) {
            // the client reset the connection, or close() closed it: either way this connection is over
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        open.forEach(BlockingEchoServer::closeQuietly);
        try {
            if (perConnection instanceof ExecutorService executor) {
                executor.shutdownNow();
                if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("echo connection threads still running " + CLOSE_WAIT
                            + " after close");
                }
            }
            if (!acceptor.join(CLOSE_WAIT)) {
                throw new IllegalStateException(acceptor.getName() + " still running " + CLOSE_WAIT + " after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing a socket that is already broken: nothing left to release
        }
    }
}
