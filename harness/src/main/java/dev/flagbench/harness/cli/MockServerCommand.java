package dev.flagbench.harness.cli;

import dev.flagbench.core.mock.DelaySpec;
import dev.flagbench.core.mock.FaultProfile;
import dev.flagbench.core.mock.MockServer;
import dev.flagbench.core.mock.MockServerConfig;
import dev.flagbench.core.mock.Preset;
import dev.flagbench.harness.run.ServerHandle;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the mock HTTP server standalone until Ctrl-C or SIGTERM, e.g. for another host's harness or flags2. */
@Command(name = "mock-server", mixinStandardHelpOptions = true,
        description = {"Runs the mock flags/PEPs server standalone until Ctrl-C or SIGTERM.",
                "The fault options override the preset's."},
        footer = {"", "POST /__stats/reset must carry the header X-Flagbench-Token (with --token: that value) and no",
                "Origin: a web page cannot reset the counters. On an address other than loopback give --token",
                "(else a random one is made and printed) and pass it to `run --server-token`.",
                "", "Exit codes: 143 stopped by SIGTERM, 130 stopped by Ctrl-C (SIGINT), 1 the port is in use or the",
                "server could not start, 2 bad options (including a --bind address this host does not have)."})
public final class MockServerCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", description = "Port to listen on, 0 for any free one (default: the preset's port in Fluent Python: "
            + "LOCAL 8000, DELAY 8001, ERROR 8002).")
    Integer port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--preset", defaultValue = "LOCAL", description = "LOCAL (no faults), DELAY or ERROR (default: ${DEFAULT-VALUE}).")
    Preset preset;

    @Option(names = "--delay", converter = Converters.DelayConverter.class,
            description = "Response delay: 500ms, 0.5s, uniform:100ms-300ms, exp:200ms, none.")
    DelaySpec delay;

    @Option(names = "--error-rate", description = "Fraction of requests answered with --error-status, 0 to 1.")
    Double errorRate;

    @Option(names = "--error-status", description = "Status of injected errors: 500, 503 or 418.")
    Integer errorStatus;

    @Option(names = "--reset-rate", description = "Fraction of connections reset instead of answered, 0 to 1.")
    Double resetRate;

    @Option(names = "--slow-body", paramLabel = "BYTES_PER_S", description = "Send bodies at this many bytes/s (0 = full speed).")
    Long slowBody;

    @Option(names = "--tls", description = "Serve HTTPS with a generated self-signed certificate.")
    boolean tls;

    @Option(names = "--token", description = "The value POST /__stats/reset must carry in its X-Flagbench-Token header"
            + " (default: any value on a loopback address, a random one printed at start on any other).")
    String token;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the content and of fault injection (default: ${DEFAULT-VALUE}).")
    long seed;

    private final CountDownLatch stop = new CountDownLatch(1);
    private Consumer<MockServer> onStart = server -> { };

    /** Tells {@code listener} the running server (tests use it to find the port). */
    MockServerCommand onStart(Consumer<MockServer> listener) {
        this.onStart = listener;
        return this;
    }

    /** Makes {@link #call()} close the server and return. */
    void stop() {
        stop.countDown();
    }

    @Override
    public Integer call() throws InterruptedException {
        FaultProfile faults = faults();
        int port = this.port == null ? preset.fluentPythonPort() : this.port;
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--port': " + port + " is not in 0..65535");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (token != null && token.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--token': '" + token
                    + "' is blank");
        }
        boolean exposed = !checkedBind(spec, bind).isLoopbackAddress();
        String resetToken = token != null ? token : exposed ? ServerHandle.newToken() : null;
        MockServerConfig config = MockServerConfig.loopback(faults).withHost(bind).withPort(port).withTls(tls).withSeed(seed)
                .withResetToken(resetToken);
        if (exposed) {
            err.println("mock-server: warning: " + bind + " is not a loopback address: other hosts can reach this server;"
                    + " its counters reset only with the token " + (token != null ? "given" : resetToken));
            err.flush();
        }
        MockServer server;
        try {
            server = MockServer.start(config);
        } catch (IOException | RuntimeException e) {
            err.println(isBindFailure(e)
                    ? "mock-server: port " + port + " on " + bind + " is already in use; choose another with --port (0 = any free port)"
                    : "mock-server: cannot start on " + bind + ":" + port + ": " + e);
            err.flush();
            return 1;
        }
        Thread hook = new Thread(() -> {
            stop.countDown();
            server.close();
        }, "mock-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String base = server.baseUrl().toString();
            out.println("mock server (" + preset + ": " + faults.describe() + ", seed " + seed + ") listening on " + base);
            out.println("flags URL: " + base + "flags   (for flags2: -s " + base + "flags)");
            out.println("stats: GET " + base + "__stats   reset: POST " + base + "__stats/reset with header "
                    + MockServerConfig.RESET_TOKEN_HEADER + ": " + (resetToken == null ? "<any value>" : token != null
                    ? "<the --token>" : resetToken));
            out.println("Ctrl-C stops it.");
            out.flush();
            onStart.accept(server);
            stop.await();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook itself is closing the server
                out.flush();
            }
        }
        return 0;
    }

    private FaultProfile faults() {
        FaultProfile p = preset.profile();
        double er = errorRate == null ? p.errorRate() : checkFraction("--error-rate", errorRate);
        int es = errorStatus == null ? p.errorStatus() : checkStatus(errorStatus);
        double rr = resetRate == null ? p.resetRate() : checkFraction("--reset-rate", resetRate);
        long sb = slowBody == null ? p.slowBodyBytesPerSecond() : checkNonNegative("--slow-body", slowBody);
        try {
            return new FaultProfile(delay == null ? p.delay() : delay, er, es, rr, sb);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid values for options '--error-rate' and '--reset-rate': "
                    + er + " + " + rr + " is above 1 (" + e.getMessage() + ")");
        }
    }

    private double checkFraction(String option, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + v + " is not in 0..1");
        }
        return v;
    }

    private int checkStatus(int v) {
        if (!FaultProfile.ERROR_STATUSES.contains(v)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--error-status': " + v
                    + " is not one of 500, 503, 418");
        }
        return v;
    }

    private long checkNonNegative(String option, long v) {
        if (v < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + v + " is negative");
        }
        return v;
    }

    /** The {@code --bind} address, or exit 2 when it does not resolve or is not an address of this host. */
    static java.net.InetAddress checkedBind(CommandLine.Model.CommandSpec spec, String bind) {
        try {
            return Converters.bindAddress(bind);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--bind': '" + bind
                    + "' " + e.getMessage());
        }
    }

    static boolean isBindFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof BindException || String.valueOf(c.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }
}
