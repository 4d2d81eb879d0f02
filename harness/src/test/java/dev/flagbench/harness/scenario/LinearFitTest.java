package dev.flagbench.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flagbench.harness.data.ScenarioRecord;
import org.junit.jupiter.api.Test;

class LinearFitTest {

    @Test
    void pointsOnALine_giveItsSlopeAndIntercept_andR2OfOne() {
        ScenarioRecord.Fit f = LinearFit.fit("s", "rss", new double[] {1, 2, 3, 4}, new double[] {12, 14, 16, 18});

        assertThat(f.slope()).as("y rises 2 per x").isCloseTo(2, within(1e-9));
        assertThat(f.intercept()).as("y at x = 0").isCloseTo(10, within(1e-9));
        assertThat(f.r2()).as("a perfect fit").isCloseTo(1, within(1e-9));
        assertThat(f.points()).isEqualTo(4);
    }

    @Test
    void scatteredPoints_giveTheLeastSquaresLine() {
        ScenarioRecord.Fit f = LinearFit.fit("s", "rss", new double[] {0, 1, 2}, new double[] {0, 2, 1});

        assertThat(f.slope()).as("least squares: Sxy / Sxx = 1 / 2").isCloseTo(0.5, within(1e-9));
        assertThat(f.intercept()).as("mean y - slope x mean x").isCloseTo(0.5, within(1e-9));
        assertThat(f.r2()).as("Sxy² / (Sxx Syy) = 1 / (2 x 2)").isCloseTo(0.25, within(1e-9));
    }

    @Test
    void onePoint_hasNoSlope() {
        assertThat(LinearFit.fit("s", "rss", new double[] {5}, new double[] {7}).slope()).as("no line through one point")
                .isNaN();
    }
}
