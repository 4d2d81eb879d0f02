package dev.flagbench.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flagbench.core.echo.EchoLoadConfig;
import dev.flagbench.core.echo.EchoLoadGenerator;
import dev.flagbench.core.echo.EchoLoadResult;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import io.netty.util.internal.PlatformDependent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every model's echo server must do, checked on real sockets: a model's test subclasses this and names its
 * server and how many connections it is meant to serve at once.
 *
 * <p>The load generator counts what the clients saw; raw sockets check the edges (half-closure, resets,
 * backpressure, close). Loads stay small (at most 1,000 connections, sub-second durations) so that the suite stays
 * fast on two cores; the 10,000-connection runs are manual, with the server in its own JVM.
 */
public abstract class EchoContract {

    /** How many connections a server is meant to serve at once. */
    protected enum Concurrency {
        /** One at a time: the others are accepted (or queued by the kernel) and wait. */
        SERIAL,
        /** As many as {@link EchoServerConfig#poolSize()} workers: the others connect and wait for a worker. */
        BOUNDED_POOL,
        /** Every connection at once: thousands. */
        UNBOUNDED
    }

    private static final int BOUNDED_POOL_SIZE = 8;
    private static final Duration SHORT_RUN = Duration.ofMillis(300);
    private static final Duration GENEROUS = Duration.ofSeconds(10);
    private static final Duration STUCK = Duration.ofMillis(1500);

    private final List<EchoServer> servers = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    /** Starts the server under test with {@code config}. */
    protected abstract EchoServer start(EchoServerConfig config) throws IOException;

    /** How many connections the server is meant to serve at once. */
    protected abstract Concurrency concurrency();

    private EchoServer serve(EchoServerConfig config) throws IOException {
        EchoServer server = start(config);
        servers.add(server);
        return server;
    }

    @AfterEach
    void closeEverything() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        servers.forEach(EchoServer::close);
    }

    @ParameterizedTest(name = "{0}-byte messages")
    @ValueSource(ints = {1, 1000, 65536})
    void echoesEveryByte_over100Connections_from1ByteTo64KiB(int size) throws Exception {
        int connections = concurrency() == Concurrency.SERIAL ? 1 : 100; // serial: one at a time is its contract
        EchoServer server = serve(EchoServerConfig.loopback());

        EchoLoadResult result = EchoLoadGenerator.run(EchoLoadConfig.closedLoop(server, connections, size, SHORT_RUN));

        assertThat(result.failures().total()).as("no integrity error, reset, timeout or connect failure:%n%s",
                result.describe()).isZero();
        assertThat(result.connectionsEchoed()).as("every connection got its messages back").isEqualTo(connections);
        assertThat(result.messages()).as("every message sent came back intact").isEqualTo(result.attempted())
                .isGreaterThanOrEqualTo(connections);
    }

    @Test
    void halfClosingClient_getsEveryByteBack_thenEof() throws Exception {
        EchoServer server = serve(EchoServerConfig.loopback());
        byte[] sent = randomBytes(1 << 20);
        Socket socket = connect(server);
        CompletableFuture<byte[]> echoed = readToEof(socket);

        socket.getOutputStream().write(sent);
        socket.shutdownOutput();

        assertThat(echoed.get(GENEROUS.toSeconds(), TimeUnit.SECONDS))
                .as("after the client's FIN the server still sends back every byte, then closes (EOF)")
                .isEqualTo(sent);
    }

    @Test
    void clientResetMidMessage_doesNotDisturbTheOthers() throws Exception {
        EchoServer server = serve(EchoServerConfig.loopback());
        int others = concurrency() == Concurrency.SERIAL ? 1 : 5;
        List<Socket> good = new ArrayList<>();
        for (int i = 0; i < others; i++) {
            good.add(connect(server));
            assertThat(roundTrip(good.get(i), 1000)).as("connection %d echoes before the reset", i).isTrue();
        }

        Socket rude = connect(server);
        rude.getOutputStream().write(randomBytes(32 * 1024), 0, 16 * 1024); // half of a 32 KiB message
        rude.setSoLinger(true, 0);
        rude.close(); // RST, mid-message

        for (int i = 0; i < others; i++) {
            assertThat(roundTrip(good.get(i), 1000)).as("connection %d still echoes after the reset", i).isTrue();
            good.get(i).close();
        }
        assertThat(roundTrip(connect(server), 1000)).as("a new connection is served after the reset").isTrue();
    }

    @Test
    void holdsAThousandConnectionsAtOnce() throws Exception {
        assumeTrue(concurrency() == Concurrency.UNBOUNDED,
                "only servers meant to hold every connection at once; bounded and serial ones stall by design");
        EchoServer server = serve(EchoServerConfig.loopback());

        EchoLoadResult result = EchoLoadGenerator.run(EchoLoadConfig.closedLoop(server, 1000, 64, SHORT_RUN));

        assertThat(result.failures().total()).as("no failure of any kind:%n%s", result.describe()).isZero();
        assertThat(result.connectionsEstablished()).as("all 1,000 connections opened").isEqualTo(1000);
        assertThat(result.connectionsEchoed()).as("all 1,000 were echoed at once").isEqualTo(1000);
    }

    @Test
    void beyondItsCapacity_connectionsOpenButTheirEchoesStall() throws Exception {
        assumeTrue(concurrency() != Concurrency.UNBOUNDED, "an unbounded server has no capacity to go beyond");
        int capacity = concurrency() == Concurrency.SERIAL ? 1 : BOUNDED_POOL_SIZE;
        int stalled = concurrency() == Concurrency.SERIAL ? 2 : 4;
        EchoServer server = serve(EchoServerConfig.loopback().withPoolSize(BOUNDED_POOL_SIZE));

        EchoLoadResult result = EchoLoadGenerator.run(EchoLoadConfig.closedLoop(server, capacity + stalled, 64,
                SHORT_RUN).withTimeout(Duration.ofSeconds(3)));

        assertThat(result.connectionsEstablished()).as("every connection opens: the kernel accepts them all")
                .isEqualTo(capacity + stalled);
        assertThat(result.connectionsEchoed()).as("only as many as there are workers get echoes")
                .isEqualTo(capacity);
        assertThat(result.failures().timeouts()).as("the others wait for a worker until the timeout")
                .isEqualTo(stalled);
        assertThat(result.failures().unanswered()).as("one unanswered message per stalled connection")
                .isEqualTo(stalled);
        assertThat(result.failures().integrityErrors() + result.failures().resets())
                .as("a stall is neither corruption nor a reset").isZero();
    }

    @Test
    void stalledConnections_areServedAsSoonAsAWorkerFrees() throws Exception {
        assumeTrue(concurrency() != Concurrency.UNBOUNDED, "an unbounded server has no capacity to go beyond");
        int capacity = concurrency() == Concurrency.SERIAL ? 1 : BOUNDED_POOL_SIZE;
        int total = capacity + (concurrency() == Concurrency.SERIAL ? 2 : 4);
        EchoServer server = serve(EchoServerConfig.loopback().withPoolSize(BOUNDED_POOL_SIZE));
        Semaphore echoes = new Semaphore(0);
        Queue<Socket> served = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < total; i++) {
            Socket socket = connect(server);
            Thread.ofPlatform().daemon().start(() -> {
                if (roundTrip(socket, 100)) {
                    served.add(socket);
                    echoes.release();
                }
            });
        }

        assertThat(echoes.tryAcquire(capacity, GENEROUS.toSeconds(), TimeUnit.SECONDS))
                .as("%d connections are served at once", capacity).isTrue();
        assertThat(echoes.tryAcquire(1, 300, TimeUnit.MILLISECONDS))
                .as("the others get no echo while every worker is busy").isFalse();
        int waiting = total - capacity;
        while (waiting > 0) {
            for (Socket done = served.poll(); done != null; done = served.poll()) {
                done.close(); // EOF: frees its worker
            }
            int next = Math.min(capacity, waiting);
            assertThat(echoes.tryAcquire(next, GENEROUS.toSeconds(), TimeUnit.SECONDS))
                    .as("closing served connections frees workers for %d waiting ones", next).isTrue();
            waiting -= next;
        }
    }

    @Test
    void clientThatDoesNotRead_stopsTheServerReading_withoutGrowingItsMemory() throws Exception {
        EchoServer server = serve(EchoServerConfig.loopback());
        long offered = 64L << 20;
        warmUp(server); // a cold server can pause for a second: that must not pass for backpressure
        long before = usedMemory();

        long written;
        try (SocketChannel client = SocketChannel.open(server.address()); Selector selector = Selector.open()) {
            written = writeUntilStuck(client, selector, offered);
            long grown = usedMemory() - before;

            assertThat(written).as("the client's writes stall before 64 MiB: the server stopped reading")
                    .isLessThan(offered);
            assertThat(grown).as("the server holds no more than a few buffers of the %d bytes sent (grew %d)",
                    written, grown).isLessThan(16L << 20);
        }
    }

    @Test
    void close_closesEveryConnectionAndThePort() throws Exception {
        EchoServer server = serve(EchoServerConfig.loopback());
        InetSocketAddress address = server.address();
        List<Socket> clients = List.of(connect(server), connect(server), connect(server));
        assertThat(roundTrip(clients.getFirst(), 10)).as("the first connection is being served").isTrue();

        server.close();

        for (Socket client : clients) {
            client.setSoTimeout((int) GENEROUS.toMillis());
            assertThat(endOfStream(client)).as("every connection, served or waiting, is closed by close()").isTrue();
        }
        assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
                .as("the port no longer accepts").isInstanceOf(ConnectException.class);
    }

    @Test
    void portInUse_isReportedWithThePort() throws Exception {
        EchoServer first = serve(EchoServerConfig.loopback());
        int port = first.address().getPort();

        assertThatThrownBy(() -> serve(EchoServerConfig.loopback().withPort(port)))
                .as("a second server on the same port fails, naming it")
                .isInstanceOf(IOException.class)
                .hasMessageContaining("127.0.0.1:" + port);
    }

    private Socket connect(EchoServer server) throws IOException {
        Socket socket = new Socket(server.address().getAddress(), server.address().getPort());
        socket.setTcpNoDelay(true);
        sockets.add(socket);
        return socket;
    }

    /** Writes {@code size} random bytes and reads them back; false if they differ or the connection failed. */
    private static boolean roundTrip(Socket socket, int size) {
        try {
            byte[] sent = randomBytes(size);
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            socket.getOutputStream().write(sent);
            return Arrays.equals(sent, socket.getInputStream().readNBytes(size));
        } catch (IOException e) {
            return false;
        }
    }

    /** Streams 8 MiB through the server, reading while writing, so that its code paths are compiled and warm. */
    private void warmUp(EchoServer server) throws Exception {
        byte[] sent = randomBytes(8 << 20);
        try (Socket socket = connect(server)) {
            CompletableFuture<byte[]> echoed = readToEof(socket);
            socket.getOutputStream().write(sent);
            socket.shutdownOutput();
            assertThat(echoed.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).as("the warm-up echo is intact")
                    .isEqualTo(sent);
        }
    }

    private static CompletableFuture<byte[]> readToEof(Socket socket) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                socket.setSoTimeout((int) GENEROUS.toMillis());
                result.complete(socket.getInputStream().readAllBytes());
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** True if the server closed the connection (EOF or reset); false if it is still open after the timeout. */
    private static boolean endOfStream(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            ByteArrayOutputStream ignored = new ByteArrayOutputStream();
            in.transferTo(ignored); // returns at EOF
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset: closed too
        }
    }

    /** Writes without ever reading, until {@code limit} or until the socket accepts nothing for {@link #STUCK}. */
    private static long writeUntilStuck(SocketChannel client, Selector selector, long limit) throws IOException {
        client.configureBlocking(false);
        SelectionKey key = client.register(selector, 0);
        ByteBuffer chunk = ByteBuffer.wrap(randomBytes(64 * 1024));
        long written = 0;
        while (written < limit) {
            if (!chunk.hasRemaining()) {
                chunk.clear();
            }
            int n = client.write(chunk);
            written += n;
            if (n == 0) {
                key.interestOps(SelectionKey.OP_WRITE);
                if (selector.select(STUCK.toMillis()) == 0) {
                    return written; // nothing drained for that long: the server is not reading
                }
                selector.selectedKeys().clear();
                key.interestOps(0);
            }
        }
        return written;
    }

    /** Heap plus direct buffers in use after a collection: the server shares this JVM with the test. */
    private static long usedMemory() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return heap + direct + Math.max(0, PlatformDependent.usedDirectMemory()); // Netty's own, when it counts it
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SplittableRandom(n).nextBytes(bytes);
        return bytes;
    }
}
