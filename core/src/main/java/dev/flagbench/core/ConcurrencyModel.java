package dev.flagbench.core;

import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.io.IOException;

/**
 * A way of doing I/O concurrently, plugged in through {@link java.util.ServiceLoader}: one method per workload.
 *
 * <p>Implementations are stateless and thread-safe; every call builds and closes its own clients, pools and
 * loops, so that a trial measures the model from a cold start. A download method never throws for a failed item:
 * it records the failure as that item's outcome. It returns early, with the unfinished items marked
 * {@link Status#CANCELLED}, when the calling thread is interrupted.
 */
public interface ConcurrencyModel {

    /** The model's name on the command line and in reports, e.g. {@code "virtual-threads"}. */
    String name();

    /** One line saying how the model does I/O concurrently. */
    String summary();

    /** The qualitative rows of the tutorial's Table 1 for this model. */
    Traits traits();

    /** Downloads one flag GIF per item, at most {@code job.maxConcurrency()} requests in flight. */
    DownloadResult downloadFlags(DownloadJob job) throws InterruptedException;

    /** Per item, fetches metadata.json and then, chained on it, the GIF saved under the country's name. */
    DownloadResult downloadFlagsWithMetadata(DownloadJob job) throws InterruptedException;

    /** Downloads one PEP page per item and parses its title. */
    DownloadResult downloadPeps(DownloadJob job) throws InterruptedException;

    /** Starts this model's echo server; the caller closes it. */
    EchoServer startEchoServer(EchoServerConfig config) throws IOException;

    /** Runs the download method that matches {@code job.workload()}. */
    default DownloadResult download(DownloadJob job) throws InterruptedException {
        return switch (job.workload()) {
            case FLAGS -> downloadFlags(job);
            case FLAGS_METADATA -> downloadFlagsWithMetadata(job);
            case PEPS -> downloadPeps(job);
        };
    }

    /**
     * Table 1's qualitative rows.
     *
     * @param primitives the synchronisation and scheduling primitives the model is written with
     * @param processing how work maps onto OS threads, e.g. "multi-thread" or "single-thread event loop"
     */
    record Traits(String primitives, String processing) {
        /** Validates that both rows are given. */
        public Traits {
            Checks.notBlank("primitives", primitives);
            Checks.notBlank("processing", processing);
        }
    }
}
