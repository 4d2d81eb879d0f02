package dev.flagbench.harness.report;

import static dev.flagbench.harness.report.ReportFixture.trial;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flagbench.harness.data.TrialRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
    @TempDir
    Path dir;

    @Test
    void hgrm_isReadLikeHdrHistogramWritesIt_andItsUnitInferredFromTheRecordedMax() throws IOException {
        TrialRecord.Latency latency = new TrialRecord.Latency(1000, 500, 505, 520, 540, 572, 501, false, null, null);
        Path file = dir.resolve("t.hgrm");
        ReportFixture.writeHgrm(file, latency);
        List<Hgrm.Point> points = Hgrm.read(file);
        assertThat(points).as("percentile lines with a finite 1/(1-p)").hasSizeGreaterThan(10);
        assertThat(points.getFirst().percentile()).as("the first line is the 0th percentile").isZero();
        assertThat(points.getLast().value()).as("values in ms, as printed with a scaling ratio of 1,000")
                .isBetween(560.0, 580.0);
        assertThat(Charts.unitScale(572, points.getLast().value())).as("already ms").isEqualTo(1.0);
        assertThat(Charts.unitScale(572, 572_000)).as("µs in the file").isEqualTo(1e-3);
        assertThat(Charts.unitScale(572, 572_000_000)).as("ns in the file").isEqualTo(1e-6);
    }

    @Test
    void percentileAxis_labelsWholeDecadesOnly() {
        assertThat(List.of(Charts.percentileLabel(0), Charts.percentileLabel(1), Charts.percentileLabel(2),
                Charts.percentileLabel(3), Charts.percentileLabel(4), Charts.percentileLabel(1.5)))
                .as("x = log10(1/(1-p)): 0%, 90%, 99%, 99.9%, 99.99%, nothing between")
                .containsExactly("0%", "90%", "99%", "99.9%", "99.99%", "");
    }

    @Test
    void spectrum_usesTheRepetitionWithTheMedianP99_amongTheOkOnes() {
        TrialGroup g = TrialGroup.of(List.of(trial("m", 10, 1, "OK", 0.9, 700, 0), trial("m", 10, 2, "OK", 0.9, 500, 0),
                trial("m", 10, 3, "FAILED", 0.9, 600, 0), trial("m", 10, 4, "OK", 0.9, 600, 0))).getFirst();
        assertThat(Charts.medianByP99(g)).as("p99 500, 600, 700 among OK: the 600 one, repetition 4")
                .get().extracting(TrialRecord::repetition).isEqualTo(4);
    }
}
