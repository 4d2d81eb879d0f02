package dev.flagbench.core;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One download run for a model: which items, from where, how many at once.
 *
 * <p>Every parameter is checked here, before any request is sent; a bad one throws
 * {@link IllegalArgumentException} naming the field and the value. Country codes are normalised to upper case,
 * PEP numbers to plain integers.
 *
 * @param baseUrl the server root; flags are under {@code {base}/flags/}, PEPs under {@code {base}/peps/}
 * @param workload which download workload the items are for
 * @param items country codes (flags workloads) or PEP numbers (peps), in order; duplicates allowed
 * @param maxConcurrency C, the most requests (items) in flight at once
 * @param timeout per-request timeout
 * @param outputDir where to write items, or {@code null} to keep them in memory (counted and checksummed)
 * @param listener told of each finished item
 * @param http the client settings every model applies alike
 */
public record DownloadJob(URI baseUrl, Workload workload, List<String> items, int maxConcurrency, Duration timeout,
                          Path outputDir, ProgressListener listener, HttpSettings http) {

    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern PEP_NUMBER = Pattern.compile("\\d{1,5}");

    /** Validates and normalises every field. */
    public DownloadJob {
        baseUrl = normaliseBase(baseUrl);
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(items, "items");
        if (items.isEmpty()) {
            throw new IllegalArgumentException("items must not be empty");
        }
        items = List.copyOf(normaliseItems(workload, items));
        Checks.atLeast("maxConcurrency", maxConcurrency, 1);
        Checks.positive("timeout", timeout);
        listener = listener == null ? ProgressListener.NONE : listener;
        http = http == null ? HttpSettings.forJob(maxConcurrency, timeout) : http;
        if (http.maxConnections() < maxConcurrency) {
            throw new IllegalArgumentException("http.maxConnections must be >= maxConcurrency (" + maxConcurrency
                    + "), was " + http.maxConnections());
        }
    }

    /** A job with the default settings: C = 1, a 10-second timeout, items kept in memory. */
    public static DownloadJob of(URI baseUrl, Workload workload, List<String> items) {
        return new DownloadJob(baseUrl, workload, items, 1, Duration.ofSeconds(10), null, null, null);
    }

    /** This job with another concurrency; the HTTP settings follow it. */
    public DownloadJob withMaxConcurrency(int c) {
        return new DownloadJob(baseUrl, workload, items, c, timeout, outputDir, listener, null);
    }

    /** This job with another per-request timeout; the HTTP settings follow it. */
    public DownloadJob withTimeout(Duration t) {
        return new DownloadJob(baseUrl, workload, items, maxConcurrency, t, outputDir, listener, null);
    }

    /** This job writing its items to {@code dir}. */
    public DownloadJob withOutputDir(Path dir) {
        return new DownloadJob(baseUrl, workload, items, maxConcurrency, timeout, dir, listener, http);
    }

    /** This job reporting each item to {@code l}. */
    public DownloadJob withListener(ProgressListener l) {
        return new DownloadJob(baseUrl, workload, items, maxConcurrency, timeout, outputDir, l, http);
    }

    /** This job with explicit HTTP settings. */
    public DownloadJob withHttp(HttpSettings settings) {
        return new DownloadJob(baseUrl, workload, items, maxConcurrency, timeout, outputDir, listener, settings);
    }

    private static URI normaliseBase(URI base) {
        Objects.requireNonNull(base, "baseUrl");
        String scheme = base.getScheme();
        if (!base.isAbsolute() || base.getHost() == null
                || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("baseUrl must be an absolute http or https URL with a host, was '" + base + "'");
        }
        if (base.getQuery() != null || base.getFragment() != null) {
            throw new IllegalArgumentException("baseUrl must have no query or fragment, was '" + base + "'");
        }
        String s = base.toString();
        return s.endsWith("/") ? base : URI.create(s + "/");
    }

    /** {@code n} items taken from {@code pool} in turn: the item lists of jobs longer than the content they cycle. */
    public static List<String> cycle(List<String> pool, int n) {
        if (pool.isEmpty()) {
            throw new IllegalArgumentException("pool must not be empty");
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(pool.get(i % pool.size()));
        }
        return out;
    }

    /** Parses a base URL string, with the same checks as the constructor. */
    public static URI parseBaseUrl(String url) {
        try {
            return normaliseBase(new URI(Checks.notBlank("baseUrl", url)));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("baseUrl is not a URL: '" + url + "' (" + e.getReason() + ")");
        }
    }

    private static List<String> normaliseItems(Workload workload, List<String> items) {
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            String field = "items[" + i + "]";
            if (item == null) {
                throw new IllegalArgumentException(field + " must not be null");
            }
            if (workload == Workload.PEPS) {
                if (!PEP_NUMBER.matcher(item).matches()) {
                    throw new IllegalArgumentException(field + ": malformed PEP number '" + item + "' (expected 1 to 5 digits)");
                }
                out.add(Integer.toString(Integer.parseInt(item)));
            } else {
                if (!COUNTRY_CODE.matcher(item).matches()) {
                    throw new IllegalArgumentException(field + ": malformed country code '" + item + "' (expected two letters)");
                }
                out.add(item.toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }
}
