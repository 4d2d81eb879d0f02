package dev.flagbench.harness.cli;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.DownloadJob;
import dev.flagbench.core.mock.DelaySpec;
import dev.flagbench.harness.external.ModelCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option converters whose errors quote the bad value; picocli adds the option's name and exits with 2. */
public final class Converters {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m)");

    private Converters() {
    }

    /**
     * Parses a duration with a unit: {@code 500ms}, {@code 0.5s}, {@code 2s}, {@code 1m}, {@code 250us}, {@code 0}.
     *
     * @throws IllegalArgumentException quoting the value
     */
    public static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 0.5s, 2s, 1m)");
        }
        double v = Double.parseDouble(m.group(1));
        double nanosPerUnit = switch (m.group(2)) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> 60e9;
        };
        return Duration.ofNanos(Math.round(v * nanosPerUnit));
    }

    /** A duration as a user writes it ({@code 0s}, {@code 500ms}, {@code 2s}, {@code 1.5s}), never ISO-8601's {@code PT0S}. */
    public static String text(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        long nanos = d.toNanos();
        if (nanos % 1_000_000 != 0) {
            return nanos % 1_000 == 0 ? nanos / 1_000 + "us" : nanos + "ns";
        }
        long ms = nanos / 1_000_000;
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /**
     * Parses a mock server's base URL ({@code http://host:port/}, a trailing {@code /flags} dropped) and checks its port.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static URI serverUrl(String text) {
        String s = text.endsWith("/flags") || text.endsWith("/flags/") ? text.replaceFirst("/flags/?$", "/") : text;
        URI u = DownloadJob.parseBaseUrl(s);
        if (u.getPort() > 65535) {
            throw new IllegalArgumentException("port " + u.getPort() + " is not in 1..65535");
        }
        return u;
    }

    /**
     * The address {@code host} names, checked to be one this host can listen on (a wildcard, a loopback or an
     * interface's address).
     *
     * @throws IllegalArgumentException saying why not (unresolvable, or not an address of this host)
     */
    public static InetAddress bindAddress(String host) {
        InetAddress a;
        try {
            a = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot be resolved to an address");
        }
        try {
            if (!a.isAnyLocalAddress() && !a.isLoopbackAddress() && NetworkInterface.getByInetAddress(a) == null) {
                throw new IllegalArgumentException("(" + a.getHostAddress() + ") is not an address of this host");
            }
        } catch (SocketException e) {
            throw new IllegalArgumentException("cannot be checked against this host's interfaces: " + e.getMessage());
        }
        return a;
    }

    /** Why a file operation failed, in words ("permission denied", "no such file or directory"), never just a path. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof FileSystemException) {
            return e.getClass().getSimpleName().replaceFirst("Exception$", "") + " (the file system refused it)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Parses a delay: {@code none}, a fixed duration ({@code 500ms}), {@code uniform:100ms-300ms} or {@code exp:200ms}.
     *
     * @throws IllegalArgumentException quoting the value
     */
    public static DelaySpec delay(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("none") || t.equals("0")) {
                return DelaySpec.none();
            }
            if (t.startsWith("uniform:")) {
                String[] range = t.substring("uniform:".length()).split("-");
                if (range.length != 2) {
                    throw new IllegalArgumentException("expected uniform:MIN-MAX");
                }
                Duration min = duration(range[0]);
                Duration max = duration(range[1]);
                if (max.compareTo(min) < 0) {
                    throw new IllegalArgumentException("MAX is below MIN");
                }
                return DelaySpec.uniform(min, max);
            }
            if (t.startsWith("exp:")) {
                return DelaySpec.exponential(duration(t.substring("exp:".length())));
            }
            Duration d = duration(t);
            return d.isZero() ? DelaySpec.none() : DelaySpec.fixed(d);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a delay (" + e.getMessage()
                    + "; examples: 500ms, 0.5s, uniform:100ms-300ms, exp:200ms, none)");
        }
    }

    /** Converts {@code 500ms}, {@code 0.5s}... for picocli. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return duration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Converts a delay spec for picocli. */
    public static final class DelayConverter implements ITypeConverter<DelaySpec> {
        @Override
        public DelaySpec convert(String value) {
            try {
                return delay(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Converts a model name to the model; the error lists the known names. */
    public static final class ModelConverter implements ITypeConverter<ConcurrencyModel> {
        @Override
        public ConcurrencyModel convert(String value) {
            try {
                return ModelCatalog.byName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The names of the models found (JVM and external), for help texts: {@code ${COMPLETION-CANDIDATES}}. */
    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelCatalog.all().stream().map(ConcurrencyModel::name).iterator();
        }
    }
}
