package dev.flagbench.harness.report;

import dev.flagbench.harness.data.TrialRecord;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws the report's charts with XChart and writes each as PNG and SVG under charts/. */
final class Charts {
    /** Width of every chart in pixels. */
    static final int WIDTH = 820;
    /** Height of every chart in pixels. */
    static final int HEIGHT = 480;
    /** A y axis that may be logarithmic is when its largest value exceeds the smallest this many times. */
    static final double LOG_Y_SPAN = 20;
    /** A log axis labels 1 to 9 within each decade while it spans at most this ratio, else decades only. */
    static final double LABEL_EVERY_STEP_SPAN = 60;
    /** The model drawn as a reference line on the echo chart. */
    static final String NETTY_BASELINE = "netty-baseline";

    /**
     * Okabe and Ito's colour-blind-safe palette (Color Universal Design, 2008), yellow last for its low contrast on
     * white, then two greys; the PNG/SVG charts and index.html's charts take a model's colour from here.
     */
    private static final int[] PALETTE = {0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9, 0x000000,
        0xF0E442, 0x777777, 0xBBBBBB};

    private final Path runDir;
    private final List<String> models;
    private final List<Path> written = new ArrayList<>();

    /**
     * Charts for one run.
     *
     * @param runDir the run's folder; charts go to its charts/ subfolder
     * @param models every model name in report order, which fixes each model's colour across charts
     */
    Charts(Path runDir, List<String> models) {
        this.runDir = runDir;
        this.models = List.copyOf(models);
    }

    /** Every file written so far. */
    List<Path> written() {
        return List.copyOf(written);
    }

    /**
     * A chart of one metric's median over the OK repetitions against the level, one series per model.
     *
     * @param name the file stem under charts/
     * @param title the chart's title
     * @param xTitle the x axis title
     * @param yTitle the y axis title
     * @param groups the trial groups to plot (one workload)
     * @param value the metric
     * @param logY whether the y axis may be logarithmic: it is when the values span more than {@link #LOG_Y_SPAN}x
     * @param idealOne whether to draw the ideal at 1.0 (efficiency)
     * @return the chart, or empty when no group has an OK value
     */
    Optional<ChartFile> byLevel(String name, String title, String xTitle, String yTitle, List<TrialGroup> groups,
                                ToDoubleFunction<TrialRecord> value, boolean logY, boolean idealOne)
            throws IOException {
        XYChart chart = newChart(title, xTitle, yTitle);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        double[] positive = groups.stream().mapToDouble(g -> g.median(value)).filter(y -> y > 0).toArray();
        boolean log = logY && spans(positive) > LOG_Y_SPAN;
        chart.getStyler().setYAxisLogarithmic(log);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(log && spans(positive) > LABEL_EVERY_STEP_SPAN);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(
                spans(groups.stream().mapToDouble(TrialGroup::level).toArray()) > LABEL_EVERY_STEP_SPAN);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        boolean any = false;
        for (String model : modelsIn(groups)) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            groups.stream().filter(g -> g.model().equals(model)).sorted(Comparator.comparingInt(TrialGroup::level))
                    .forEach(g -> {
                        double y = g.median(value);
                        if (Double.isFinite(y) && (!log || y > 0)) {
                            xs.add((double) g.level());
                            ys.add(y);
                        }
                    });
            if (!xs.isEmpty()) {
                XYSeries series = chart.addSeries(model, xs, ys);
                style(series, model, NETTY_BASELINE.equals(model));
                any = true;
            }
        }
        if (!any) {
            return Optional.empty();
        }
        if (idealOne) {
            double min = groups.stream().mapToInt(TrialGroup::level).min().orElse(1);
            double max = groups.stream().mapToInt(TrialGroup::level).max().orElse(1);
            XYSeries ideal = chart.addSeries("ideal (1.0)", List.of(min, Math.max(max, min * 1.01)), List.of(1.0, 1.0));
            ideal.setMarker(SeriesMarkers.NONE);
            ideal.setLineColor(Color.BLACK);
            ideal.setLineStyle(SeriesLines.DASH_DASH);
        }
        return Optional.of(write(chart, name, title));
    }

    /**
     * The latency percentile spectrum in HdrHistogram's style, one series per model: x is 1/(1-p) on a log axis.
     *
     * @param name the file stem under charts/
     * @param title the chart's title
     * @param groups the groups at one level of one workload
     * @param notes receives one line per model whose .hgrm file could not be read
     * @return the chart, or empty when no .hgrm file could be read
     */
    Optional<ChartFile> spectrum(String name, String title, List<TrialGroup> groups, List<String> notes)
            throws IOException {
        XYChart chart = newChart(title, "percentile (log scale of 1/(1-p))", "latency (ms)");
        chart.getStyler().setxAxisTickLabelsFormattingFunction(Charts::percentileLabel);
        chart.getStyler().setXAxisMin(0.0);
        boolean any = false;
        for (TrialGroup g : groups.stream().sorted(Comparator.comparingInt(gr -> models.indexOf(gr.model()))).toList()) {
            Optional<TrialRecord> median = medianByP99(g);
            if (median.isEmpty() || median.get().latency().hgrmFile() == null) {
                continue;
            }
            TrialRecord trial = median.get();
            Path file = runDir.resolve(trial.latency().hgrmFile());
            if (!Files.isRegularFile(file)) {
                notes.add(g.model() + ": " + trial.latency().hgrmFile() + " not found");
                continue;
            }
            List<Hgrm.Point> points = Hgrm.read(file);
            if (points.isEmpty()) {
                notes.add(g.model() + ": " + trial.latency().hgrmFile() + " has no percentile lines");
                continue;
            }
            double scale = unitScale(trial.latency().max(), points.getLast().value());
            List<Double> xs = points.stream().map(p -> Math.log10(p.inverseTail())).toList();
            List<Double> ys = points.stream().map(p -> p.value() * scale).toList();
            XYSeries series = chart.addSeries(g.model(), xs, ys);
            style(series, g.model(), false);
            series.setMarker(SeriesMarkers.NONE);
            any = true;
        }
        return any ? Optional.of(write(chart, name, title)) : Optional.empty();
    }

    /** The ratio of the largest to the smallest of positive values, 1 when there are none. */
    private static double spans(double[] positive) {
        double min = Arrays.stream(positive).filter(v -> v > 0).min().orElse(1);
        double max = Arrays.stream(positive).filter(v -> v > 0).max().orElse(1);
        return max / min;
    }

    /** The repetition with the median p99 among the OK ones that have a latency histogram. */
    static Optional<TrialRecord> medianByP99(TrialGroup group) {
        List<TrialRecord> withLatency = group.ok().stream().filter(t -> t.latency() != null)
                .sorted(Comparator.comparingDouble(t -> t.latency().p99())).toList();
        return withLatency.isEmpty() ? Optional.empty() : Optional.of(withLatency.get((withLatency.size() - 1) / 2));
    }

    /**
     * The factor that turns the .hgrm file's values into milliseconds, inferred by comparing its largest value
     * with the trial's recorded max (ms): the nearest of 1, 1/1,000 and 1/1,000,000.
     */
    static double unitScale(double maxMillis, double fileMax) {
        if (!(maxMillis > 0) || !(fileMax > 0)) {
            return 1;
        }
        double best = 1;
        for (double candidate : new double[] {1, 1e-3, 1e-6, 1e3}) {
            if (Math.abs(Math.log(fileMax * candidate / maxMillis)) < Math.abs(Math.log(fileMax * best / maxMillis))) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * The label of a tick at {@code x = log10(1/(1-p))}: the percentile at whole decades (0%, 90%, 99%, 99.9%...),
     * nothing between them.
     */
    static String percentileLabel(double x) {
        long decade = Math.round(x);
        if (Math.abs(x - decade) > 1e-9 || decade < 0 || decade > 9) {
            return "";
        }
        if (decade <= 1) {
            return decade == 0 ? "0%" : "90%";
        }
        return "99" + (decade > 2 ? "." + "9".repeat((int) decade - 2) : "") + "%";
    }

    private List<String> modelsIn(List<TrialGroup> groups) {
        return groups.stream().map(TrialGroup::model).distinct()
                .sorted(Comparator.comparingInt(models::indexOf)).toList();
    }

    private XYChart newChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xdddddd));
        styler.setLegendBorderColor(Color.WHITE);
        return chart;
    }

    private void style(XYSeries series, String model, boolean baseline) {
        Color color = new Color(rgbOf(model, models));
        series.setLineColor(color);
        series.setMarkerColor(color);
        if (baseline) {
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(Color.DARK_GRAY);
            series.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {8f, 4f}, 0f));
        } else {
            series.setMarker(SeriesMarkers.CIRCLE);
        }
    }

    /**
     * A chart of values over time, one line per model (no markers: a sample every interval), in the models' colours.
     *
     * @param name the file stem under charts/
     * @param title the chart's title
     * @param xTitle the x axis title
     * @param yTitle the y axis title
     * @param series per model, its x values and its y values, of equal length
     * @return the chart, or empty when no series has a point
     */
    Optional<ChartFile> overTime(String name, String title, String xTitle, String yTitle,
                                 java.util.Map<String, List<List<Double>>> series) throws IOException {
        XYChart chart = newChart(title, xTitle, yTitle);
        chart.getStyler().setXAxisDecimalPattern("#,##0.#");
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        boolean any = false;
        for (var e : series.entrySet()) {
            List<Double> xs = e.getValue().get(0);
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries line = chart.addSeries(e.getKey(), xs, e.getValue().get(1));
            style(line, e.getKey(), false);
            line.setMarker(SeriesMarkers.NONE);
            any = true;
        }
        return any ? Optional.of(write(chart, name, title)) : Optional.empty();
    }

    /** The RGB of a model's colour: its place in {@code models}, or its name's hash when it is not there. */
    private static int rgbOf(String model, List<String> models) {
        int index = models.indexOf(model);
        return PALETTE[Math.floorMod(index >= 0 ? index : model.hashCode(), PALETTE.length)];
    }

    /** A model's colour as CSS {@code #rrggbb}, the same as in the PNG and SVG charts. */
    static String colorOf(String model, List<String> models) {
        return String.format("#%06x", rgbOf(model, models));
    }

    private ChartFile write(XYChart chart, String name, String title) throws IOException {
        return ChartFile.write(chart, runDir, name, title, written);
    }
}
