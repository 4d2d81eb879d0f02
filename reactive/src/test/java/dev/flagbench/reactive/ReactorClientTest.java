package dev.flagbench.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The client's self-description, which the report prints in its fairness table. */
class ReactorClientTest {

    @Test
    void version_comesFromTheJar_andTheBuildRecordsTheBomForShadedJars() {
        assertThat(ReactorClient.version()).as("reactor-netty's own manifest names its version").isEqualTo("1.3.8");
        assertThat(ReactorClient.reactorBomVersion()).as("Maven filled in the reactor-bom version")
                .isEqualTo("2025.0.8");
    }
}
