package dev.flagbench.harness.report;

import static dev.flagbench.harness.report.ReportFixture.trial;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.harness.data.TrialRecord;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ReportKneeTest {
    private static final double L = 500;

    private static List<TrialGroup> groups(TrialRecord... trials) {
        return TrialGroup.of(List.of(trials));
    }

    @Test
    void efficiencyExactlyPointNine_meetsTheKnee() {
        List<TrialGroup> g = groups(trial("m", 10, 1, "OK", 0.95, 510, 0), trial("m", 100, 1, "OK", 0.9, 520, 0),
                trial("m", 1000, 1, "OK", 0.8999, 530, 0));
        assertThat(Knee.knee(g, L)).as("0.9 is enough (>=), 0.8999 is not").isEqualTo(OptionalInt.of(100));
    }

    @Test
    void medianOverRepetitions_decides_notTheWorstRepetition() {
        List<TrialGroup> g = groups(trial("m", 100, 1, "OK", 0.95, 510, 0), trial("m", 100, 2, "OK", 0.5, 510, 0),
                trial("m", 100, 3, "OK", 0.92, 510, 0));
        assertThat(Knee.knee(g, L)).as("the median of 0.95, 0.5, 0.92 is 0.92").isEqualTo(OptionalInt.of(100));
    }

    @Test
    void errorAtAMiddleLevel_excludesThatLevel_butNotTheCleanLevelAbove() {
        List<TrialGroup> g = groups(trial("m", 10, 1, "OK", 0.95, 510, 0), trial("m", 100, 1, "OK", 0.95, 510, 3),
                trial("m", 1000, 1, "OK", 0.93, 600, 0));
        assertThat(Knee.misses(g.get(1), L)).as("the middle level names its failed requests")
                .containsExactly("3 ERROR requests");
        assertThat(Knee.knee(g, L)).as("the knee is the highest level meeting every criterion")
                .isEqualTo(OptionalInt.of(1000));
    }

    @Test
    void p99AboveTwiceL_orAFailedRepetition_missesTheKnee() {
        List<TrialGroup> g = groups(trial("m", 10, 1, "OK", 0.95, 1000, 0), trial("m", 100, 1, "OK", 0.95, 1100, 0),
                trial("m", 1000, 1, "OK", 0.95, 600, 0), trial("m", 1000, 2, "FAILED", 0.95, 600, 0));
        assertThat(Knee.misses(g.get(1), L)).as("p99 1,100 ms is above 2 L = 1,000 ms")
                .containsExactly("p99 1.1 s (above 2 L = 1 s)");
        assertThat(Knee.misses(g.get(2), L)).as("a FAILED repetition disqualifies the level")
                .containsExactly("repetition 2 FAILED: test reason FAILED");
        assertThat(Knee.knee(g, L)).as("p99 exactly 2 L still meets the knee").isEqualTo(OptionalInt.of(10));
    }

    @Test
    void flagsWithMetadata_holdsItsTwoRequestItems_toTwiceLPerRequest() {
        TrialRecord twoRequests = withWorkload(trial("m", 10, 1, "OK", 0.95, 1900, 0), "flags+metadata");
        TrialRecord tooSlow = withWorkload(trial("m", 100, 1, "OK", 0.95, 2100, 0), "flags+metadata");
        List<TrialGroup> g = groups(twoRequests, tooSlow);

        assertThat(Knee.misses(g.get(0), L)).as("p99 1.9 s is within 4 L = 2 s for two requests in a row").isEmpty();
        assertThat(Knee.misses(g.get(1), L)).as("p99 2.1 s is above it")
                .containsExactly("p99 2.1 s (above 2 L per request, 4 L = 2 s)");
        assertThat(Knee.knee(g, L)).as("the knee is the level within 4 L").isEqualTo(OptionalInt.of(10));
    }

    /** {@code t} as a trial of {@code workload}. */
    private static TrialRecord withWorkload(TrialRecord t, String workload) {
        return TrialRecord.builder(t.id().replaceFirst("^flags/", workload + "/"), t.model(), workload, t.level(),
                t.repetition()).state(t.state()).failureReason(t.failureReason()).items(t.items())
                .wallMillis(t.wallMillis()).throughput(t.throughput()).idealMillis(t.idealMillis())
                .efficiency(t.efficiency()).latency(t.latency()).counts(t.counts()).serverCounts(t.serverCounts())
                .accountingMismatches(t.accountingMismatches()).achievedConcurrency(t.achievedConcurrency())
                .resources(t.resources()).jvm(t.jvm()).clientSettings(t.clientSettings()).echo(t.echo()).build();
    }

    @Test
    void noLevelMeetingTheCriteria_hasNoKnee() {
        List<TrialGroup> g = groups(trial("m", 10, 1, "INVALID", 0.95, 510, 0), trial("m", 100, 1, "OK", 0.5, 510, 0));
        assertThat(Knee.knee(g, L)).as("INVALID and inefficient levels give no knee").isEmpty();
    }

    @Test
    void theKnee_isReadBetweenLevels_whereTheMissedCriterionCrossesItsBound_onLogC() {
        List<TrialGroup> efficiency = groups(trial("m", 100, 1, "OK", 0.95, 510, 0),
                trial("m", 1000, 1, "OK", 0.85, 600, 0));
        Knee.Reading r = Knee.reading(efficiency, L);
        assertThat(r.tested()).as("the tested knee").isEqualTo(OptionalInt.of(100));
        assertThat(r.between()).as("95 % to 85 %: 90 % halfway on log C, 100 × 10^0.5")
                .isCloseTo(316.23, org.assertj.core.data.Offset.offset(0.01));

        List<TrialGroup> p99 = groups(trial("m", 100, 1, "OK", 0.95, 500, 0), trial("m", 1000, 1, "OK", 0.95, 1500, 0));
        assertThat(Knee.reading(p99, L).between()).as("p99 ÷ 2 L from 0.5 to 1.5 crosses 1 halfway")
                .isCloseTo(316.23, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void noReadingBetween_whenTheNextLevelLostRequests_andNoKnee_saysWhyAtTheLowestLevel() {
        Knee.Reading lost = Knee.reading(groups(trial("m", 100, 1, "OK", 0.95, 510, 0),
                trial("m", 1000, 1, "OK", 0.85, 600, 2)), L);
        assertThat(lost.between()).as("a level that lost requests is no place to interpolate to").isNaN();
        assertThat(lost.why()).as("and says why").isEqualTo("C = 1,000 lost repetitions or requests");

        Knee.Reading none = Knee.reading(groups(trial("m", 10, 1, "OK", 0.5, 510, 0)), L);
        assertThat(none.tested()).as("no knee").isEmpty();
        assertThat(none.why()).as("the lowest level's misses are the reason")
                .isEqualTo("at C = 10: efficiency 50 % (below 90 %)");

        Knee.Reading top = Knee.reading(groups(trial("m", 10, 1, "OK", 0.95, 510, 0)), L);
        assertThat(top.top()).as("a knee at the highest level run is a lower bound").isTrue();
    }

    @Test
    void numbers_areFormattedForPeople() {
        assertThat(List.of(Fmt.num(12345.6), Fmt.num(0.012345), Fmt.num(96.0), Fmt.count(10000), Fmt.bytes(157286400),
                Fmt.millis(1230), Fmt.percent(0.963))).as("3 significant digits, separators, units")
                .containsExactly("12,300", "0.0123", "96", "10,000", "150 MiB", "1.23 s", "96.3 %");
    }
}
