package dev.flagbench.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * What the download workloads mean, independent of any model: the URLs, and how a response becomes an outcome.
 *
 * <p>Every model uses these, so that what differs between two models is only how they schedule the requests.
 * Everything here is non-blocking except {@link #save}.
 */
public final class Downloads {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private Downloads() {
    }

    /** {@code {base}/flags/{cc}/{cc}.gif}, lower-case cc. */
    public static URI flagUri(URI base, String cc) {
        String lc = cc.toLowerCase(Locale.ROOT);
        return base.resolve("flags/" + lc + "/" + lc + ".gif");
    }

    /** {@code {base}/flags/{cc}/metadata.json}, lower-case cc. */
    public static URI metadataUri(URI base, String cc) {
        return base.resolve("flags/" + cc.toLowerCase(Locale.ROOT) + "/metadata.json");
    }

    /** {@code {base}/peps/pep-{NNNN}/}. */
    public static URI pepUri(URI base, String number) {
        return base.resolve(String.format(Locale.ROOT, "peps/pep-%04d/", Integer.parseInt(number)));
    }

    /** The file a flag is saved as in the flags workload: {@code BR.gif}. */
    public static String flagFileName(String cc) {
        return cc + ".gif";
    }

    /** The file a PEP is saved as: {@code pep-0008.html}. */
    public static String pepFileName(String number) {
        return String.format(Locale.ROOT, "pep-%04d.html", Integer.parseInt(number));
    }

    /**
     * Reads a metadata.json response: the file name its flag is saved as, from the country name
     * (Fluent Python's flags3: {@code "United States"} gives {@code United_States.gif}).
     *
     * @throws IOException if the response is not a 200 with a JSON object naming the country
     */
    public static String countryFileName(Response metadata) throws IOException {
        if (metadata.status() != 200) {
            throw new IOException("metadata: " + statusLine(metadata));
        }
        JsonNode node = JSON.readTree(metadata.body());
        JsonNode country = node == null ? null : node.get("country");
        if (country == null || !country.isTextual() || country.asText().isBlank()) {
            throw new IOException("metadata.json has no country name");
        }
        return country.asText().replaceAll("[^\\p{L}\\p{N}().,'-]+", "_") + ".gif";
    }

    /** A GIF response as the outcome of item {@code cc}, to be saved as {@code fileName}. */
    public static ItemOutcome flag(String cc, Response r, String fileName) {
        if (r.status() != 200) {
            return notOk(cc, r);
        }
        byte[] b = r.body();
        if (b.length < 6 || b[0] != 'G' || b[1] != 'I' || b[2] != 'F') {
            return ItemOutcome.of(cc, Status.ERROR, "body is not a GIF (" + b.length + " bytes)");
        }
        return ItemOutcome.ok(cc, b.length, crc32(b), fileName);
    }

    /** A PEP page response as the outcome of item {@code number}; the detail is the page's title. */
    public static ItemOutcome pep(String number, Response r) {
        if (r.status() != 200) {
            return notOk(number, r);
        }
        Matcher m = TITLE.matcher(new String(r.body(), StandardCharsets.UTF_8));
        if (!m.find()) {
            return ItemOutcome.of(number, Status.ERROR, "page has no <title> (" + r.body().length + " bytes)");
        }
        return ItemOutcome.ok(number, r.body().length, crc32(r.body()), m.group(1).strip());
    }

    /** A non-200 response: NOT_FOUND for 404, ERROR with the status line otherwise. */
    public static ItemOutcome notOk(String item, Response r) {
        return r.status() == 404
                ? ItemOutcome.of(item, Status.NOT_FOUND, statusLine(r))
                : ItemOutcome.of(item, Status.ERROR, statusLine(r));
    }

    /**
     * An exception as the outcome of an item: TIMEOUT for a {@link SocketTimeoutException} or {@link TimeoutException}
     * among its causes, CANCELLED for an interrupt, ERROR otherwise. A client whose library signals timeouts with its
     * own types maps them to one of these first.
     */
    public static ItemOutcome failure(String item, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException || c instanceof TimeoutException) {
                return ItemOutcome.of(item, Status.TIMEOUT, describe(c));
            }
            if (c instanceof InterruptedException || c instanceof InterruptedIOException) {
                return ItemOutcome.of(item, Status.CANCELLED, describe(c));
            }
        }
        Throwable root = t;
        while ((root instanceof java.util.concurrent.CompletionException
                || root instanceof java.util.concurrent.ExecutionException
                || root instanceof java.io.UncheckedIOException) && root.getCause() != null) {
            root = root.getCause();
        }
        return ItemOutcome.of(item, Status.ERROR, describe(root));
    }

    /** Writes an item's body to {@code job.outputDir()/fileName}, if the job asks for files. Blocking. */
    public static void save(DownloadJob job, String fileName, byte[] body) throws IOException {
        if (job.outputDir() == null) {
            return;
        }
        Path dir = job.outputDir();
        Files.createDirectories(dir);
        Files.write(dir.resolve(fileName), body);
    }

    /** CRC-32 of {@code bytes}, the checksum every outcome carries. */
    public static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** {@code "HTTP 503 Service Unavailable"}. */
    public static String statusLine(Response r) {
        return r.reason().isBlank() ? "HTTP " + r.status() : "HTTP " + r.status() + " " + r.reason();
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
