package dev.flagbench.harness.scenario;

import dev.flagbench.harness.data.ScenarioRecord;

/** Ordinary least squares of y on x: the memory a blocked task costs is the slope of memory against the task count. */
public final class LinearFit {
    private LinearFit() {
    }

    /** The line through {@code (x[i], y[i])}; r² is NaN with fewer than three points, the slope NaN with fewer than two. */
    public static ScenarioRecord.Fit fit(String series, String measure, double[] x, double[] y) {
        int n = x.length;
        if (n != y.length) {
            throw new IllegalArgumentException("x and y must have the same length, were " + n + " and " + y.length);
        }
        if (n < 2) {
            return new ScenarioRecord.Fit(series, measure, n, Double.NaN, n == 1 ? y[0] : Double.NaN, Double.NaN);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        double slope = sxx == 0 ? Double.NaN : sxy / sxx;
        double intercept = my - slope * mx;
        double r2 = n < 3 || sxx == 0 ? Double.NaN : syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return new ScenarioRecord.Fit(series, measure, n, slope, intercept, r2);
    }
}
