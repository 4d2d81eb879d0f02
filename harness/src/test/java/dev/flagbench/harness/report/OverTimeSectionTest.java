package dev.flagbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.harness.data.RunRecord;
import dev.flagbench.harness.data.Timeline;
import dev.flagbench.harness.data.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.json's optional timeline field: read and written back unchanged, absent in old files, and reported. */
class OverTimeSectionTest {
    @TempDir
    Path dir;

    @Test
    void runJsonWithoutTimelines_loads_andTheReportSaysThereAreNone() throws Exception {
        RunRecord run = ReportWriter.read(ReportFixture.copyTo(dir));
        assertThat(run.trials()).as("an old run.json has no timeline field").allMatch(t -> t.timeline() == null);
        ReportWriter.writeAll(run, dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).as("the section says why it has no chart").contains("## Over time")
                .contains("No trial of this run has a timeline");
        assertThat(Files.readString(dir.resolve("index.html"))).as("no over-time chart in the page")
                .doesNotContain("<select class=\"timeline-select\"");
    }

    @Test
    void timelines_roundTripThroughRunJson_andAreCharted() throws Exception {
        Path runJson = ReportFixture.withTimelines(ReportFixture.copyTo(dir));
        RunRecord run = ReportWriter.read(runJson);
        TrialRecord first = run.trials().stream().filter(t -> t.timeline() != null).findFirst().orElseThrow();
        assertThat(first.timeline()).as("the field reads back as written").isEqualTo(ReportFixture.timeline(first.level()));
        Path again = dir.resolve("again.json");
        dev.flagbench.harness.trial.Json.writeAtomically(again, run);
        assertThat(ReportWriter.read(again).trials()).as("written and read again, every trial is the same")
                .containsExactlyElementsOf(run.trials());
        assertThat(Files.readString(again)).as("compact: the samples of a timeline on one line each")
                .containsPattern("\"inFlight\" : \\[ 0, \\d+, \\d+");
        assertThat(first.timeline().throughputPerSecond().get(11)).as("10 C responses per second from the counts")
                .isEqualTo(first.level() * 10.0);
        assertThat(first.timeline().phase(Timeline.MEASURED)).as("phases read back").containsExactly(2100L, 3900L);

        ReportWriter.writeAll(run, dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).as("report.md has the static chart of in flight over time").contains("## Over time")
                .containsPattern("!\\[flags, throughput sweep: requests in flight over time at C = 1,000\\]\\(charts/over-time-in-flight-");
        String html = Files.readString(dir.resolve("index.html"));
        long options = html.split("<option value=", -1).length - 1L;
        assertThat(options).as("the menu offers every download trial with a timeline")
                .isEqualTo(run.trials().stream().filter(t -> t.timeline() != null).count());
        assertThat(html).as("the data is inlined in the page").contains("<script type=\"application/json\" id=\"timeline-data\">[[{\"label\":");
    }
}
