package dev.flagbench.core.echo;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --name value} pairs for the two small mains of this package; errors name the option and the value. */
final class CommandLineArgs {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");

    private final Map<String, String> values;

    private CommandLineArgs(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code args}; an option not in {@code known}, or without a value, is an error. */
    static CommandLineArgs parse(String[] args, String... known) {
        Set<String> names = Set.of(known);
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !names.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; known: --"
                        + String.join(", --", known));
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            values.put(name, args[++i]);
        }
        return new CommandLineArgs(values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return parse(name, fallback, Integer::parseInt);
    }

    long longValue(String name, long fallback) {
        return parse(name, fallback, Long::parseLong);
    }

    double decimal(String name) {
        return parse(name, Double.NaN, Double::parseDouble);
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m} or ISO-8601 ({@code PT10S}). */
    Duration duration(String name, String fallback) {
        String text = values.getOrDefault(name, fallback);
        Matcher m = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            double nanos = amount * switch (m.group(2)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                default -> 60e9;
            };
            return Duration.ofNanos((long) nanos);
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a duration like 500ms, 10s, 2m or PT10S, was '"
                    + text + "'");
        }
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private <T> T parse(String name, T fallback, Parser<T> parser) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return parser.parse(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + text + "'");
        }
    }
}
