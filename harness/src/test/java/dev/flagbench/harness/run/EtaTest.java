package dev.flagbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.harness.data.TrialRecord;
import dev.flagbench.harness.trial.TrialSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtaTest {
    @Test
    void remaining_isThePredictionOfTheTrialsLeft_scaledByHowTheFinishedOnesCompared() {
        Eta eta = new Eta(List.of(10.0, 10.0, 20.0));
        assertThat(eta.remaining()).as("before any trial: the plain prediction").isEqualTo(Duration.ofSeconds(40));

        eta.finished(20);

        assertThat(eta.remaining()).as("the first took twice its prediction: so will the rest")
                .isEqualTo(Duration.ofSeconds(60));
        eta.skipped();
        assertThat(eta.remaining()).as("a skipped trial leaves the prediction, the scale stays").isEqualTo(Duration.ofSeconds(40));
        eta.finished(5);
        assertThat(eta.remaining()).as("nothing left").isEqualTo(Duration.ZERO);
        eta.finished(5);
        assertThat(eta.remaining()).as("a trial beyond the plan changes nothing").isEqualTo(Duration.ZERO);
    }

    @Test
    void eachKindOfTrialHasItsOwnScale_andAKindNotYetRunKeepsItsPrediction() {
        // Two short trials that take half their prediction, then two long ones of another kind.
        Eta eta = new Eta(List.of(10.0, 10.0, 100.0, 100.0), List.of("short", "short", "long", "long"));
        eta.finished(5);
        assertThat(eta.remaining()).as("the other short one scaled by its kind's half; the long ones as predicted")
                .isEqualTo(Duration.ofSeconds(5 + 200));
        eta.finished(5);
        eta.finished(150);
        assertThat(eta.remaining()).as("the last long one scaled by the first long one's 1.5")
                .isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void format_readsAsMinutesAndSeconds() {
        assertThat(Eta.format(Duration.ofSeconds(725))).isEqualTo("12 min 5 s left");
        assertThat(Eta.format(Duration.ofSeconds(40))).isEqualTo("40 s left");
    }

    @Test
    void predict_growsWithL_andTheColdJobIsItsRoundsOfC() {
        Plan plan = Matrix.DEFAULT.plan();
        double small = Eta.predict(plan, TrialRecord.CAPACITY, false, 100, 0.02);
        double large = Eta.predict(plan, TrialRecord.CAPACITY, false, 10_000, 2.0);
        assertThat(large).as("a level whose round is 2 s is predicted longer than one of 20 ms").isGreaterThan(small + 10);
        double cold = Eta.predict(plan, TrialRecord.COLD, false, plan.cold().level(), plan.cold().delay().toMillis() / 1000.0);
        assertThat(cold).as("the cold job: JVM start plus its rounds of C and a last round's tail")
                .isEqualTo(2.5 + Math.ceil((double) plan.cold().items() / plan.cold().level()) * 0.1 + 0.15,
                        org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void predict_aRoundLongerThanTheCap_warmsUpOneRound_andTheThroughputSweepToItsCap() {
        Plan plan = Matrix.DEFAULT.plan();
        // C = 10,000 at L = 5 s: a round (at most 7.5 s) outlasts the capacity sweep's 6 s cap, so one warm-up job,
        // then five rounds of 5 s and the last round's tail: 2.5 + 7.5 + 25 + 7.5.
        assertThat(Eta.predict(plan, TrialRecord.CAPACITY, false, 10_000, 5.0)).isEqualTo(42.5, org.assertj.core.data.Offset.offset(1e-9));
        // The throughput sweep at L = 5 ms waits for a quiet JIT: its cap, then a 2 s window and two rounds.
        TrialSpec.Steady t = plan.steady(TrialRecord.THROUGHPUT);
        assertThat(Eta.predict(plan, TrialRecord.THROUGHPUT, false, 1_000, 0.005)).isEqualTo(
                2.5 + t.maxWarmupMillis() / 1000.0 + t.measuredMillis() / 1000.0 + 2 * 0.005 + 1.5 * 0.005,
                org.assertj.core.data.Offset.offset(1e-9));
    }
}
