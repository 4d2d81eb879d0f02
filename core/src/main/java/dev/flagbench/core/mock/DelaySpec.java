package dev.flagbench.core.mock;

import dev.flagbench.core.Checks;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long the mock server waits before it answers a request: none, fixed, uniform or exponential.
 *
 * <p>The wait never holds a thread: the server schedules the answer on the connection's event loop.
 */
public sealed interface DelaySpec {

    /** The delay L used for the ideal time: fixed gives d, uniform (min+max)/2, exponential its mean, none 0. */
    Duration nominal();

    /** One delay in nanoseconds, drawn with {@code random} (which the server seeds per request). */
    long sampleNanos(RandomGenerator random);

    /** A short description for reports, the form {@link #parse} reads: {@code fixed:500ms}. */
    String describe();

    /** No delay. */
    static DelaySpec none() {
        return None.INSTANCE;
    }

    /** Always {@code delay}. */
    static DelaySpec fixed(Duration delay) {
        return new Fixed(delay);
    }

    /** Uniformly between {@code min} and {@code max}. */
    static DelaySpec uniform(Duration min, Duration max) {
        return new Uniform(min, max);
    }

    /** Exponentially distributed with {@code mean} (a Poisson server's service time). */
    static DelaySpec exponential(Duration mean) {
        return new Exponential(mean);
    }

    /**
     * Reads what {@link #describe()} writes: {@code none}, {@code fixed:500ms}, {@code uniform:100ms..2s},
     * {@code exponential:250ms}; durations are {@code 500ms}, {@code 0.5s}, {@code 2m} or ISO-8601 ({@code PT0.5S}).
     *
     * @throws IllegalArgumentException naming the text if it is not one of these forms
     */
    static DelaySpec parse(String text) {
        String s = Objects.requireNonNull(text, "delay").strip().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        String arg = colon < 0 ? "" : s.substring(colon + 1);
        try {
            return switch (kind) {
                case "none" -> none();
                case "fixed" -> fixed(parseDuration(arg));
                case "exponential" -> exponential(parseDuration(arg));
                case "uniform" -> {
                    int dots = arg.indexOf("..");
                    if (dots < 0) {
                        throw new IllegalArgumentException("uniform needs min..max");
                    }
                    yield uniform(parseDuration(arg.substring(0, dots)), parseDuration(arg.substring(dots + 2)));
                }
                default -> throw new IllegalArgumentException("unknown kind '" + kind + "'");
            };
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("delay must be none, fixed:D, uniform:MIN..MAX or exponential:MEAN, was '"
                    + text + "' (" + e.getMessage() + ")", e);
        }
    }

    private static Duration parseDuration(String text) {
        String s = text.strip();
        try {
            if (s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(s.substring(0, s.length() - 2)) * 1e6));
            }
            if (s.endsWith("s")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1e9));
            }
            if (s.endsWith("m")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 60e9));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("bad duration '" + text + "'", e);
        }
        throw new IllegalArgumentException("duration '" + text + "' needs a unit (ms, s, m)");
    }

    private static Duration requireNotNegative(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    private static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return d.toString();
    }

    /** No delay: the answer is written as soon as the request is read. */
    record None() implements DelaySpec {
        private static final None INSTANCE = new None();

        @Override
        public Duration nominal() {
            return Duration.ZERO;
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            return 0;
        }

        @Override
        public String describe() {
            return "none";
        }
    }

    /**
     * The same delay for every request.
     *
     * @param delay the delay, zero or more
     */
    record Fixed(Duration delay) implements DelaySpec {
        /** Validates the delay. */
        public Fixed {
            requireNotNegative("delay", delay);
        }

        @Override
        public Duration nominal() {
            return delay;
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            return delay.toNanos();
        }

        @Override
        public String describe() {
            return "fixed:" + format(delay);
        }
    }

    /**
     * A delay drawn uniformly from {@code [min, max]}.
     *
     * @param min the shortest delay, zero or more
     * @param max the longest delay, at least {@code min}
     */
    record Uniform(Duration min, Duration max) implements DelaySpec {
        /** Validates the bounds. */
        public Uniform {
            requireNotNegative("min", min);
            requireNotNegative("max", max);
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("max must be >= min (" + min + "), was " + max);
            }
        }

        @Override
        public Duration nominal() {
            return min.plus(max).dividedBy(2);
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            long lo = min.toNanos();
            long hi = max.toNanos();
            return lo == hi ? lo : lo + (long) (random.nextDouble() * (hi - lo + 1));
        }

        @Override
        public String describe() {
            return "uniform:" + format(min) + ".." + format(max);
        }
    }

    /**
     * An exponentially distributed delay (memoryless, as in an M/M/c queue); never more than about 37 means.
     *
     * @param mean the mean delay, above zero
     */
    record Exponential(Duration mean) implements DelaySpec {
        /** Validates the mean. */
        public Exponential {
            Checks.positive("mean", mean);
        }

        @Override
        public Duration nominal() {
            return mean;
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            return (long) (-Math.log1p(-random.nextDouble()) * mean.toNanos());
        }

        @Override
        public String describe() {
            return "exponential:" + format(mean);
        }
    }
}
