package dev.flagbench.harness.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Numbers for people: thousands separators, three significant digits, units. */
final class Fmt {
    /** Shown where a value is missing or not applicable. */
    static final String NONE = "—";

    private Fmt() {
    }

    /** A number rounded to three significant digits, with thousands separators. */
    static String num(double value) {
        if (!Double.isFinite(value)) {
            return NONE;
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_EVEN));
        DecimalFormat format = new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.US));
        format.setMaximumFractionDigits(Math.max(0, rounded.scale()));
        return format.format(rounded);
    }

    /** An exact count with thousands separators, e.g. {@code 10,000}. */
    static String count(long value) {
        return String.format(Locale.US, "%,d", value);
    }

    /** Milliseconds as {@code 512 ms} or {@code 1.23 s}. */
    static String millis(double ms) {
        if (!Double.isFinite(ms)) {
            return NONE;
        }
        return Math.abs(ms) >= 1000 ? num(ms / 1000) + " s" : num(ms) + " ms";
    }

    /** A wall-clock span as {@code 14 min 16 s}, {@code 20 min}, or {@code 42 s} under a minute. */
    static String duration(java.time.Duration d) {
        long s = Math.round(d.toMillis() / 1000.0);
        return s < 60 ? s + " s" : s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }

    /**
     * An ISO-8601 instant from run.json as {@code 2026-12-02 00:17:54 UTC}, to the second; text that is no instant is
     * returned as it is.
     */
    static String instant(String iso) {
        if (iso == null) {
            return NONE;
        }
        try {
            return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
                    .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.parse(iso));
        } catch (java.time.format.DateTimeParseException notAnInstant) {
            return iso;
        }
    }

    /** Bytes in binary units, e.g. {@code 41.2 MiB}. */
    static String bytes(double bytes) {
        if (!Double.isFinite(bytes)) {
            return NONE;
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        double value = bytes;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return num(value) + " " + units[unit];
    }

    /** A ratio as a percentage, e.g. {@code 0.963 -> 96.3 %}. */
    static String percent(double ratio) {
        return Double.isFinite(ratio) ? num(ratio * 100) + " %" : NONE;
    }

    /** Microseconds of CPU, e.g. {@code 85.2 µs}. */
    static String micros(double us) {
        if (!Double.isFinite(us)) {
            return NONE;
        }
        return Math.abs(us) >= 1000 ? millis(us / 1000) : num(us) + " µs";
    }
}
