package dev.flagbench.reactive;

import dev.flagbench.core.Checks;
import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.DownloadResult;
import dev.flagbench.core.Downloads;
import dev.flagbench.core.ItemOutcome;
import dev.flagbench.core.Outcomes;
import dev.flagbench.core.Response;
import dev.flagbench.core.Status;
import dev.flagbench.core.echo.EchoServer;
import dev.flagbench.core.echo.EchoServerConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

/**
 * Project Reactor on reactor-netty's HttpClient: one non-blocking pipeline per job, at most C requests in flight
 * through {@code Flux.flatMap(..., C)}, on an event loop of one thread per core.
 *
 * <p>Each call builds its own event loop and connection pool and disposes them before returning, so that trials
 * are independent. Responses are interpreted by core's {@link Downloads}; what is left here is the scheduling.
 * File writes, the one blocking step, run on {@link Schedulers#boundedElastic()}, never on the event loop.
 */
public final class ReactiveModel implements ConcurrencyModel {

    private final int loopThreads;
    private final String loopName;

    /** The model on one event-loop thread per core. */
    public ReactiveModel() {
        this(Runtime.getRuntime().availableProcessors(), "flagbench-loop");
    }

    /** The model on {@code loopThreads} event-loop threads named after {@code loopName}. */
    ReactiveModel(int loopThreads, String loopName) {
        this.loopThreads = Checks.atLeast("loopThreads", loopThreads, 1);
        this.loopName = Checks.notBlank("loopName", loopName);
    }

    @Override
    public String name() {
        return "reactive";
    }

    @Override
    public String summary() {
        return "Reactor Flux.flatMap(..., C) over reactor-netty's non-blocking HttpClient, on an event loop of one thread per core.";
    }

    @Override
    public Traits traits() {
        return new Traits("Flux, Mono, flatMap(concurrency), event loop",
                "event loop on " + loopThreads + " threads (one per core)");
    }

    @Override
    public DownloadResult downloadFlags(DownloadJob job) throws InterruptedException {
        return run(job, (http, cc) -> flag(job, http, cc, Downloads.flagFileName(cc)));
    }

    @Override
    public DownloadResult downloadFlagsWithMetadata(DownloadJob job) throws InterruptedException {
        return run(job, (http, cc) -> get(http, Downloads.metadataUri(job.baseUrl(), cc))
                .flatMap(meta -> meta.status() != 200
                        ? Mono.just(Downloads.notOk(cc, meta))
                        : Mono.fromCallable(() -> Downloads.countryFileName(meta))
                                .flatMap(fileName -> flag(job, http, cc, fileName))));
    }

    @Override
    public DownloadResult downloadPeps(DownloadJob job) throws InterruptedException {
        return run(job, (http, number) -> get(http, Downloads.pepUri(job.baseUrl(), number))
                .flatMap(r -> saved(job, Downloads.pep(number, r), Downloads.pepFileName(number), r.body())));
    }

    @Override
    public EchoServer startEchoServer(EchoServerConfig config) {
        throw new UnsupportedOperationException("echo server: see the echo issue");
    }

    /** One item of a workload as a lazy, non-blocking Mono of its outcome. */
    @FunctionalInterface
    private interface Step {
        Mono<ItemOutcome> fetch(HttpClient http, String item);
    }

    /**
     * Runs {@code step} for every item, at most C at once, and waits for the last outcome; an interrupt of the
     * calling thread disposes the pipeline, which cancels the requests in flight.
     */
    private DownloadResult run(DownloadJob job, Step step) throws InterruptedException {
        Outcomes outcomes = Outcomes.of(job);
        List<String> items = job.items();
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        boolean interrupted = false;
        try (ReactorClient client = ReactorClient.open(job.http(), job.maxConcurrency(), loopName, loopThreads)) {
            Disposable pipeline = Flux.range(0, items.size())
                    .flatMap(i -> timed(items.get(i), step.fetch(client.http(), items.get(i)))
                            .doOnNext(outcome -> outcomes.record(i, outcome)), job.maxConcurrency())
                    .subscribe(null, error -> {
                        failed.set(error);
                        done.countDown();
                    }, done::countDown);
            try {
                done.await();
            } catch (InterruptedException e) {
                interrupted = true;
                outcomes.cancel();
                pipeline.dispose();
            }
            if (failed.get() != null) {
                throw Exceptions.propagate(failed.get());
            }
            Map<String, String> settings = client.describe();
            if (job.outputDir() != null) {
                settings.put("fileWrites", "Schedulers.boundedElastic()");
            }
            return outcomes.result(settings);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The item's outcome, never an error, with its latency from the subscription of its first request. */
    private static Mono<ItemOutcome> timed(String item, Mono<ItemOutcome> fetch) {
        return Mono.defer(() -> {
            long t0 = System.nanoTime();
            return fetch.onErrorResume(e -> Mono.just(Downloads.failure(item, e)))
                    .map(outcome -> outcome.withLatency(System.nanoTime() - t0));
        });
    }

    /** GET the flag of {@code cc}, saved as {@code fileName} if the job writes files. */
    private static Mono<ItemOutcome> flag(DownloadJob job, HttpClient http, String cc, String fileName) {
        return get(http, Downloads.flagUri(job.baseUrl(), cc))
                .flatMap(r -> saved(job, Downloads.flag(cc, r, fileName), fileName, r.body()));
    }

    /** A GET whose whole body is read, as core's {@link Response}. */
    private static Mono<Response> get(HttpClient http, URI uri) {
        return http.get().uri(uri).responseSingle((response, body) -> body.asByteArray()
                .defaultIfEmpty(new byte[0])
                .map(bytes -> new Response(response.status().code(), response.status().reasonPhrase(), bytes)));
    }

    /** {@code outcome}, after writing {@code body} on boundedElastic when it is OK and the job writes files. */
    private static Mono<ItemOutcome> saved(DownloadJob job, ItemOutcome outcome, String fileName, byte[] body) {
        if (outcome.status() != Status.OK || job.outputDir() == null) {
            return Mono.just(outcome);
        }
        return Mono.fromCallable(() -> {
            Downloads.save(job, fileName, body);
            return outcome;
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
