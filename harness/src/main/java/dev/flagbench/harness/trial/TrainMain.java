package dev.flagbench.harness.trial;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.ConcurrencyModels;
import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.Workload;
import dev.flagbench.core.echo.EchoLoadConfig;
import dev.flagbench.core.echo.EchoLoadGenerator;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import dev.flagbench.core.echo.NettyEchoServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Main class of the run's training JVM: it runs every model once, on every workload and with its echo server, against
 * a server without delay, and exits; its JVM options make it write the run's class-data archive as it exits. Every
 * trial JVM then maps the classes of every model from that archive, instead of only those of the first trial's
 * model. Nothing here is measured. Arguments: the warm-up server's base URL, the flag codes, the PEP numbers.
 */
public final class TrainMain {
    private static final int ITEMS = 20;
    private static final int CONCURRENCY = 10;

    private TrainMain() {
    }

    /** Trains, then halts with 0, or 1 on the first failure (the run goes on without a full archive). */
    public static void main(String[] args) {
        int code = 0;
        try {
            URI base = DownloadJob.parseBaseUrl(args[0]);
            List<String> flags = List.of(args[1].split(","));
            List<String> peps = List.of(args[2].split(","));
            // The futex-hash call and Meter's recording, made once, so that the classes every trial loads for them
            // (the FFM linker's, JFR's) are archived too.
            FutexHash.slots();
            try (Meter meter = new Meter()) {
                meter.record();
                meter.start();
                Path recording = Files.createTempFile("training", ".jfr");
                try {
                    meter.stop(recording);
                } finally {
                    Files.deleteIfExists(recording);
                }
            }
            for (ConcurrencyModel model : ConcurrencyModels.all()) {
                for (Workload w : Workload.values()) {
                    List<String> items = DownloadJob.cycle(w == Workload.PEPS ? peps : flags, ITEMS);
                    model.download(new DownloadJob(base, w, items, CONCURRENCY, Duration.ofSeconds(10), null, null, null));
                }
                try (EchoServer server = model.startEchoServer(new EchoServerConfig("127.0.0.1", 0, CONCURRENCY))) {
                    echo(server);
                }
            }
            try (EchoServer server = NettyEchoServer.start(new EchoServerConfig("127.0.0.1", 0, CONCURRENCY))) {
                echo(server);
            }
        } catch (Throwable t) {
            System.err.println("training failed: " + t);
            code = 1;
        }
        System.out.flush();
        System.err.flush();
        // As a trial ends: halt skips shutdown hooks that models may have left, the archive is still written.
        Runtime.getRuntime().halt(code);
    }

    private static void echo(EchoServer server) throws InterruptedException {
        EchoLoadGenerator.run(EchoLoadConfig.closedLoop(server, 1, 64, Duration.ofMillis(100)));
    }
}
