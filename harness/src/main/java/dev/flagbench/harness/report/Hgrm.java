package dev.flagbench.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads HdrHistogram's percentile distribution text (.hgrm): Value, Percentile, TotalCount, 1/(1-Percentile). */
final class Hgrm {
    private Hgrm() {
    }

    /**
     * One line of the distribution.
     *
     * @param value the latency at this percentile, in the file's unit
     * @param percentile the percentile as a fraction, 0..1
     * @param inverseTail 1/(1-percentile), infinite for the last line
     */
    record Point(double value, double percentile, double inverseTail) {
    }

    /** The lines of {@code file} with a finite 1/(1-p), in file order; comment and header lines skipped. */
    static List<Point> read(Path file) throws IOException {
        List<Point> points = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length < 4 || line.trim().startsWith("#") || !Character.isDigit(cols[0].charAt(0))) {
                continue;
            }
            try {
                double inverse = Double.parseDouble(cols[3]);
                if (Double.isFinite(inverse)) {
                    points.add(new Point(Double.parseDouble(cols[0]), Double.parseDouble(cols[1]), inverse));
                }
            } catch (NumberFormatException notData) {
                continue;
            }
        }
        return points;
    }
}
