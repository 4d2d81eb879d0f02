package dev.flagbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the run's time went: each level's trials summed from their timelines, and a long L's trial in rounds. */
class TimeSectionTest {
    @TempDir
    Path dir;

    @Test
    void eachLevelsTrials_summedFromTheirTimelines_andEchoByItsMeasuredPhase() throws Exception {
        Path runJson = ReportFixture.withTimelines(ReportFixture.copyTo(dir));
        ReportWriter.writeAll(ReportWriter.read(runJson), dir);
        String md = Files.readString(dir.resolve("report.md"));
        // The fixture's timelines: 40 samples of 100 ms (4 s), a warm-up of 1.1 s and a measured job of 1.8 s, nine
        // trials at C = 10; its run took 30 min.
        assertThat(md).contains("## Where the run's time went")
                .contains("The run took 30 min; its trials")
                .containsPattern("\\| flags \\| 10 \\| 9 \\| 36 s \\| [0-9.]+ % \\| 4 s \\| 0 ms \\| 1.1 s \\| 1.8 s \\| — \\|")
                .containsPattern("\\| echo \\| 10 \\| 3 \\| [0-9]+ s \\(measured only\\) \\|");
    }

    @Test
    void atALongDelay_aTrialIsGivenInL_andTheLargestShareIsNamed() throws Exception {
        Path runJson = ReportFixture.withTimelines(ReportFixture.copyTo(dir));
        ObjectMapper json = new ObjectMapper();
        ObjectNode run = (ObjectNode) json.readTree(runJson.toFile());
        for (JsonNode t : run.get("trials")) {
            if (t.get("level").asInt() == 1000 && !t.get("workload").asText().equals("echo")) {
                ObjectNode trial = (ObjectNode) t;
                trial.put("sweep", "capacity").put("delayMillis", 5_000.0);
                ((ObjectNode) trial.get("timeline")).put("intervalMillis", 1_000); // 40 samples: 40 s, 8 L
            }
        }
        json.writeValue(runJson.toFile(), run);
        ReportWriter.writeAll(ReportWriter.read(runJson), dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).containsPattern("\\| capacity flags \\| 1,000 \\| 9 \\| 6 min \\| [0-9.]+ % \\| 40 s \\|[^\\n]*\\| 8 L \\|")
                .contains("The largest share: capacity flags at C = 1,000");
    }
}
