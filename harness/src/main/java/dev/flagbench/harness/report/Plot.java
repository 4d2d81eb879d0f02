package dev.flagbench.harness.report;

import dev.flagbench.harness.data.TrialRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * An interactive chart of index.html, as data for the page's inlined uPlot: one x axis shared by every series, each
 * series with its median and its min–max band over the repetitions, and its knee where it has one.
 *
 * @param title what the chart shows
 * @param xLabel the x axis title
 * @param yLabel the y axis title
 * @param xUnit how the page formats x values: {@code count}, {@code s}
 * @param yUnit how the page formats y values: {@code count}, {@code ms}, {@code us}, {@code bytes}, {@code ratio}
 * @param logX whether the x axis is logarithmic
 * @param logY whether the y axis is logarithmic
 * @param x the x values, ascending
 * @param series the series, each with one y value (or {@code null}) per x
 */
record Plot(String title, String xLabel, String yLabel, String xUnit, String yUnit, boolean logX, boolean logY,
            List<Double> x, List<Series> series) {

    /** Copies the lists. */
    Plot {
        x = List.copyOf(x);
        series = List.copyOf(series);
    }

    /**
     * One line of a plot.
     *
     * @param label the legend's name
     * @param color CSS colour
     * @param dashed whether it is a reference line (ideal, baseline) rather than a model's measurement
     * @param y the medians, {@code null} where there is none
     * @param min the smallest repetition's value, {@code null} where there is none
     * @param max the largest repetition's value, {@code null} where there is none
     * @param kneeX the x of the series' knee, or {@code null}
     */
    record Series(String label, String color, boolean dashed, List<Double> y, List<Double> min, List<Double> max,
                  Double kneeX) {
        /** Copies the lists, which may hold nulls. */
        Series {
            y = java.util.Collections.unmodifiableList(new ArrayList<>(y));
            min = java.util.Collections.unmodifiableList(new ArrayList<>(min));
            max = java.util.Collections.unmodifiableList(new ArrayList<>(max));
        }
    }

    /**
     * A plot of one metric against the level, one series per model in {@code models}' order.
     *
     * @param title the title
     * @param xLabel the x axis title
     * @param yLabel the y axis title
     * @param yUnit how the page formats y values
     * @param groups the groups of one series (workload)
     * @param value the metric of one trial
     * @param mayLogY whether y is logarithmic when its values span more than {@link Charts#LOG_Y_SPAN} times
     * @param models every model in report order, which fixes the colours
     * @param knees the knee level by model, for the models that have one
     * @param reference a dashed reference series (the ideal), or empty
     * @return the plot, or empty when no group has a value
     */
    static Optional<Plot> byLevel(String title, String xLabel, String yLabel, String yUnit,
                                  Collection<TrialGroup> groups, ToDoubleFunction<TrialRecord> value, boolean mayLogY,
                                  List<String> models, Map<String, Integer> knees, Optional<Reference> reference) {
        List<Double> xs = new ArrayList<>(new TreeSet<>(groups.stream().map(g -> (double) g.level()).toList()));
        List<Double> all = groups.stream().flatMap(g -> g.spread(value).stream()).map(Spread::median)
                .filter(v -> v > 0).toList();
        double span = all.isEmpty() ? 1 : all.stream().mapToDouble(v -> v).max().orElse(1)
                / all.stream().mapToDouble(v -> v).min().orElse(1);
        boolean logY = mayLogY && span > Charts.LOG_Y_SPAN;
        List<Series> series = new ArrayList<>();
        for (String model : models) {
            List<TrialGroup> mine = groups.stream().filter(g -> g.model().equals(model)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            List<Double> y = new ArrayList<>();
            List<Double> min = new ArrayList<>();
            List<Double> max = new ArrayList<>();
            for (double x : xs) {
                Optional<Spread> s = mine.stream().filter(g -> g.level() == x).findFirst()
                        .flatMap(g -> g.spread(value)).filter(sp -> !logY || sp.min() > 0);
                y.add(s.map(Spread::median).orElse(null));
                min.add(s.map(Spread::min).orElse(null));
                max.add(s.map(Spread::max).orElse(null));
            }
            if (y.stream().anyMatch(v -> v != null)) {
                Integer knee = knees.get(model);
                series.add(new Series(model, Charts.colorOf(model, models), Charts.NETTY_BASELINE.equals(model), y,
                        min, max, knee == null ? null : knee.doubleValue()));
            }
        }
        if (series.isEmpty()) {
            return Optional.empty();
        }
        reference.ifPresent(r -> {
            List<Double> y = xs.stream().map(r.value()::applyAsDouble)
                    .map(v -> Double.isFinite(v) && (!logY || v > 0) ? v : null).toList();
            List<Double> none = xs.stream().map(v -> (Double) null).toList();
            series.add(new Series(r.label(), "#000000", true, y, none, none, null));
        });
        boolean logX = xs.size() > 1 && xs.getFirst() > 0 && xs.getLast() / xs.getFirst() > Charts.LOG_Y_SPAN;
        return Optional.of(new Plot(title, xLabel, yLabel, "count", yUnit, logX, logY, xs, series));
    }

    /**
     * A dashed reference line, e.g. the ideal C / L.
     *
     * @param label its legend name
     * @param value its y at an x
     */
    record Reference(String label, java.util.function.DoubleUnaryOperator value) {
    }
}
