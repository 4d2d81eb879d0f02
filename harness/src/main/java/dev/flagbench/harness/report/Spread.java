package dev.flagbench.harness.report;

import java.util.List;

/**
 * Median and range of one metric over a trial group's repetitions.
 *
 * @param median the median (mean of the two middle values for an even count)
 * @param min the smallest value
 * @param max the largest value
 * @param n how many repetitions had a value
 */
record Spread(double median, double min, double max, int n) {

    /** The spread of {@code values}, which must not be empty. */
    static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("values must not be empty");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(median, sorted.getFirst(), sorted.getLast(), n);
    }

    /** Whether the two ranges are disjoint, i.e. the difference exceeds the repetitions' spread. */
    boolean disjointFrom(Spread other) {
        return max < other.min || other.max < min;
    }
}
