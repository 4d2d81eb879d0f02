package dev.flagbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompareCommandTest {
    @TempDir
    Path dir;
    Path a;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void fixture() throws IOException {
        a = ReportFixture.copyTo(Files.createDirectories(dir.resolve("a")));
    }

    private int compare(String... args) {
        return new CommandLine(new CompareCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
    }

    /** A copy of the fixture with every trial's throughput multiplied by {@code factor}. */
    private Path scaledThroughput(double factor) throws IOException {
        return scaled(factor, "throughput");
    }

    /** A copy of the fixture with a number of every trial (a path of fields, e.g. latency, p99) multiplied. */
    private Path scaled(double factor, String... path) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root = mapper.readTree(a.toFile());
        for (JsonNode trial : root.get("trials")) {
            JsonNode parent = trial;
            for (int i = 0; i < path.length - 1 && parent != null; i++) {
                parent = parent.get(path[i]);
            }
            String field = path[path.length - 1];
            if (parent instanceof ObjectNode node && node.has(field)) {
                node.put(field, node.get(field).asDouble() * factor);
            }
        }
        Path b = Files.createDirectories(dir.resolve("b")).resolve("run.json");
        mapper.writeValue(b.toFile(), root);
        return b;
    }

    @Test
    void withoutOut_theMarkdownGoesIntoBsFolder_notTheCurrentDirectory() throws IOException {
        Path b = scaledThroughput(1.0);

        int code = compare(a.toString(), b.toString());

        assertThat(code).as("identical runs").isZero();
        assertThat(b.resolveSibling("compare.md")).as("compare.md is written beside B's run.json").isRegularFile();
        assertThat(Path.of("compare.md")).as("and not into the current directory").doesNotExist();
    }

    @Test
    void identicalRuns_exitZero_withinNoise() throws IOException {
        Path md = dir.resolve("compare.md");
        int code = compare(a.toString(), a.toString(), "--out", md.toString());
        assertThat(code).as("no regression between a run and itself").isZero();
        assertThat(out.toString()).as("every matched group is within noise")
                .contains("| flags | virtual-threads | 1,000 | 1,920/s (1,900/s–1,940/s) | 1,920/s"
                        + " (1,900/s–1,940/s) | 1 | within noise |")
                .doesNotContain("significant:").contains("0 regression(s)");
        assertThat(Files.readString(md)).as("the Markdown is also written to --out").isEqualTo(out.toString());
    }

    @Test
    void halvedThroughput_exitOne_forMetricThroughput_butZeroForRss() throws IOException {
        Path b = scaledThroughput(0.5);
        assertThat(compare(a.toString(), b.toString(), "--metric", "throughput", "--out",
                dir.resolve("t.md").toString())).as("halving throughput is a regression beyond 10 % and the spread")
                .isEqualTo(1);
        assertThat(out.toString()).as("the row names the ratio and the verdict")
                .contains("| 0.5 | significant: regression beyond 10 % |");
        assertThat(compare(a.toString(), b.toString(), "--metric", "rss", "--out", dir.resolve("r.md").toString()))
                .as("RSS did not change").isZero();
    }

    @Test
    void doubledP99_isARegression_becauseLowerIsBetter() throws IOException {
        Path b = scaled(2, "latency", "p99");
        assertThat(compare(a.toString(), b.toString(), "--metric", "p99", "--out", dir.resolve("p.md").toString()))
                .as("p99 twice as high regresses").isEqualTo(1);
        assertThat(out.toString()).as("ratio 2 is the worse direction for p99")
                .contains("| 2 | significant: regression beyond 10 % |");
        assertThat(compare(a.toString(), b.toString(), "--metric", "p99", "--threshold", "150%", "--out",
                dir.resolve("q.md").toString())).as("but not beyond a 150 % threshold").isZero();
    }

    @Test
    void improvement_isNotARegression() throws IOException {
        Path b = scaledThroughput(2);
        assertThat(compare(a.toString(), b.toString(), "--out", dir.resolve("i.md").toString()))
                .as("doubling throughput passes").isZero();
        assertThat(out.toString()).as("and is called an improvement").contains("significant: improvement beyond 10 %");
    }

    /** A copy of the fixture with its config's fields set to {@code values} (name, value pairs). */
    private Path withConfig(Object... values) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root = mapper.readTree(a.toFile());
        ObjectNode config = (ObjectNode) root.get("config");
        for (int i = 0; i < values.length; i += 2) {
            config.set((String) values[i], mapper.valueToTree(values[i + 1]));
        }
        Path b = Files.createDirectories(dir.resolve("b")).resolve("run.json");
        mapper.writeValue(b.toFile(), root);
        return b;
    }

    @Test
    void runsWithDifferentConfigurations_exitTwo_namingWhatDiffers_andCompareNothing() throws IOException {
        Path b = withConfig("delayMillis", 5, "matrix", "quick");

        int code = compare(a.toString(), b.toString());

        assertThat(code).as("L = 500 ms against 5 ms, another matrix: no like with like").isEqualTo(2);
        assertThat(err.toString()).as("says what differs, A's and B's values")
                .contains("matrix: A custom, B quick").contains("delay L: A 500 ms, B 5 ms");
        assertThat(b.resolveSibling("compare.md")).as("nothing written").doesNotExist();
        assertThat(out.toString()).as("and no improvement claimed").doesNotContain("improvement");
    }

    @Test
    void aTrialGroupWhoseLDiffers_isNotComparable_andNoRegression() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root = mapper.readTree(a.toFile());
        root.get("trials").forEach(t -> ((ObjectNode) t).put("delayMillis", 100.0).put("throughput", 1.0));
        Path b = Files.createDirectories(dir.resolve("b")).resolve("run.json");
        mapper.writeValue(b.toFile(), root);

        int code = compare(a.toString(), b.toString());

        assertThat(code).as("groups measured at another L are not judged").isZero();
        assertThat(out.toString()).as("each says why it is not compared")
                .contains("| flags | virtual-threads | 1,000 |").contains("not comparable: L differs (A 500 ms, B 100 ms)")
                .doesNotContain("significant:");
    }

    @Test
    void compare_writesAnHtmlChartOfTheRatios_besideItsMarkdown() throws IOException {
        Path b = scaledThroughput(0.5);

        compare(a.toString(), b.toString());

        Path html = b.resolveSibling("compare.html");
        assertThat(html).as("compare.html beside compare.md").isRegularFile();
        String page = Files.readString(html);
        assertThat(page).as("an interactive chart of B / A per workload, uPlot inlined, the table as in Markdown")
                .contains("<div class=\"plot\" data-plot=\"0\"></div>").contains("\"title\":\"flags: throughput, B / A\"")
                .contains("var uPlot=function()").contains("significant: regression beyond 10 %")
                .doesNotContain("src=\"http").doesNotContain("href=\"http");
    }

    @Test
    void badMetric_exitTwo_namingTheOptionAndValue() {
        assertThat(compare(a.toString(), a.toString(), "--metric", "bogus")).as("bad input").isEqualTo(2);
        assertThat(err.toString()).as("the message names --metric and the bad value")
                .contains("--metric").contains("'bogus'").contains("cpu-per-request");
    }

    @Test
    void badThresholdOrMissingFile_exitTwo() {
        assertThat(compare(a.toString(), a.toString(), "--threshold", "ten")).as("bad threshold").isEqualTo(2);
        assertThat(err.toString()).as("names --threshold").contains("--threshold").contains("'ten'");
        assertThat(compare(a.toString(), dir.resolve("nope.json").toString())).as("missing B").isEqualTo(2);
        assertThat(err.toString()).as("names the missing file").contains("B.json: no such file");
    }
}
