package dev.flagbench.harness.cli;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one model's echo server standalone until Ctrl-C or SIGTERM. */
@Command(name = "echo-server", mixinStandardHelpOptions = true,
        description = "Runs one model's echo server standalone until Ctrl-C or SIGTERM.",
        footer = {"", "Exit codes: 143 stopped by SIGTERM, 130 stopped by Ctrl-C (SIGINT), 1 the server could not start",
                "(e.g. port in use), 2 bad options (including a --bind address this host does not have)."})
public final class EchoServerCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, converter = Converters.ModelConverter.class,
            completionCandidates = Converters.ModelNames.class,
            description = "The model whose echo server runs: ${COMPLETION-CANDIDATES}.")
    ConcurrencyModel model;

    @Option(names = "--port", defaultValue = "7000", description = "Port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--pool-size", defaultValue = "" + EchoServerConfig.DEFAULT_POOL_SIZE,
            description = "Worker threads, for models with a bounded pool (default: ${DEFAULT-VALUE}).")
    int poolSize;

    @Override
    public Integer call() throws InterruptedException {
        EchoServerConfig config;
        try {
            config = new EchoServerConfig(bind, port, poolSize);
        } catch (IllegalArgumentException e) {
            String option = e.getMessage().startsWith("port") ? "--port" : e.getMessage().startsWith("poolSize") ? "--pool-size" : "--bind";
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + e.getMessage());
        }
        if (!MockServerCommand.checkedBind(spec, bind).isLoopbackAddress()) {
            spec.commandLine().getErr().println("echo-server: warning: " + bind + " is not a loopback address: other"
                    + " hosts can reach this server");
        }
        PrintWriter out = spec.commandLine().getOut();
        EchoServer server;
        try {
            server = model.startEchoServer(config);
        } catch (Exception e) {
            spec.commandLine().getErr().println("echo-server: " + model.name() + " cannot start on " + bind + ":" + port + ": "
                    + (MockServerCommand.isBindFailure(e) ? "the port is already in use" : e.toString()));
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }, "echo-server-shutdown"));
        out.println(model.name() + " echo server listening on " + server.address().getHostString() + ":" + server.address().getPort());
        out.println("Ctrl-C stops it.");
        out.flush();
        stop.await();
        return 0;
    }
}
