package dev.flagbench.harness.trial;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * The JIT's compile time as a share of wall time, from the JVM's {@link CompilationMXBean}: how much of a job's
 * time a compiler thread was busy, which on two cores is a core taken from the model.
 */
final class JitClock {
    private final LongSupplier compileMillis;

    /** This JVM's JIT. */
    JitClock() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        this.compileMillis = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit::getTotalCompilationTime
                : () -> -1;
    }

    /** A clock reading {@code compileMillis}: the accumulated compile time in ms, or -1 (for tests). */
    JitClock(LongSupplier compileMillis) {
        this.compileMillis = compileMillis;
    }

    /** A reading to pass to {@link #shareSince}: the accumulated compile time in ms, or -1 where the JVM does not say. */
    long read() {
        return compileMillis.getAsLong();
    }

    /** Compile time since {@code reading} ÷ {@code wallNanos}, or {@code null} where the JVM does not say. */
    Double shareSince(long reading, long wallNanos) {
        long now = read();
        return reading < 0 || now < 0 || wallNanos <= 0 ? null : (now - reading) * 1e6 / wallNanos;
    }

    /** Whether {@code share} is within {@code quiet}: always when quiet is 0 (not asked) or the share unknown. */
    static boolean quiet(Double share, double quiet) {
        return quiet == 0 || share == null || share <= quiet;
    }
}
