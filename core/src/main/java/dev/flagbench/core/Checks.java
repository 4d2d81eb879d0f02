package dev.flagbench.core;

import java.time.Duration;
import java.util.Objects;

/** Argument checks whose messages name the field and the bad value, shared by every record in the suite. */
public final class Checks {
    private Checks() {
    }

    /** Requires {@code value >= min}. */
    public static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", was " + value);
        }
        return value;
    }

    /** Requires {@code min <= value <= max}. */
    public static int inRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    /** Requires {@code min <= value <= max}. */
    public static double inRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + " must be in " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    /** Requires a non-null duration above zero. */
    public static Duration positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be > 0, was " + value);
        }
        return value;
    }

    /** Requires a non-null, non-blank string. */
    public static String notBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, was " + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }
}
