package dev.flagbench.harness.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;

/** Draws the JMH section's bar chart of scores with XChart and writes it as PNG and SVG under charts/. */
final class JmhChart {
    /** Height of the chart in pixels: taller than {@link Charts#HEIGHT}, for the benchmark names under the bars. */
    static final int HEIGHT = 640;

    private final Path runDir;
    private final List<Path> written = new ArrayList<>();

    /**
     * A chart writer for one run.
     *
     * @param runDir the run's folder; the chart goes to its charts/ subfolder
     */
    JmhChart(Path runDir) {
        this.runDir = runDir;
    }

    /** Every file written so far. */
    List<Path> written() {
        return List.copyOf(written);
    }

    /** One bar: its label under the x axis and its height. */
    record Bar(String label, double value) {
    }

    /**
     * A bar chart with a logarithmic y axis, one bar per positive finite value, in the order given.
     *
     * @param name the file stem under charts/
     * @param title the chart's title
     * @param yTitle the y axis title
     * @param bars the bars; those whose value is not positive and finite are left out (a log axis has no zero)
     * @return the chart, or empty when fewer than two bars are left
     */
    Optional<ChartFile> logBars(String name, String title, String yTitle, List<Bar> bars) throws IOException {
        List<Bar> drawn = bars.stream().filter(b -> Double.isFinite(b.value()) && b.value() > 0).toList();
        if (drawn.size() < 2) {
            return Optional.empty();
        }
        CategoryChart chart = new CategoryChartBuilder().width(Charts.WIDTH).height(HEIGHT).title(title)
                .yAxisTitle(yTitle).build();
        CategoryStyler styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setYAxisLogarithmic(true);
        // Bars rise from the axis minimum, which XChart puts at zero unless told: a decade at least 3x below the lowest.
        double lowest = drawn.stream().mapToDouble(Bar::value).min().orElseThrow();
        styler.setYAxisMin(Math.pow(10, Math.floor(Math.log10(lowest / 3))));
        styler.setYAxisDecimalPattern("#,##0.##");
        styler.setXAxisLabelRotation(90);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xdddddd));
        CategorySeries series = chart.addSeries(yTitle, drawn.stream().map(Bar::label).toList(),
                drawn.stream().map(Bar::value).toList());
        series.setFillColor(new Color(0x1f77b4));
        return Optional.of(write(chart, name, title));
    }

    private ChartFile write(CategoryChart chart, String name, String title) throws IOException {
        return ChartFile.write(chart, runDir, name, title, written);
    }
}
