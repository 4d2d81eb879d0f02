package dev.flagbench.harness.run;

import dev.flagbench.core.Workload;
import dev.flagbench.core.mock.MockStats;
import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.trial.TrialResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-checks a trial's outcome counts with what the mock server says it sent during the measured phase.
 *
 * <p>The server counts a request under its kind and status when its answer starts, as a reset when it resets the
 * connection instead, and as abandoned when the client closed the connection first (see MockStats).
 * Definitions (T = the client's TIMEOUT + CANCELLED items: requests the client gave up on, which the server
 * may have answered anyway, after the client stopped listening, or counted as abandoned):
 * <ul>
 *   <li>server OK = 200s of the item's final request kind (flag, pep); client OK &lt;= server OK &lt;= OK + T</li>
 *   <li>server NOT_FOUND = 404s of every kind of the workload; NOT_FOUND &lt;= it &lt;= NOT_FOUND + T</li>
 *   <li>server ERROR = other statuses of those kinds + resets injected; the client's HTTP-status errors
 *       &lt;= other statuses &lt;= them + T, and resets &lt;= the client's I/O errors + T (the client's I/O
 *       errors beyond the resets are connection errors the server never saw: reported, not a mismatch)</li>
 *   <li>flags+metadata: every metadata 200 leads to one flag request, so server flag requests
 *       &lt;= metadata 200s &lt;= flag requests + resets + T</li>
 *   <li>the excess of the server over the client, summed over OK, NOT_FOUND and HTTP errors, is at most T</li>
 * </ul>
 * With no timeouts every count must match exactly.
 */
public final class Accounting {
    private Accounting() {
    }

    /**
     * The cross-check's findings.
     *
     * @param serverCounts the server's counts under the client's keys, plus resets and (flags+metadata) metadata200
     * @param mismatches one line per disagreement; empty when they agree
     */
    public record Check(Map<String, Long> serverCounts, List<String> mismatches) {
    }

    /** Compares {@code client} (a download trial's result) with {@code server} (stats of its measured phase). */
    public static Check check(Workload workload, TrialResult client, MockStats server) {
        List<String> kinds = switch (workload) {
            case FLAGS -> List.of("flag");
            case FLAGS_METADATA -> List.of("metadata", "flag");
            case PEPS -> List.of("pep");
        };
        String last = kinds.get(kinds.size() - 1);
        long s200 = server.count(last, 200);
        long s404 = 0;
        long sOther = 0;
        for (String k : kinds) {
            s404 += server.count(k, 404);
            sOther += server.count(k) - server.count(k, 200) - server.count(k, 404);
        }
        long resets = server.resetsInjected();
        Map<String, Long> sc = new LinkedHashMap<>();
        sc.put("OK", s200);
        sc.put("NOT_FOUND", s404);
        sc.put("ERROR", sOther + resets);
        sc.put("resets", resets);
        sc.put("abandoned", server.abandoned());
        sc.put(TrialRecord.SERVER_REQUESTS, server.totalRequests());
        long ok = client.count("OK");
        long nf = client.count("NOT_FOUND");
        long t = client.count("TIMEOUT") + client.count("CANCELLED");
        List<String> bad = new ArrayList<>();
        within(bad, "OK", ok, s200, t);
        within(bad, "NOT_FOUND", nf, s404, t);
        within(bad, "ERROR (HTTP status)", client.httpErrors(), sOther, t);
        if (resets > client.ioErrors() + t) {
            bad.add("resets: server injected " + resets + ", client saw only " + client.ioErrors() + " I/O errors and " + t + " timeouts");
        }
        long excess = (s200 - ok) + (s404 - nf) + (sOther - client.httpErrors());
        if (excess > t) {
            bad.add("server answered " + excess + " more requests than the client counted, beyond its " + t + " timeouts");
        }
        if (workload == Workload.FLAGS_METADATA) {
            long meta200 = server.count("metadata", 200);
            long flagRequests = server.count("flag");
            sc.put("metadata200", meta200);
            if (meta200 < flagRequests || meta200 > flagRequests + resets + t) {
                bad.add("metadata 200s: server " + meta200 + ", expected between the flag requests (" + flagRequests
                        + ") and them + resets + timeouts (" + (flagRequests + resets + t) + ")");
            }
        }
        if (client.validationError() != null) {
            bad.add("client accounting: " + client.validationError());
        }
        return new Check(sc, bad);
    }

    private static void within(List<String> bad, String what, long client, long server, long tolerance) {
        if (server < client || server > client + tolerance) {
            bad.add(what + ": client " + client + ", server " + server
                    + (tolerance > 0 ? " (allowed: " + client + " to " + (client + tolerance) + ")" : ""));
        }
    }
}
