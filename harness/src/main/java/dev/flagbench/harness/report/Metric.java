package dev.flagbench.harness.report;

import dev.flagbench.harness.data.TrialRecord;
import java.util.Arrays;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** A per-trial number that reports chart and the compare command checks, with its better direction. */
enum Metric {
    /** Items (or messages) per second. */
    THROUGHPUT("throughput", true, TrialRecord::throughput, v -> Fmt.num(v) + "/s"),
    /** 99th-percentile latency. */
    P99("p99", false, t -> t.latency() == null ? Double.NaN : t.latency().p99(), Fmt::millis),
    /** 99th-percentile of the second clock: each item's time from the moment it was ready to run. */
    P99_FROM_READY("p99-from-ready", false,
            t -> t.latency() == null || t.latency().fromReady() == null ? Double.NaN : t.latency().fromReady().p99(),
            Fmt::millis),
    /** Ideal time over measured time. */
    EFFICIENCY("efficiency", true, t -> t.efficiency() == null ? Double.NaN : t.efficiency(), Fmt::percent),
    /** The client's CPU time per HTTP request (see {@link #cpuPerRequest}). */
    CPU_PER_REQUEST("cpu-per-request", false, Metric::cpuPerRequest, Fmt::micros),
    /** CPU time per request less the JIT compiler threads' (which compile the model's code, not run it). */
    CPU_WITHOUT_JIT("cpu-without-jit", false, Metric::cpuPerRequestWithoutJit, Fmt::micros),
    /** Peak resident set size of the trial JVM. */
    RSS("rss", false, t -> t.resources() == null ? Double.NaN : t.resources().peakRssBytes(), Fmt::bytes);

    private final String label;
    private final boolean higherIsBetter;
    private final ToDoubleFunction<TrialRecord> value;
    private final DoubleFunction<String> format;

    Metric(String label, boolean higherIsBetter, ToDoubleFunction<TrialRecord> value, DoubleFunction<String> format) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.value = value;
        this.format = format;
    }

    /** The name on the command line. */
    String label() {
        return label;
    }

    /** Whether a larger value is an improvement. */
    /**
     * The client's CPU time of the measured phase over the HTTP requests the server counted in it, so that a
     * flags+metadata item (two requests) counts twice; the trial's own figure where the server's count is not recorded
     * (echo: per message). Runs made before the harness divided by the server's requests (up to 2026-12-08T02-16-11Z)
     * recorded CPU per item, which this reads per request all the same.
     */
    static double cpuPerRequest(TrialRecord t) {
        return t.resources() == null ? Double.NaN
                : t.resources().perServerRequests(t.serverCounts()).cpuMicrosPerRequest();
    }

    /** {@link #cpuPerRequest} less the JIT compiler threads' share of the CPU, or NaN where it was not recorded. */
    static double cpuPerRequestWithoutJit(TrialRecord t) {
        return t.resources() == null ? Double.NaN
                : t.resources().perServerRequests(t.serverCounts()).cpuMicrosPerRequestWithoutJit();
    }

    boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The trial's value, NaN where the trial has none. */
    double of(TrialRecord trial) {
        return value.applyAsDouble(trial);
    }

    /** The value for people, with its unit. */
    String format(double v) {
        return format.apply(v);
    }

    /** The metric called {@code label}; the error names the option and lists the known values. */
    static Metric fromLabel(String label) {
        for (Metric m : values()) {
            if (m.label.equalsIgnoreCase(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--metric: unknown value '" + label + "'; known: "
                + Arrays.stream(values()).map(Metric::label).collect(Collectors.joining(", ")));
    }
}
