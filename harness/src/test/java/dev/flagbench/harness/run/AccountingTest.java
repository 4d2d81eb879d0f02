package dev.flagbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.Workload;
import dev.flagbench.core.mock.MockStats;
import dev.flagbench.harness.trial.TrialResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountingTest {

    private static TrialResult client(long ok, long notFound, long error, long timeout, long httpErrors) {
        return new TrialResult(Map.of("OK", ok, "NOT_FOUND", notFound, "ERROR", error, "TIMEOUT", timeout, "CANCELLED", 0L),
                httpErrors, error - httpErrors, List.of(), 1, null, null, null, Map.of(), null, null, 0, 0);
    }

    private static MockStats server(Map<String, Map<Integer, Long>> requests, long resets, long abandoned) {
        long answered = requests.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        return new MockStats(answered + resets + abandoned, requests, 0, 0, 1, resets, abandoned, 1);
    }

    @Test
    void exactAgreement_hasNoMismatch() {
        Accounting.Check c = Accounting.check(Workload.FLAGS, client(8, 1, 3, 0, 2),
                server(Map.of("flag", Map.of(200, 8L, 404, 1L, 503, 2L)), 1, 0));

        assertThat(c.mismatches()).as("8 OK, 1 not found, 2 HTTP errors and 1 reset add up").isEmpty();
        assertThat(c.serverCounts()).as("the server's side under the client's keys")
                .containsEntry("OK", 8L).containsEntry("NOT_FOUND", 1L).containsEntry("ERROR", 3L).containsEntry("resets", 1L);
    }

    @Test
    void aServer200TheClientDidNotCount_isAMismatch_withoutTimeoutsToExplainIt() {
        Accounting.Check c = Accounting.check(Workload.PEPS, client(9, 0, 0, 0, 0),
                server(Map.of("pep", Map.of(200, 10L)), 0, 0));

        assertThat(c.mismatches()).as("one line naming OK, the client's and the server's counts")
                .anySatisfy(m -> assertThat(m).contains("OK").contains("client 9").contains("server 10"));
    }

    @Test
    void timeouts_excuseAsManyLateAnswers_andNoMore() {
        Accounting.Check late = Accounting.check(Workload.FLAGS, client(9, 0, 0, 1, 0),
                server(Map.of("flag", Map.of(200, 10L)), 0, 0));
        Accounting.Check tooMany = Accounting.check(Workload.FLAGS, client(8, 0, 0, 1, 0),
                server(Map.of("flag", Map.of(200, 10L)), 0, 0));

        assertThat(late.mismatches()).as("a timed-out request the server answered late is not a mismatch").isEmpty();
        assertThat(tooMany.mismatches()).as("two extra 200s cannot be explained by one timeout").isNotEmpty();
    }

    @Test
    void flagsWithMetadata_needsOneMetadata200PerFlagRequest() {
        Accounting.Check ok = Accounting.check(Workload.FLAGS_METADATA, client(5, 1, 0, 0, 0),
                server(Map.of("metadata", Map.of(200, 5L, 404, 1L), "flag", Map.of(200, 5L)), 0, 0));
        Accounting.Check missing = Accounting.check(Workload.FLAGS_METADATA, client(5, 0, 0, 0, 0),
                server(Map.of("metadata", Map.of(200, 3L), "flag", Map.of(200, 5L)), 0, 0));

        assertThat(ok.mismatches()).as("5 metadata 200s led to 5 flags; the 404 stopped its item").isEmpty();
        assertThat(ok.serverCounts()).as("metadata 200s recorded").containsEntry("metadata200", 5L);
        assertThat(missing.mismatches()).as("5 flag requests need 5 metadata 200s")
                .anySatisfy(m -> assertThat(m).startsWith("metadata 200s"));
    }
}
