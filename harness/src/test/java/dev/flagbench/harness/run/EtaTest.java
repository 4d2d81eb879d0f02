package dev.flagbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

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
    void format_readsAsMinutesAndSeconds() {
        assertThat(Eta.format(Duration.ofSeconds(725))).isEqualTo("12 min 5 s left");
        assertThat(Eta.format(Duration.ofSeconds(40))).isEqualTo("40 s left");
    }

    @Test
    void predict_growsWithL_andTheColdJobIsItsRoundsOfC() {
        Plan plan = Matrix.DEFAULT.plan();
        double small = Eta.predict(plan, false, false, 100, 0.02);
        double large = Eta.predict(plan, false, false, 10_000, 2.0);
        assertThat(large).as("a level whose round is 2 s is predicted longer than one of 20 ms").isGreaterThan(small + 10);
        double cold = Eta.predict(plan, true, false, plan.cold().level(), plan.cold().delay().toMillis() / 1000.0);
        assertThat(cold).as("the cold job: JVM start plus its rounds of C and a last round's tail")
                .isEqualTo(2.5 + Math.ceil((double) plan.cold().items() / plan.cold().level()) * 0.1 + 0.15,
                        org.assertj.core.data.Offset.offset(1e-9));
    }
}
