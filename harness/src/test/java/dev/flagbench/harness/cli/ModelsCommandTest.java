package dev.flagbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.core.ConcurrencyModel;
import dev.flagbench.core.ConcurrencyModels;
import org.junit.jupiter.api.Test;

class ModelsCommandTest {

    @Test
    void models_listsEveryDiscoveredModel_withItsSummary() {
        CliRun r = CliRun.of("models");

        assertThat(r.exitCode()).as("succeeds").isZero();
        assertThat(r.out()).as("the reference model is always there").contains("sequential");
        for (ConcurrencyModel m : ConcurrencyModels.all()) {
            assertThat(r.out()).as("lists " + m.name() + " with its summary").contains(m.name()).contains(m.summary());
        }
    }
}
