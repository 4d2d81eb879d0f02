package dev.flagbench.harness.data;

import java.util.List;
import java.util.Map;

/**
 * One trial: one model, one workload, one level, one repetition, measured in its own forked JVM.
 *
 * @param id unique in the run, e.g. {@code flags/virtual-threads/C1000/r2}; also the stem of its .hgrm file
 * @param model the model's name
 * @param workload flags, flags+metadata, peps or echo
 * @param level C for downloads (max in-flight requests), connections for echo
 * @param repetition 1-based
 * @param state {@code OK}; {@code INVALID} (ran, but its accounting disagrees with the server's);
 *              {@code FAILED} (the JVM died, hung past its time limit, or threw)
 * @param failureReason for FAILED and INVALID, the reason in one line; otherwise {@code null}
 * @param items N: items requested (downloads) or messages sent (echo)
 * @param wallMillis measured phase wall time
 * @param throughput items/s (downloads) or messages/s (echo)
 * @param idealMillis ceil(N / C) x L for downloads with L > 0, else {@code null}
 * @param efficiency ideal / measured, or {@code null} where ideal is
 * @param latency per-request latency (closed model unless {@code latency.openModel})
 * @param counts the client's outcome counts by status (OK, NOT_FOUND, ERROR, TIMEOUT, CANCELLED)
 * @param serverCounts what the server says it sent for this trial, by the same keys, plus "resets"
 * @param accountingMismatches empty when client and server agree, else one line per disagreement
 * @param achievedConcurrency the server's peak in-flight count during the measured phase (downloads)
 * @param resources what the trial JVM used
 * @param jvm the trial JVM's version and options
 * @param clientSettings the fairness settings as the model applied them
 * @param echo the echo measurements, {@code null} for downloads
 * @param sweep the sweep the trial belongs to ({@link #CAPACITY}, {@link #THROUGHPUT} or {@link #COLD}), {@code null} for echo and
 *              for runs made before sweeps existed
 * @param delayMillis the server's nominal delay L in this trial, or {@code null} (echo, old runs: the run's L)
 * @param steady the warm-up to steady state and the measured window, {@code null} for echo and old runs
 * @param timeline the measured server's in-flight and completed counts over the trial, with its phases; {@code null}
 *                 for echo, failed trials and runs made before it was recorded
 */
public record TrialRecord(String id, String model, String workload, int level, int repetition, String state,
                          String failureReason, long items, double wallMillis, double throughput,
                          Double idealMillis, Double efficiency, Latency latency, Map<String, Long> counts,
                          Map<String, Long> serverCounts, List<String> accountingMismatches,
                          Integer achievedConcurrency, Resources resources, JvmInfo jvm,
                          Map<String, String> clientSettings, EchoStats echo, String sweep, Double delayMillis,
                          Steady steady, Timeline timeline) {

    /** What a reader of run.json cannot do without: each missing field or value out of range, in one line. */
    List<String> problems() {
        List<String> p = new java.util.ArrayList<>();
        for (var f : new String[][] {{"id", id}, {"model", model}, {"workload", workload}, {"state", state}}) {
            if (f[1] == null || f[1].isBlank()) {
                p.add("field '" + f[0] + "' is missing");
            }
        }
        if (state != null && !List.of(OK, INVALID, FAILED).contains(state)) {
            p.add("field 'state' is " + state + ", not " + OK + ", " + INVALID + " or " + FAILED);
        }
        if (level < 1) {
            p.add("field 'level' is " + level + " (missing or below 1): a level is C >= 1");
        }
        if (repetition < 1) {
            p.add("field 'repetition' is " + repetition + " (missing or below 1)");
        }
        return p;
    }

    /** The capacity sweep: C rises while C / L stays well below the machine's capacity. */
    public static final String CAPACITY = "capacity";
    /** The cold job: a fresh JVM's one-shot download, measured whole, apart from the sweeps. */
    public static final String COLD = "cold";
    /** The throughput sweep: small L, each model's maximum requests/s and CPU per request. */
    public static final String THROUGHPUT = "throughput";

    /** The key of {@link #serverCounts()} that counts every HTTP request the server answered in the measured phase. */
    public static final String SERVER_REQUESTS = "requests";

    /** The trial ran and its accounting matches the server's. */
    public static final String OK = "OK";
    /** The trial ran but its accounting disagrees with the server's. */
    public static final String INVALID = "INVALID";
    /** The trial did not finish: crash, time limit, exception. */
    public static final String FAILED = "FAILED";

    /** A builder of the record of trial {@code id}: its model, workload, level C and repetition. */
    public static Builder builder(String id, String model, String workload, int level, int repetition) {
        return new Builder(id, model, workload, level, repetition);
    }

    /** Builds a record by name, field by field: each one left unset is null, 0 or false, as in run.json. */
    public static final class Builder {
        private final String id;
        private final String model;
        private final String workload;
        private final int level;
        private final int repetition;
        private String state;
        private String failureReason;
        private long items;
        private double wallMillis;
        private double throughput;
        private Double idealMillis;
        private Double efficiency;
        private Latency latency;
        private Map<String, Long> counts;
        private Map<String, Long> serverCounts;
        private List<String> accountingMismatches;
        private Integer achievedConcurrency;
        private Resources resources;
        private JvmInfo jvm;
        private Map<String, String> clientSettings;
        private EchoStats echo;
        private String sweep;
        private Double delayMillis;
        private Steady steady;
        private Timeline timeline;

        private Builder(String id, String model, String workload, int level, int repetition) {
            this.id = id;
            this.model = model;
            this.workload = workload;
            this.level = level;
            this.repetition = repetition;
        }

        /** Sets state. */
        public Builder state(String value) {
            this.state = value;
            return this;
        }

        /** Sets failureReason. */
        public Builder failureReason(String value) {
            this.failureReason = value;
            return this;
        }

        /** Sets items. */
        public Builder items(long value) {
            this.items = value;
            return this;
        }

        /** Sets wallMillis. */
        public Builder wallMillis(double value) {
            this.wallMillis = value;
            return this;
        }

        /** Sets throughput. */
        public Builder throughput(double value) {
            this.throughput = value;
            return this;
        }

        /** Sets idealMillis. */
        public Builder idealMillis(Double value) {
            this.idealMillis = value;
            return this;
        }

        /** Sets efficiency. */
        public Builder efficiency(Double value) {
            this.efficiency = value;
            return this;
        }

        /** Sets latency. */
        public Builder latency(Latency value) {
            this.latency = value;
            return this;
        }

        /** Sets counts. */
        public Builder counts(Map<String, Long> value) {
            this.counts = value;
            return this;
        }

        /** Sets serverCounts. */
        public Builder serverCounts(Map<String, Long> value) {
            this.serverCounts = value;
            return this;
        }

        /** Sets accountingMismatches. */
        public Builder accountingMismatches(List<String> value) {
            this.accountingMismatches = value;
            return this;
        }

        /** Sets achievedConcurrency. */
        public Builder achievedConcurrency(Integer value) {
            this.achievedConcurrency = value;
            return this;
        }

        /** Sets resources. */
        public Builder resources(Resources value) {
            this.resources = value;
            return this;
        }

        /** Sets jvm. */
        public Builder jvm(JvmInfo value) {
            this.jvm = value;
            return this;
        }

        /** Sets clientSettings. */
        public Builder clientSettings(Map<String, String> value) {
            this.clientSettings = value;
            return this;
        }

        /** Sets echo. */
        public Builder echo(EchoStats value) {
            this.echo = value;
            return this;
        }

        /** Sets sweep. */
        public Builder sweep(String value) {
            this.sweep = value;
            return this;
        }

        /** Sets delayMillis. */
        public Builder delayMillis(Double value) {
            this.delayMillis = value;
            return this;
        }

        /** Sets steady. */
        public Builder steady(Steady value) {
            this.steady = value;
            return this;
        }

        /** Sets timeline. */
        public Builder timeline(Timeline value) {
            this.timeline = value;
            return this;
        }

        /** The record. */
        public TrialRecord build() {
            return new TrialRecord(id, model, workload, level, repetition, state, failureReason, items, wallMillis,
                    throughput, idealMillis, efficiency, latency, counts, serverCounts, accountingMismatches,
                    achievedConcurrency, resources, jvm, clientSettings, echo, sweep, delayMillis, steady, timeline);
        }
    }

    /**
     * How a download trial reached steady state on its session, and the window it was measured in.
     *
     * @param warmupMillis the warm-up on the trial's session, at its level and delay
     * @param warmupJobs the warm-up jobs run
     * @param converged whether the last two warm-up jobs' throughputs agreed within {@code tolerance}; otherwise the
     *                  warm-up stopped at its cap
     * @param tolerance the agreement asked for, as a fraction
     * @param warmupThroughputs each warm-up job's items/s, in order
     * @param windowRequests the measured window's items as requests: each item's share of its time inside the window,
     *                       summed, × the workload's requests per item (in run.json files from before
     *                       shares: the responses read inside it)
     * @param windowMillis the measured window: from the C-th item to finish to the C-th before the last (before:
     *                     the C-th response to the C-th before the last)
     * @param windowThroughput items/s inside the window: the items' shares ÷ its length (see the trial's Window)
     * @param jobEfficiency ideal time of the whole measured job ÷ its wall time (its ramp and tail included)
     * @param warmupJitShares each warm-up job's JIT compile time ÷ its wall time, in order; empty where the trial's
     *                        runtime has no JIT to ask (an external program)
     * @param measuredJitShare the JIT's compile time during the measured job ÷ its wall time, or {@code null}
     * @param jitWarmupMillis the JVM's JIT warm-up before the session (cold jobs, delay-free server), or {@code null}
     * @param jitWarmupQuiet whether that warm-up ended with the JIT quiet rather than at its cap, or {@code null}
     * @param windowThirds where the session's first warm-up job alone reached the warm-up's cap (a round of C is
     *                     longer than the cap: C = 10,000 at L = 5 s), steadiness is judged inside the measured window
     *                     instead of over more warm-up jobs: its three thirds' items/s, in order (each item counted
     *                     by its share of time inside each third), which must agree within the tolerance for the
     *                     trial to have converged; empty where the warm-up jobs judged it
     */
    public record Steady(long warmupMillis, int warmupJobs, boolean converged, double tolerance,
                         List<Double> warmupThroughputs, long windowRequests, double windowMillis,
                         double windowThroughput, Double jobEfficiency, List<Double> warmupJitShares,
                         Double measuredJitShare, Long jitWarmupMillis, Boolean jitWarmupQuiet,
                         List<Double> windowThirds) {
        /** Copies the lists. */
        public Steady {
            warmupThroughputs = warmupThroughputs == null ? List.of() : List.copyOf(warmupThroughputs);
            warmupJitShares = warmupJitShares == null ? List.of() : List.copyOf(warmupJitShares);
            windowThirds = windowThirds == null ? List.of() : List.copyOf(windowThirds);
        }

        /** Judged by the warm-up jobs alone (no window thirds). */
        public Steady(long warmupMillis, int warmupJobs, boolean converged, double tolerance,
                      List<Double> warmupThroughputs, long windowRequests, double windowMillis,
                      double windowThroughput, Double jobEfficiency, List<Double> warmupJitShares,
                      Double measuredJitShare, Long jitWarmupMillis, Boolean jitWarmupQuiet) {
            this(warmupMillis, warmupJobs, converged, tolerance, warmupThroughputs, windowRequests, windowMillis,
                    windowThroughput, jobEfficiency, warmupJitShares, measuredJitShare, jitWarmupMillis, jitWarmupQuiet,
                    null);
        }

        /** Whether steadiness was judged inside the measured window (see {@code windowThirds}). */
        public boolean judgedInWindow() {
            return !windowThirds.isEmpty();
        }

        /** Without JIT figures (a run.json written before they were recorded). */
        public Steady(long warmupMillis, int warmupJobs, boolean converged, double tolerance,
                      List<Double> warmupThroughputs, long windowRequests, double windowMillis,
                      double windowThroughput, Double jobEfficiency) {
            this(warmupMillis, warmupJobs, converged, tolerance, warmupThroughputs, windowRequests, windowMillis,
                    windowThroughput, jobEfficiency, null, null, null, null);
        }

        /** This with the whole job's efficiency set. */
        public Steady withJobEfficiency(Double e) {
            return new Steady(warmupMillis, warmupJobs, converged, tolerance, warmupThroughputs, windowRequests,
                    windowMillis, windowThroughput, e, warmupJitShares, measuredJitShare, jitWarmupMillis, jitWarmupQuiet,
                    windowThirds);
        }
    }

    /** Copies the collections, tolerating nulls from a failed trial. */
    public TrialRecord {
        counts = counts == null ? Map.of() : Map.copyOf(counts);
        serverCounts = serverCounts == null ? Map.of() : Map.copyOf(serverCounts);
        accountingMismatches = accountingMismatches == null ? List.of() : List.copyOf(accountingMismatches);
        clientSettings = clientSettings == null ? Map.of() : Map.copyOf(clientSettings);
    }

    /**
     * Latency percentiles in milliseconds, from an HdrHistogram.
     *
     * @param count samples
     * @param p50 median
     * @param p90 90th percentile
     * @param p99 99th percentile
     * @param p999 99.9th percentile
     * @param max maximum
     * @param mean mean
     * @param openModel whether measured from each request's intended send time (open model)
     * @param hgrmFile the .hgrm percentile file, relative to run.json's folder
     * @param hlogFile the .hlog interval log (echo), relative to run.json's folder, or {@code null}
     * @param fromReady the second clock, or {@code null}: each item's time from the moment it was ready to run (the
     *                  job's start, for the closed jobs measured here) to its last response, so that a model that
     *                  queues items in its own pool or behind a semaphore cannot look faster by it; this record's own
     *                  figures are the first clock, the service time from an item's first request sent to its last
     *                  response read
     */
    public record Latency(long count, double p50, double p90, double p99, double p999, double max, double mean,
                          boolean openModel, String hgrmFile, String hlogFile, Latency fromReady) {
        /** Service time only, without the second clock. */
        public Latency(long count, double p50, double p90, double p99, double p999, double max, double mean,
                       boolean openModel, String hgrmFile, String hlogFile) {
            this(count, p50, p90, p99, p999, max, mean, openModel, hgrmFile, hlogFile, null);
        }

        /** This with its .hgrm file named {@code hgrmFile}. */
        public Latency withHgrmFile(String file) {
            return new Latency(count, p50, p90, p99, p999, max, mean, openModel, file, hlogFile, fromReady);
        }
    }

    /**
     * What the trial JVM used during the measured phase (peaks over the whole JVM life where noted).
     *
     * @param cpuMillis process CPU time of the measured phase
     * @param cpuMicrosPerRequest cpuMillis x 1000 / the HTTP requests the server counted (echo: / messages); runs
     *                            up to 2026-12-08T02-16-11Z divided by items, which flags+metadata counts as two requests
     * @param peakRssBytes VmHWM of the trial JVM (whole life)
     * @param heapAfterGcBytes heap used after a full GC at the end of the measured phase
     * @param peakPlatformThreads ThreadMXBean peak thread count (whole life)
     * @param virtualThreadsStarted virtual threads started in the measured phase (JFR jdk.VirtualThreadStart)
     * @param gcCount collections in the measured phase
     * @param gcMillis collection time in the measured phase
     * @param pinnedEvents JFR jdk.VirtualThreadPinned events in the measured phase
     * @param jitCpuMillis the CPU time of the JIT's compiler threads in the measured phase (part of cpuMillis), read
     *                     from /proc/self/task, or {@code null} where not read
     */
    public record Resources(double cpuMillis, double cpuMicrosPerRequest, long peakRssBytes, long heapAfterGcBytes,
                            int peakPlatformThreads, long virtualThreadsStarted, long gcCount, long gcMillis,
                            long pinnedEvents, Double jitCpuMillis) {
        /** Without the JIT's share (external programs, runs before it was recorded). */
        public Resources(double cpuMillis, double cpuMicrosPerRequest, long peakRssBytes, long heapAfterGcBytes,
                         int peakPlatformThreads, long virtualThreadsStarted, long gcCount, long gcMillis,
                         long pinnedEvents) {
            this(cpuMillis, cpuMicrosPerRequest, peakRssBytes, heapAfterGcBytes, peakPlatformThreads,
                    virtualThreadsStarted, gcCount, gcMillis, pinnedEvents, null);
        }

        /** This with the JFR counts the harness read. */
        public Resources withJfrCounts(long virtualThreads, long pinned) {
            return new Resources(cpuMillis, cpuMicrosPerRequest, peakRssBytes, heapAfterGcBytes, peakPlatformThreads,
                    virtualThreads, gcCount, gcMillis, pinned, jitCpuMillis);
        }

        /** This with CPU per request over {@code requests} instead. */
        public Resources per(long requests) {
            return new Resources(cpuMillis, cpuMillis * 1000 / Math.max(1, requests), peakRssBytes, heapAfterGcBytes,
                    peakPlatformThreads, virtualThreadsStarted, gcCount, gcMillis, pinnedEvents, jitCpuMillis);
        }

        /**
         * This with CPU per request over the HTTP requests the server counted ({@code serverCounts}' {@link
         * #SERVER_REQUESTS}), a flags+metadata item being two; this itself where the count is absent (echo: per message).
         */
        public Resources perServerRequests(Map<String, Long> serverCounts) {
            Long requests = serverCounts == null ? null : serverCounts.get(SERVER_REQUESTS);
            return requests == null || requests <= 0 ? this : per(requests);
        }

        /** CPU per request less the JIT compiler threads' CPU, or NaN where it was not recorded. */
        public double cpuMicrosPerRequestWithoutJit() {
            if (jitCpuMillis == null || cpuMillis <= 0) {
                return Double.NaN;
            }
            return cpuMicrosPerRequest * Math.max(0, cpuMillis - jitCpuMillis) / cpuMillis;
        }
    }

    /**
     * The trial JVM.
     *
     * @param version java.runtime.version
     * @param args the JVM options it was started with
     * @param futexHashSlots the slots of its futex hash while it ran (see FutexHash): -1 where the kernel has no such
     *                       setting, {@code null} when not recorded
     * @param kernelFutexHashSlots the slots the kernel had given it before the trial resized them, or {@code null}
     */
    public record JvmInfo(String version, List<String> args, Integer futexHashSlots, Integer kernelFutexHashSlots) {
        /** Copies the list. */
        public JvmInfo {
            args = List.copyOf(args);
        }

        /** The JVM without futex-hash figures (a trial that failed before it could report them). */
        public JvmInfo(String version, List<String> args) {
            this(version, args, null, null);
        }
    }

    /**
     * Echo-specific measurements.
     *
     * @param connections connections established
     * @param messageBytes message size
     * @param messages messages echoed and verified
     * @param bytesPerSecond verified echo bytes per second
     * @param connectMillis time from the first connect to the barrier (all connected)
     * @param integrityErrors echoed bytes that differed from those sent
     * @param resets connections reset by the server
     * @param connectFailures connections that could not be opened
     * @param timeouts messages not echoed within the timeout
     * @param stalledConnections connections that got no echo during the measured phase
     */
    public record EchoStats(int connections, int messageBytes, long messages, double bytesPerSecond,
                            double connectMillis, long integrityErrors, long resets, long connectFailures,
                            long timeouts, int stalledConnections) {
    }
}
