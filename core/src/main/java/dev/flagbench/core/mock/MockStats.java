package dev.flagbench.core.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the mock server counted since it started or since its stats were last reset; also its {@code /__stats} JSON.
 *
 * <p>A request is counted in {@code totalRequests} when it has been fully read, then, when its answer starts, in
 * {@code requests} under its kind and status, or in {@code resetsInjected} if its connection is reset instead, or
 * in {@code abandoned} if the client closed the connection first. So when nothing is in flight,
 * {@code totalRequests == answered() + resetsInjected + abandoned}. Requests to {@code /__stats} are not counted.
 *
 * @param totalRequests requests read (each one is also the sequence number its faults are drawn from)
 * @param requests answered requests by kind ({@link #FLAG}, {@link #METADATA}, {@link #PEP}, {@link #OTHER}), then status
 * @param bytesSent body bytes written (headers not included)
 * @param inFlight requests read but not yet fully answered, now
 * @param peakInFlight the most requests in flight at once (the achieved concurrency)
 * @param resetsInjected connections reset instead of answering a request
 * @param abandoned requests whose connection was closed by the client (or reset with them) before their answer started
 * @param connections connections accepted
 */
public record MockStats(long totalRequests, Map<String, Map<Integer, Long>> requests, long bytesSent, int inFlight,
                        int peakInFlight, long resetsInjected, long abandoned, long connections) {

    /** Requests for {@code /flags/{cc}/{cc}.gif}. */
    public static final String FLAG = "flag";
    /** Requests for {@code /flags/{cc}/metadata.json}. */
    public static final String METADATA = "metadata";
    /** Requests for {@code /peps/pep-{NNNN}/}. */
    public static final String PEP = "pep";
    /** Any other request. */
    public static final String OTHER = "other";
    /** Every kind, in the order reports list them. */
    public static final List<String> KINDS = List.of(FLAG, METADATA, PEP, OTHER);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the map into an unmodifiable one sorted by kind and status. */
    public MockStats {
        Map<String, Map<Integer, Long>> copy = new TreeMap<>();
        if (requests != null) {
            requests.forEach((kind, byStatus) -> copy.put(kind, Collections.unmodifiableMap(new TreeMap<>(byStatus))));
        }
        requests = Collections.unmodifiableMap(copy);
    }

    /** Requests of {@code kind} answered with {@code status}. */
    public long count(String kind, int status) {
        return requests.getOrDefault(kind, Map.of()).getOrDefault(status, 0L);
    }

    /** Requests of {@code kind} answered, whatever the status. */
    public long count(String kind) {
        return requests.getOrDefault(kind, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests answered with {@code status}, whatever the kind. */
    public long countStatus(int status) {
        return requests.values().stream().mapToLong(m -> m.getOrDefault(status, 0L)).sum();
    }

    /** Requests answered, whatever the kind and status. */
    public long answered() {
        return requests.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    /** These stats as the JSON {@code GET /__stats} returns. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write stats as JSON", e);
        }
    }

    /**
     * Reads the JSON of {@code GET /__stats}.
     *
     * @throws IllegalArgumentException if {@code json} is not such a document
     */
    public static MockStats fromJson(String json) {
        try {
            return JSON.readValue(json, MockStats.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a /__stats document: " + e.getOriginalMessage(), e);
        }
    }
}
