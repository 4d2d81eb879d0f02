package dev.flagbench.harness.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagbench.core.Workload;
import org.junit.jupiter.api.Test;

class TrialWorkloadTest {
    @Test
    void everyDownloadWorkloadOfCore_thenEcho_withCoresLabels() {
        assertThat(TrialWorkload.labels()).containsExactly("flags", "flags+metadata", "peps", "echo");
        for (Workload w : Workload.values()) {
            assertThat(TrialWorkload.of(w).download()).isEqualTo(w);
            assertThat(TrialWorkload.of(w).label()).isEqualTo(w.label());
        }
        assertThat(TrialWorkload.ECHO.isEcho()).isTrue();
        assertThat(TrialWorkload.downloads()).doesNotContain(TrialWorkload.ECHO).hasSize(Workload.values().length);
        assertThatThrownBy(TrialWorkload.ECHO::download).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fromLabel_ignoresCase_andAnUnknownLabelIsNamedWithTheKnownOnes() {
        assertThat(TrialWorkload.fromLabel("Flags+Metadata")).isEqualTo(TrialWorkload.FLAGS_METADATA);
        assertThatThrownBy(() -> TrialWorkload.fromLabel("bogus")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workload: unknown value 'bogus'; known: flags, flags+metadata, peps, echo");
    }

    @Test
    void aSpecFile_carriesTheLabel_andReadsBackToTheSameWorkload() throws Exception {
        ObjectMapper json = Json.MAPPER; // as the harness writes spec files and the trial reads them
        TrialSpec spec = TrialSpec.builder("echo/m/C1/r1", "m", TrialWorkload.ECHO, 1).requestTimeoutMillis(1_000).build();

        String text = json.writeValueAsString(spec);

        assertThat(text).containsPattern("\"workload\" ?: ?\"echo\"");
        assertThat(json.readValue(text, TrialSpec.class).workload()).isEqualTo(TrialWorkload.ECHO);
    }
}
