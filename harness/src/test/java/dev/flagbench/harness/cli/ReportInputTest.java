package dev.flagbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * `report` on a version-1 run.json that lacks what a report needs: exit 2 naming the field, and nothing written.
 * The JSON in the tables quotes with backticks, for readability.
 */
class ReportInputTest {
    private static final String CONFIG = "`config`: {`matrix`: `custom`, `models`: [`sequential`], `workloads`: [`flags`],"
            + " `levels`: [1]}";

    private static String json(String backticked) {
        return backticked.replace('`', '"');
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "`id`: `a`, `model`: `m`, `workload`: `flags`, `state`: `OK`, `level`: 0, `repetition`: 1 | trials[0] (a): field 'level' is 0",
            "`id`: `b`, `level`: 1, `repetition`: 1                                                 | trials[0] (b): field 'model' is missing",
            "`model`: `m`, `workload`: `flags`, `state`: `OK`, `level`: 1, `repetition`: 1             | trials[0]: field 'id' is missing",
            "`id`: `c`, `model`: `m`, `workload`: `flags`, `state`: `GREAT`, `level`: 2, `repetition`: 1 | field 'state' is GREAT",
            "`id`: `d`, `model`: `m`, `workload`: `flags`, `state`: `OK`, `level`: 2                  | field 'repetition' is 0",
    })
    void runJsonWithABadTrial_exitsWith2_namingTheField_andWritesNothing(String trial, String message, @TempDir Path dir)
            throws IOException {
        Path run = Files.writeString(dir.resolve("run.json"), json("{`formatVersion`: 1, `runId`: `r`, `status`: `complete`, "
                + CONFIG + ", `trials`: [{" + trial + "}], `skipped`: []}"));

        CliRun r = CliRun.of("report", run.toString());

        assertThat(r.exitCode()).as("an unusable run.json is bad input: exit 2").isEqualTo(2);
        assertThat(r.err()).as("the message names the file and the field").contains(run.toString()).contains(message)
                .as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(dir.resolve("charts")).as("no empty charts/ is left").doesNotExist();
        assertThat(dir.resolve("report.md")).as("no report is written").doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{`formatVersion`: 1}                      | field 'config' is missing; field 'trials' is missing",
            "{`formatVersion`: 1, " + CONFIG + "}      | field 'trials' is missing",
    })
    void runJsonWithoutWhatAReportNeeds_exitsWith2_namingTheField(String content, String message, @TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("run.json"), json(content));

        CliRun r = CliRun.of("report", dir.toString());

        assertThat(r.exitCode()).as("exit 2").isEqualTo(2);
        assertThat(r.err()).as("names what is missing").contains(message).doesNotContain("Exception");
    }
}
