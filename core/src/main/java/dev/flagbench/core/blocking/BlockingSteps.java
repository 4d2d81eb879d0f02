package dev.flagbench.core.blocking;

import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.Downloads;
import dev.flagbench.core.ItemOutcome;
import dev.flagbench.core.Response;
import dev.flagbench.core.Status;
import java.io.IOException;
import java.net.URI;

/**
 * One item of each download workload as blocking calls: what a blocking model runs per item, on whatever thread
 * its style provides. Each step times itself from its first request's send and turns every failure into the
 * item's outcome; none throws.
 */
final class BlockingSteps {

    /** One workload's step, e.g. {@code BlockingSteps::flag}. */
    @FunctionalInterface
    interface Step {
        /** Runs the step for {@code item}. */
        ItemOutcome run(BlockingSteps steps, String item);
    }

    private final DownloadJob job;
    private final BlockingClient client;

    /** Steps of {@code job} through {@code client}. */
    BlockingSteps(DownloadJob job, BlockingClient client) {
        this.job = job;
        this.client = client;
    }

    /** The step that matches the job's workload. */
    static Step forWorkload(DownloadJob job) {
        return switch (job.workload()) {
            case FLAGS -> BlockingSteps::flag;
            case FLAGS_METADATA -> BlockingSteps::flagWithMetadata;
            case PEPS -> BlockingSteps::pep;
        };
    }

    /** GET the flag of {@code cc}; save it as {@code CC.gif} if the job asks for files. */
    ItemOutcome flag(String cc) {
        long t0 = System.nanoTime();
        try {
            return fetchFlag(cc, Downloads.flagFileName(cc)).withLatency(System.nanoTime() - t0);
        } catch (IOException | RuntimeException e) {
            return Downloads.failure(cc, e).withLatency(System.nanoTime() - t0);
        }
    }

    /** GET metadata.json, then the flag, saved under the country name the metadata gives. */
    ItemOutcome flagWithMetadata(String cc) {
        long t0 = System.nanoTime();
        try {
            Response meta = get(Downloads.metadataUri(job.baseUrl(), cc));
            if (meta.status() != 200) {
                return Downloads.notOk(cc, meta).withLatency(System.nanoTime() - t0);
            }
            return fetchFlag(cc, Downloads.countryFileName(meta)).withLatency(System.nanoTime() - t0);
        } catch (IOException | RuntimeException e) {
            return Downloads.failure(cc, e).withLatency(System.nanoTime() - t0);
        }
    }

    /** GET the PEP page and parse its title. */
    ItemOutcome pep(String number) {
        long t0 = System.nanoTime();
        try {
            Response r = get(Downloads.pepUri(job.baseUrl(), number));
            ItemOutcome o = Downloads.pep(number, r);
            if (o.status() == Status.OK) {
                Downloads.save(job, Downloads.pepFileName(number), r.body());
            }
            return o.withLatency(System.nanoTime() - t0);
        } catch (IOException | RuntimeException e) {
            return Downloads.failure(number, e).withLatency(System.nanoTime() - t0);
        }
    }

    /** A GET through the session's client, told to the job's listener once read. */
    private Response get(URI uri) throws IOException {
        Response r = client.get(uri);
        job.listener().onResponse();
        return r;
    }

    /** GET the flag of {@code cc} and save it as {@code fileName}; throws instead of returning a failed outcome. */
    private ItemOutcome fetchFlag(String cc, String fileName) throws IOException {
        Response r = get(Downloads.flagUri(job.baseUrl(), cc));
        ItemOutcome o = Downloads.flag(cc, r, fileName);
        if (o.status() == Status.OK) {
            Downloads.save(job, fileName, r.body());
        }
        return o;
    }
}
