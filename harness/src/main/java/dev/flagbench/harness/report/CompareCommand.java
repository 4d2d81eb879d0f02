package dev.flagbench.harness.report;

import dev.flagbench.harness.data.RunRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Compares two runs trial group by trial group and fails when the chosen metric regressed. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares B against A per (workload, model, level): medians, B / A, and whether the"
                + " difference exceeds the repetitions' spread.",
            "Writes compare.md and compare.html (a chart of the ratios) beside B's run.json. Runs whose configurations"
                + " differ (matrix, delay L, N, measured window, sweep, echo, faults) are refused, naming what differs;"
                + " a trial group whose L differs is shown as not comparable.",
            "Exit 0: no regression; 1: the metric regressed beyond the threshold and the spread in some trial group;"
                + " 2: bad input or runs that do not measure the same thing."})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A.json", description = "the baseline run.json")
    private Path a;

    @Parameters(index = "1", paramLabel = "B.json", description = "the run.json judged against A")
    private Path b;

    @Option(names = "--metric", paramLabel = "METRIC", defaultValue = "throughput",
            description = "throughput, p99, efficiency, cpu-per-request or rss (default: ${DEFAULT-VALUE})")
    private String metric;

    @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "10%",
            description = "relative change beyond which a worse B is a regression (default: 10%%)")
    private String threshold;

    @Option(names = "--out", paramLabel = "FILE",
            description = "where to write the Markdown, with the HTML beside it (default: compare.md in B's folder,"
                    + " never the current directory)")
    private Path out;

    /** Compares, prints and writes the Markdown; returns 0, 1 (regression) or 2 (bad input). */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Metric m;
        double t;
        RunRecord runA;
        RunRecord runB;
        try {
            m = Metric.fromLabel(metric);
            t = parseThreshold(threshold);
            runA = load("A.json", a);
            runB = load("B.json", b);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println(e.getMessage());
            err.flush();
            return 2;
        }
        List<String> differences = Comparison.differences(runA, runB);
        if (!differences.isEmpty()) {
            err.println("compare: A and B ran with different configurations, so their trials do not measure the same"
                    + " thing; nothing compared. What differs: " + String.join("; ", differences) + ".");
            err.flush();
            return 2;
        }
        if (out == null) {
            out = b.toAbsolutePath().resolveSibling("compare.md");
        }
        Path html = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.md$", "") + ".html");
        Comparison comparison = new Comparison(runA, runB, m, t);
        String md = comparison.markdown(a.toString(), b.toString());
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(md);
        stdout.flush();
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, md, StandardCharsets.UTF_8);
            Files.writeString(html, comparison.html(a.toString(), b.toString()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("--out: cannot write " + out + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        return comparison.anyRegression() ? 1 : 0;
    }

    /** Parses {@code 10%} or {@code 10} as 0.10; the error names --threshold and the value. */
    static double parseThreshold(String text) {
        String digits = text.strip().endsWith("%") ? text.strip().substring(0, text.strip().length() - 1) : text.strip();
        try {
            double percent = Double.parseDouble(digits);
            if (percent >= 0 && percent < 1000 && Double.isFinite(percent)) {
                return percent / 100;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException("--threshold: invalid value '" + text
                + "'; expected a percentage from 0% to 999%, e.g. 10%");
    }

    private static RunRecord load(String label, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(label + ": no such file: " + file);
        }
        return ReportWriter.read(file);
    }
}
