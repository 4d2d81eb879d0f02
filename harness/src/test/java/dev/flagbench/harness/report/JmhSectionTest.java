package dev.flagbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhSectionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;
    static JsonNode fixture;
    static JmhChart chart;
    static Doc doc;
    static String md;

    @BeforeAll
    static void renderTheFixture() throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path json = dir.resolve("jmh.json");
        try (InputStream in = JmhSectionTest.class.getResourceAsStream("/report/jmh.json")) {
            Files.copy(in, json);
        }
        fixture = MAPPER.readTree(json.toFile());
        chart = new JmhChart(dir);
        doc = new Doc();
        JmhSection.read(json).orElseThrow().render(doc, chart);
        md = MarkdownRenderer.render(doc);
    }

    /** The fixture's entry for {@code name} (class.method) whose params are {@code params}. */
    private static JsonNode entry(String name, Map<String, String> params) {
        return StreamSupport.stream(fixture.spliterator(), false)
                .filter(e -> e.get("benchmark").asText().endsWith("." + name))
                .filter(e -> params.entrySet().stream()
                        .allMatch(p -> p.getValue().equals(e.path("params").path(p.getKey()).asText())))
                .findFirst().orElseThrow(() -> new AssertionError("fixture has no " + name + " " + params));
    }

    /** The fixture's primary score of {@code name}, in the unit JMH wrote. */
    private static double score(String name) {
        return entry(name, Map.of()).get("primaryMetric").get("score").asDouble();
    }

    @Test
    void section_startsWithItsLevel2Heading() {
        assertThat(doc.blocks().getFirst()).as("the section opens with its own level-2 heading")
                .isEqualTo(new Doc.Heading(2, "Micro-benchmarks (JMH)"));
        assertThat(md).as("rendered as a Markdown h2").startsWith("## Micro-benchmarks (JMH)\n");
    }

    @Test
    void table_hasOneRowPerBenchmarkAndParams_withTheParkedMemoryColumns() {
        List<String> tableLines = md.lines().dropWhile(l -> !l.startsWith("| benchmark |"))
                .takeWhile(l -> l.startsWith("|")).toList();
        assertThat(tableLines).as("a header, a separator and one row per entry of jmh.json")
                .hasSize(fixture.size() + 2);
        assertThat(fixture.size()).as("the fixture holds 15 benchmark+params entries").isEqualTo(15);
        assertThat(tableLines.getFirst()).as("score with JMH's error, then the two memory results per task")
                .isEqualTo("| benchmark | params | mode | score ± error | unit | heap per task | off-heap RSS per task |");
        JsonNode vt = entry("ParkedMemory.virtualThreads", Map.of("count", "100000"));
        assertThat(md).as("ParkedMemory's row carries its params, its mode in words and its bytes per task")
                .contains("| ParkedMemory.virtualThreads | count = 100,000 | single shot | "
                        + Fmt.num(vt.get("primaryMetric").get("score").asDouble()) + " ± "
                        + Fmt.num(vt.get("primaryMetric").get("scoreError").asDouble()) + " | ms/op | "
                        + Fmt.bytes(vt.at("/secondaryMetrics/heapBytesPerTask/score").asDouble()) + " ± "
                        + Fmt.bytes(vt.at("/secondaryMetrics/heapBytesPerTask/scoreError").asDouble()) + " |");
        assertThat(md).as("a benchmark without secondary results shows a dash there, and µs for us")
                .containsPattern("\\| TaskCost\\.virtualThread \\| — \\| average time \\| [0-9.,]+ ± [0-9.,]+ \\| µs/op \\| — \\| — \\|");
    }

    @Test
    void taskCostSentence_givesBothScores_andTheRatioComputedFromTheFixture() {
        double virtual = score("TaskCost.virtualThread");
        double platform = score("TaskCost.platformThread");
        assertThat(platform / virtual).as("the fixture's platform thread is the dearer one").isGreaterThan(1);
        assertThat(md).as("the sentence quotes both scores in µs and platform / virtual")
                .contains("Starting and joining a virtual thread costs " + Fmt.micros(virtual) + ", "
                        + Fmt.num(platform / virtual) + " times less than a platform thread ("
                        + Fmt.micros(platform) + ")")
                .contains("from a virtual thread, as in a program written wholly in virtual threads, "
                        + Fmt.micros(score("TaskCost.virtualThreadFromVirtual")) + ".");
    }

    @Test
    void fanOutSentence_quotesBothScores_andTheirRatio() {
        double pool = score("FanOut.platformPool");
        double perTask = score("FanOut.virtualPerTask");
        assertThat(md).as("JEP 444's comparison with this run's ms/op scores, and JEP 444's own figures")
                .contains("10,000 tasks sleeping 10 ms: a pool of 200 platform threads takes " + Fmt.millis(pool)
                        + ", a virtual thread per task " + Fmt.millis(perTask) + " (" + Fmt.num(pool / perTask)
                        + " times faster); JEP 444 quotes about 50 s against about 1 s for its 10,000 × 1 s version.")
                .contains("The pool's ideal is 50 rounds of 10 ms, 500 ms");
    }

    @Test
    void memorySentence_comparesHeapPlusOffHeapPerTask_atTheLargestCountBothParked() {
        JsonNode p = entry("ParkedMemory.platformThreads", Map.of("count", "10000")).get("secondaryMetrics");
        JsonNode v = entry("ParkedMemory.virtualThreads", Map.of("count", "10000")).get("secondaryMetrics");
        double platform = p.at("/heapBytesPerTask/score").asDouble() + p.at("/offHeapRssBytesPerTask/score").asDouble();
        double virtual = v.at("/heapBytesPerTask/score").asDouble() + v.at("/offHeapRssBytesPerTask/score").asDouble();
        assertThat(md).as("10,000 is the largest count both kinds ran; totals and platform / virtual")
                .contains("With 10,000 tasks parked, a platform thread holds " + Fmt.bytes(platform) + " per task (")
                .contains("), a virtual thread " + Fmt.bytes(virtual) + " (")
                .contains(Fmt.num(platform / virtual) + " times less.")
                .contains("Virtual threads also parked 100,000 at once");
    }

    @Test
    void handOffSentence_givesTheVirtualToPlatformRatio_andReactor() {
        double virtual = score("HandOff.virtualThreads");
        double platform = score("HandOff.platformThreads");
        assertThat(md).as("both thread kinds with their ratio, Reactor's hop after them")
                .contains("between two virtual threads costs " + Fmt.micros(virtual) + ", "
                        + Fmt.num(platform / virtual) + " times less than between two platform threads ("
                        + Fmt.micros(platform) + ")")
                .contains("block() back costs " + Fmt.micros(score("HandOff.reactor")) + ".");
    }

    @Test
    void noisyScores_areFlagged_andQuietOnesAreNot() {
        JsonNode future = entry("TaskCost.completableFuture", Map.of()).get("primaryMetric");
        assertThat(future.get("scoreError").asDouble()).as("the fixture's CompletableFuture error exceeds half its score")
                .isGreaterThan(future.get("score").asDouble() / 2);
        String noisy = md.lines().filter(l -> l.contains("noisy on this machine")).findFirst().orElseThrow();
        assertThat(noisy).as("the honest note names the noisy score with its error bar, not the steady ones")
                .contains("compare within one run")
                .contains("TaskCost.completableFuture: " + Fmt.num(future.get("score").asDouble()) + " ± "
                        + Fmt.num(future.get("scoreError").asDouble()) + " µs/op")
                .contains("ParkedMemory.virtualThreads (count = 1,000) off-heap RSS per task")
                .doesNotContain("FanOut.platformPool").doesNotContain("HandOff.virtualThreads");
    }

    @Test
    void setupParagraph_namesJmhTheJdkTheIterationsAndTheJvmOptions() {
        String setup = md.lines().filter(l -> l.startsWith("JMH ")).findFirst().orElseThrow();
        assertThat(setup).as("what ran, as JMH recorded it")
                .contains("JMH 1.37").contains("JDK 25.0.3 (OpenJDK 64-Bit Server VM 25.0.3+9-LTS)")
                .contains("1 fork for every benchmark")
                .contains("3 × 500 ms warm-up, 16 × 500 ms measured (HandOff, TaskCost)")
                .contains("30 single-shot warm-up, 5 single-shot measured (ParkedMemory.virtualThreads)")
                .contains("-Xmx2g -XX:+UseG1GC -Djmh.executor=VIRTUAL (HandOff.virtualThreads,"
                        + " TaskCost.virtualThreadFromVirtual)")
                .contains("99.9 % confidence interval");
    }

    @Test
    void chart_isWrittenAsPngAndSvg_andReferencedFromTheMarkdown() throws IOException {
        Path png = dir.resolve("charts/jmh-scores.png");
        Path svg = dir.resolve("charts/jmh-scores.svg");
        assertThat(chart.written()).as("both files are reported as written").containsExactly(png, svg);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).as("a decodable PNG of the declared size").isEqualTo(Charts.WIDTH);
        assertThat(Files.readString(svg)).as("an SVG document").contains("<svg");
        assertThat(md).as("the Markdown embeds it").contains("](charts/jmh-scores.png) ([SVG](charts/jmh-scores.svg))");
    }

    @Test
    void sentence_isLeftOut_whenOneOfItsTwoFiguresIsMissing(@TempDir Path other) throws IOException {
        ArrayNode without = MAPPER.createArrayNode();
        fixture.forEach(e -> {
            if (!e.get("benchmark").asText().endsWith(".TaskCost.platformThread")
                    && !e.get("benchmark").asText().endsWith(".FanOut.virtualPerTask")) {
                without.add(e);
            }
        });
        Path json = other.resolve("jmh.json");
        MAPPER.writeValue(json.toFile(), without);
        Doc partial = new Doc();
        JmhSection.read(json).orElseThrow().render(partial, new JmhChart(other));
        String text = MarkdownRenderer.render(partial);
        assertThat(text).as("no task-cost or fan-out sentence without the platform thread or the virtual fan-out")
                .doesNotContain("Starting and joining a virtual thread").doesNotContain("JEP 444 quotes")
                .contains("between two virtual threads costs").contains("tasks parked, a platform thread holds");
    }

    @Test
    void emptyResults_renderTheHeadingAndSayThatNoBenchmarkCompleted(@TempDir Path other) throws IOException {
        Path json = Files.writeString(other.resolve("jmh.json"), "[ ]");
        Doc empty = new Doc();
        JmhSection.read(json).orElseThrow().render(empty, new JmhChart(other));
        assertThat(empty.blocks()).as("JMH writes [] when nothing completed: a heading and a sentence, no table")
                .containsExactly(new Doc.Heading(2, "Micro-benchmarks (JMH)"),
                        new Doc.Paragraph("JMH's results file holds no results: no benchmark completed."));
    }

    @Test
    void missingFile_givesEmpty() throws IOException {
        assertThat(JmhSection.read(dir.resolve("no-such-dir/jmh.json"))).as("a run without JMH has no section")
                .isEmpty();
    }

    @Test
    void malformedFile_throwsIOException_namingTheFileAndTheReason(@TempDir Path other) throws IOException {
        Path notJson = Files.writeString(other.resolve("broken.json"), "[{\"benchmark\": ");
        assertThatThrownBy(() -> JmhSection.read(notJson)).as("truncated JSON")
                .isInstanceOf(IOException.class).hasMessageContaining(notJson.toString())
                .hasMessageContaining("not valid JSON");
        Path object = Files.writeString(other.resolve("object.json"), "{\"formatVersion\": 3}");
        assertThatThrownBy(() -> JmhSection.read(object)).as("valid JSON, but not JMH's array of results")
                .isInstanceOf(IOException.class).hasMessageContaining(object.toString())
                .hasMessageContaining("expected an array of benchmark results, found object");
        Path noScore = Files.writeString(other.resolve("no-score.json"),
                "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {\"scoreUnit\": \"us/op\"}}]");
        assertThatThrownBy(() -> JmhSection.read(noScore)).as("a result without its score")
                .isInstanceOf(IOException.class).hasMessageContaining(noScore.toString())
                .hasMessageContaining("result 1 (a.B.c) has no primaryMetric.score");
    }
}
