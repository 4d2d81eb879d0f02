package dev.flagbench.core.echo;

import dev.flagbench.core.ConcurrencyModels;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one echo server in a JVM of its own until the process is stopped, so that a load of thousands of connections
 * does not share the generator's file-descriptor limit: {@code --model NAME [--host 127.0.0.1] [--port 0]
 * [--pool-size 200]}, where NAME is a model's name or {@code netty} for the baseline. Prints the bound address.
 */
public final class EchoServerMain {

    private EchoServerMain() {
    }

    /** Starts the server, prints {@code echo server MODEL listening on HOST:PORT}, and waits to be stopped. */
    public static void main(String[] args) throws IOException, InterruptedException {
        String model;
        EchoServerConfig config;
        try {
            CommandLineArgs line = CommandLineArgs.parse(args, "model", "host", "port", "pool-size");
            model = line.string("model", "netty");
            config = new EchoServerConfig(line.string("host", "127.0.0.1"), line.integer("port", 0),
                    line.integer("pool-size", EchoServerConfig.DEFAULT_POOL_SIZE));
        } catch (IllegalArgumentException e) {
            System.err.println("echo server: " + e.getMessage());
            System.err.println("usage: EchoServerMain --model NAME|netty [--host 127.0.0.1] [--port 0] [--pool-size 200]");
            System.exit(2);
            return;
        }
        EchoServer server = model.equals("netty")
                ? NettyEchoServer.start(config)
                : ConcurrencyModels.byName(model).startEchoServer(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("echo server " + model + " listening on " + server.address().getHostString() + ":"
                + server.address().getPort());
        stopped.await();
    }
}
