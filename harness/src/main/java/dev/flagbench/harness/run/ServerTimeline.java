package dev.flagbench.harness.run;

import dev.flagbench.core.mock.MockStats;
import dev.flagbench.harness.data.Timeline;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples a mock server's requests in flight and answered requests at a fixed interval, on a thread of the harness
 * (never in the trial's process, whose threads are the model's), for one trial's {@link Timeline}.
 *
 * <p>A sample reads the server's stats: in this JVM a snapshot of its counters, for an external server a
 * {@code GET /__stats}, which the server does not count as a request. The counters are reset once in a trial, before
 * its measured job while the trial waits between READY and GO: a sample whose answered count is below the last one's
 * comes after that reset, and the count goes on from the last sample's.
 */
public final class ServerTimeline {
    /** The sampling interval of every trial's timeline. */
    public static final Duration INTERVAL = Duration.ofMillis(100);
    /** Phases further than this from the samples are not on this machine's monotonic clock: left out. */
    private static final long PHASE_SLACK_NANOS = Duration.ofHours(1).toNanos();

    private final ServerHandle server;
    private final long intervalNanos;
    private final List<Integer> inFlight = new ArrayList<>();
    private final List<Long> completed = new ArrayList<>();
    private volatile boolean stopped;
    private Thread sampler;
    private long startNanos;
    private long lastAnswered = -1;
    private long base;
    private long first;

    /** A timeline of {@code server} sampled every {@code interval}; sampling starts with {@link #start()}. */
    ServerTimeline(ServerHandle server, Duration interval) {
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("interval must be >= 1 ms, was " + interval);
        }
        this.server = server;
        this.intervalNanos = interval.toMillis() * 1_000_000;
    }

    /** A timeline of {@code server} at {@link #INTERVAL}, not started. */
    public static ServerTimeline of(ServerHandle server) {
        return new ServerTimeline(server, INTERVAL);
    }

    /** Samples while {@code trial} runs (it may {@link #stop()} sooner) and returns what it returned. */
    public <T> T during(Callable<T> trial) throws IOException, InterruptedException {
        start();
        try {
            return trial.call();
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            stop();
        }
    }

    /** Takes the first sample now, then one per interval on a daemon thread until {@link #stop()}. */
    synchronized ServerTimeline start() {
        if (sampler != null) {
            throw new IllegalStateException("this timeline has started already");
        }
        startNanos = System.nanoTime();
        sample();
        sampler = Thread.ofPlatform().daemon().name("server-timeline").start(this::sampleUntilStopped);
        return this;
    }

    private void sampleUntilStopped() {
        for (long i = 1; !stopped; i++) {
            long due = startNanos + i * intervalNanos;
            for (long wait = due - System.nanoTime(); wait > 0 && !stopped; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(this, wait);
            }
            if (stopped || !sample()) {
                return;
            }
        }
    }

    /** One sample; false when the server cannot be read (the trial's own checks report that). */
    private boolean sample() {
        MockStats s;
        try {
            s = server.stats();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        long answered = s.answered();
        synchronized (this) {
            if (lastAnswered < 0) {
                first = answered;
            } else if (answered < lastAnswered) {
                base += lastAnswered; // the counters were reset since the last sample
            }
            lastAnswered = answered;
            inFlight.add(s.inFlight());
            completed.add(base + answered - first);
        }
        return true;
    }

    /** Stops sampling and waits for the sampler to end; the samples so far are kept. Idempotent. */
    public void stop() throws InterruptedException {
        stopped = true;
        Thread t;
        synchronized (this) {
            t = sampler;
        }
        if (t != null) {
            LockSupport.unpark(t);
            t.join();
        }
    }

    /**
     * The samples as a timeline, with {@code phaseNanos} (name to {@code [from, to]} on {@link System#nanoTime()},
     * CLOCK_MONOTONIC, in whichever process of this machine they were read) placed on its axis; {@code null} before
     * the first sample.
     */
    public synchronized Timeline timeline(Map<String, List<Long>> phaseNanos) {
        if (inFlight.isEmpty()) {
            return null;
        }
        long end = startNanos + inFlight.size() * intervalNanos;
        Map<String, List<Long>> phases = new LinkedHashMap<>();
        if (phaseNanos != null) {
            phaseNanos.forEach((name, span) -> {
                if (span != null && span.size() == 2 && span.get(0) <= span.get(1)
                        && span.get(0) > startNanos - PHASE_SLACK_NANOS && span.get(1) < end + PHASE_SLACK_NANOS) {
                    phases.put(name, List.of(Math.round((span.get(0) - startNanos) / 1e6),
                            Math.round((span.get(1) - startNanos) / 1e6)));
                }
            });
        }
        return new Timeline((int) (intervalNanos / 1_000_000), inFlight, completed, phases);
    }
}
