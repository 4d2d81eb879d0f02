package dev.flagbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagbench.harness.data.RunConfig;
import dev.flagbench.harness.data.RunRecord;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir
    static Path dir;
    static RunRecord run;
    static List<Path> written;
    static String md;
    static String html;

    @BeforeAll
    static void writeTheFixtureReport() throws IOException {
        Path runJson = ReportFixture.copyTo(dir);
        run = ReportWriter.read(runJson);
        written = ReportWriter.writeAll(run, dir);
        md = Files.readString(dir.resolve("report.md"));
        html = Files.readString(dir.resolve("index.html"));
    }

    @Test
    void reportMd_hasTable1_withTheTutorialsColumns_sequentialFirst() {
        assertThat(md).as("Table 1's header: sequential as the baseline, then the models in the tutorial's order")
                .contains("|  | sequential (baseline) | threads | reactive | virtual-threads |\n")
                .contains("| primitives |").contains("| processing |")
                .contains("| knee (C) | 1, one request at a time (its only level) | 100 (no reading up to 1,000: C = 1,000"
                        + " lost repetitions or requests) | ≥ 1,000 (the highest level run) | ≥ 1,000 (the highest level"
                        + " run) |")
                .contains("| in flight at the knee (server's count) | 1 of C = 1 | 100 of C = 100 | 1,000 of C = 1,000 |")
                .contains("| efficiency at C = 1,000 | 98 % (its only level, C = 1) | 79 % | 93 % | 96 % |")
                .contains("| peak platform threads, highest level run | 14 (C = 1) | 1,014 (C = 1,000) |");
    }

    @Test
    void theBaseline_isReadAtItsOneLevel_notAsALowerBoundOrAsNotRun() {
        assertThat(md).as("the sequential model's one level reads as such, in Table 1 and in the claim")
                .contains("- sequential, the baseline, ran one download at a time, its only level, at 98 % of ideal")
                .doesNotContain("| knee (C) | ≥ 1 |").doesNotContain("| not run |")
                .doesNotContain("sequential held 1 concurrent download");
    }

    @Test
    void timesAndTheMachine_readTheSameForPeople_everywhere() {
        assertThat(md).as("instants to the second, in UTC").contains("started 2026-01-01 00:00:00 UTC, finished"
                + " 2026-01-01 00:30:00 UTC");
        assertThat(Pattern.compile("\\d:\\d\\d\\.\\d{3,}").matcher(md).find()).as("no sub-second digits in a time")
                .isFalse();
        String machine = run.environment().cpuModel() + ", " + run.environment().cpus() + " cores, ";
        assertThat(md).as("the machine in the summary and in the environment, worded the same")
                .contains("on this machine (" + machine).contains("- machine: " + machine);
    }

    @Test
    void jvmOptionsThatEveryTrialGot_areSaidOfEveryTrial_andOptionsOfSomeTrials_nameThem(@TempDir Path other)
            throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root = mapper.readTree(dir.resolve("run.json").toFile());
        for (JsonNode trial : root.get("trials")) {
            if (trial.get("jvm") instanceof ObjectNode jvm) {
                ((ArrayNode) jvm.get("args")).add("-XX:FlightRecorderOptions:repository=/tmp/jfr");
            }
        }
        Path everyDir = Files.createDirectories(other.resolve("every"));
        mapper.writeValue(everyDir.resolve("run.json").toFile(), root);
        ReportWriter.writeAll(ReportWriter.read(everyDir.resolve("run.json")), everyDir);
        String every = Files.readString(everyDir.resolve("report.md"));
        assertThat(every).as("an option every trial got is said of every trial, not of some")
                .contains("Every trial JVM also got, per trial:\n\n```\n-XX:FlightRecorderOptions:repository=/tmp/jfr")
                .doesNotContain("Some trial");

        ((ArrayNode) root.get("trials").get(0).get("jvm").get("args")).add("-XX:+AlwaysPreTouch");
        Path someDir = Files.createDirectories(other.resolve("some"));
        mapper.writeValue(someDir.resolve("run.json").toFile(), root);
        ReportWriter.writeAll(ReportWriter.read(someDir.resolve("run.json")), someDir);
        int trials = run.trials().size();
        assertThat(Files.readString(someDir.resolve("report.md"))).as("options that differ: which, how many, whose")
                .contains("Some trial JVMs got other options")
                .contains("-XX:FlightRecorderOptions:repository=/tmp/jfr -XX:+AlwaysPreTouch (1 of " + trials
                        + " trials: " + run.trials().getFirst().model() + ")");
    }

    @Test
    void claim_isAnsweredBySentencesGeneratedFromTheFixturesNumbers() {
        assertThat(md).as("the sentence carries the knee, the median efficiency and the platform threads")
                .contains("virtual-threads held 1,000 concurrent downloads at 96 % of ideal with 41 platform threads"
                        + " (p99 530 ms, peak RSS 150 MiB), the highest level it ran.")
                .contains("threads held 100 concurrent downloads at 95 % of ideal with 114 platform threads")
                .contains("threads failed at C = 1,000: repetition 1 FAILED: OutOfMemoryError: unable to create"
                        + " native thread")
                .contains("threads was not run at C = 10,000: failed at C = 1,000")
                .contains("threads, claimed hundreds: threads knee C = 100 (hundreds, as claimed)")
                .contains("reactive knee C ≥ 1,000 (thousands+, as claimed; the highest level run, so a lower bound)");
    }

    @Test
    void aLevelThatMissesTheKnee_withTheCoresBusy_namesTheMachineAsALimit(@TempDir Path busyDir) throws IOException {
        assertThat(md).as("the fixture's threads at C = 1,000 used 0.8 of the 2 cores: the model's limit alone")
                .contains("threads failed at C = 1,000: repetition 1 FAILED").doesNotContain("the machine's limit");
        // Over 2,500 ms of wall time: 1.8 cores.
        String busy = reportWithThreadsAtC1000(busyDir, resources -> resources.put("cpuMillis", 4_500.0));
        assertThat(busy).as("the client alone kept 1.78 of the 2 cores busy (the median of 1.80 and 1.76)")
                .containsPattern("threads failed at C = 1,000: [^\\n]*; the 2 cores were 88.9 % busy \\(client and"
                        + " server\\): the machine's limit as much as the model's\\.")
                .contains("| cores busy (client + server) |");
    }

    @Test
    void aLevelThatMissesTheKnee_onOneBusyThread_namesItsCoreAsTheCeiling(@TempDir Path oneDir) throws IOException {
        assertThat(md).as("the fixture's threads run on 1,014 threads").doesNotContain("its one thread was busy");
        // One OS thread at 600 µs a request and 1,600 or 1,560 items/s: 0.96 and 0.936 of a core.
        String one = reportWithThreadsAtC1000(oneDir,
                resources -> resources.put("peakPlatformThreads", 1).put("cpuMicrosPerRequest", 600.0));
        assertThat(one).as("the median of 0.96 and 0.936 of a core, the cores themselves far from busy")
                .containsPattern("threads failed at C = 1,000: [^\\n]*; its one thread was busy 94.8 % of the window"
                        + " \\(CPU per request × requests/s\\): one core is its ceiling\\.")
                .doesNotContain("the machine's limit");
    }

    /** The fixture's report.md after {@code edit} changed the resources of its threads trials at C = 1,000. */
    private static String reportWithThreadsAtC1000(Path dir, Consumer<ObjectNode> edit)
            throws IOException {
        Path runJson = ReportFixture.copyTo(dir);
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(runJson.toFile());
        for (JsonNode t : tree.get("trials")) {
            if (t.get("model").asText().equals("threads") && t.get("level").asInt() == 1_000 && t.hasNonNull("resources")) {
                edit.accept((ObjectNode) t.get("resources"));
            }
        }
        json.writeValue(runJson.toFile(), tree);
        ReportWriter.writeAll(ReportWriter.read(runJson), dir);
        return Files.readString(dir.resolve("report.md"));
    }

    @Test
    void failuresInvalidTrialsAndSkippedLevels_areListedWithTheirReasons() {
        assertThat(md).as("FAILED with reason, INVALID with its mismatches, skipped with reason: nothing dropped")
                .contains("flags/threads/C1000/r1: FAILED: OutOfMemoryError: unable to create native thread")
                .contains("flags/reactive/C100/r2: INVALID: accounting disagrees with the server; mismatches: OK:"
                        + " client 398, server 400; ERROR: client 2, server 0")
                .contains("reactive at C = 10,000: skipped: needs 20,002 open files, the limit is 20,000")
                .contains("| threads | 1,000 | 500 ms | 2,000 req/s | 2/3 OK, 1 FAILED |");
    }

    @Test
    void runDuration_isShown_andCheckedAgainstTheDefaultMatrixsTarget(@TempDir Path other) throws IOException {
        assertThat(md).as("the fixture's 30 minutes, with the measured share; a custom run has no target")
                .contains("The run took 30 min, ").contains(" of it in measured phases").doesNotContain("matrix's target");
        RunConfig c = run.config();
        RunRecord asDefault = new RunRecord(run.formatVersion(), run.runId(), run.status(), run.startedAt(),
                run.finishedAt(), run.environment(), new RunConfig("default", c.models(), c.workloads(), c.levels(),
                c.echoLevels(), c.itemsRule(), c.delayMillis(), c.repetitions(), c.warmupMillis(), c.trialTimeoutMillis(),
                c.echoMessageBytes(), c.echoDurationMillis(), c.echoRate(), c.futexHashSlots()), run.server(),
                run.trials(), run.skipped());
        ReportFixture.copyTo(other);

        ReportWriter.writeAll(asDefault, other);

        assertThat(Files.readString(other.resolve("report.md"))).as("30 minutes misses the default matrix's 20")
                .contains("The default matrix's target on the two-core reference machine is under 20 min: missed.");
    }

    @Test
    void environmentFairnessAndJvmOptions_areShownDeduplicated() {
        assertThat(md).as("JVM options and each model's client settings, one row per setting")
                .contains("-Xss1m -XX:+UseG1GC -Xmx2g")
                .contains("| setting | sequential | threads | reactive | virtual-threads |")
                .contains("| client | httpclient5-classic | httpclient5-classic | reactor-netty | httpclient5-classic |")
                .contains("| keepAlive | true | true | true | true |")
                .contains("| maxConnections | 1 | 10 (C = 10); 100 (C = 100); 1000 (C = 1,000) |");
    }

    @Test
    void charts_areWrittenAsPngAndSvg_andThePngDecodesAtTheExpectedSize() throws IOException {
        for (String name : List.of("flags-throughput", "flags-efficiency", "flags-p99", "flags-threads", "flags-rss",
                "flags-spectrum-C1000", "echo-throughput")) {
            Path png = dir.resolve("charts/" + name + ".png");
            Path svg = dir.resolve("charts/" + name + ".svg");
            assertThat(written).as(name + " is reported as written").contains(png, svg);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(name + ".png decodes").isNotNull();
            assertThat(new int[] {image.getWidth(), image.getHeight()}).as(name + ".png size")
                    .containsExactly(Charts.WIDTH, Charts.HEIGHT);
            assertThat(Files.readString(svg)).as(name + ".svg is an SVG document").contains("<svg");
            assertThat(md).as("report.md shows " + name).contains("](charts/" + name + ".png)");
        }
    }

    @Test
    void indexHtml_isSelfContained_noNetworkReferences() {
        assertThat(Pattern.compile("(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//", Pattern.CASE_INSENSITIVE)
                .matcher(html).find()).as("no http(s):// or protocol-relative src/href").isFalse();
        assertThat(Pattern.compile("<script[^>]*\\ssrc=|<link[^>]*\\shref=", Pattern.CASE_INSENSITIVE).matcher(html)
                .find()).as("no script or stylesheet loaded from a file or the network: all inlined").isFalse();
        assertThat(Pattern.compile("<img class=\"chart\"[^>]*src=\"data:image/png;base64,").matcher(html)
                .results().count()).as("the chart with no interactive version (the spectrum) is a base64 PNG")
                .isEqualTo(1);
        assertThat(Pattern.compile("<div class=\"plot\" data-plot=\"\\d+\"></div>").matcher(html).results().count())
                .as("8 interactive charts of flags and one of echo").isEqualTo(9);
        assertThat(html).as("uPlot is inlined, with its version named").contains("/* uPlot " + HtmlRenderer.UPLOT_VERSION)
                .contains("var uPlot=function()");
        assertThat(html).as("the same content as report.md").contains("virtual-threads held 1,000 concurrent"
                + " downloads at 96 % of ideal with 41 platform threads");
    }

    @Test
    void indexHtmlsThroughputChart_carriesMediansBandsKneesAndTheIdeal() throws IOException {
        java.util.regex.Matcher data = Pattern.compile("id=\"plot-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(data.find()).as("the page carries its charts' data").isTrue();
        JsonNode plots = new ObjectMapper().readTree(data.group(1));
        JsonNode throughput = plots.get(0);
        assertThat(throughput.get("title").asText()).as("the first chart").isEqualTo("flags: throughput vs concurrency");
        assertThat(throughput.get("logX").asBoolean()).as("C from 1 to 1,000 on a log axis").isTrue();
        java.util.Map<String, JsonNode> byLabel = new java.util.LinkedHashMap<>();
        throughput.get("series").forEach(s -> byLabel.put(s.get("label").asText(), s));
        assertThat(byLabel.keySet()).as("a series per model in report order, then the ideal")
                .containsExactly("sequential", "threads", "reactive", "virtual-threads", "ideal C / L");
        int at1000 = 3;
        assertThat(throughput.get("x").get(at1000).asDouble()).as("x = the levels").isEqualTo(1000);
        JsonNode vt = byLabel.get("virtual-threads");
        assertThat(List.of(vt.get("y").get(at1000).asDouble(), vt.get("min").get(at1000).asDouble(),
                vt.get("max").get(at1000).asDouble())).as("median and min–max band of the 3 repetitions")
                .containsExactly(1920.0, 1900.0, 1940.0);
        assertThat(byLabel.get("threads").get("kneeX").asDouble()).as("the threads model's knee marker").isEqualTo(100);
        assertThat(byLabel.get("ideal C / L").get("y").get(at1000).asDouble()).as("C / L = 1,000 / 0.5 s")
                .isEqualTo(2000);
        assertThat(byLabel.get("sequential").get("color").asText()).as("Okabe-Ito's first colour").isEqualTo("#0072b2");
    }

    @Test
    void indexHtml_hasAContentsList_anchoredHeadings_andSortableTables() {
        assertThat(html.indexOf("<nav class=\"toc\"")).as("the contents come after the first section, the summary")
                .isGreaterThan(html.indexOf("<h2 id=\"summary\">")).isLessThan(html.indexOf("<h2 id=\"table-1-measured\">"));
        assertThat(html).as("a table of contents linking to each section's anchor")
                .contains("<nav class=\"toc\"").contains("<a href=\"#table-1-measured\">Table 1, measured</a>")
                .contains("<h2 id=\"table-1-measured\">Table 1, measured<a class=\"anchor\" href=\"#table-1-measured\"");
        assertThat(html).as("a results table scrolls in its own box and sorts; Table 1, headed by its empty corner,"
                + " does not sort").contains("<div class=\"table-wrap\"><table class=\"sortable\">")
                .contains("<div class=\"table-wrap\"><table>\n<thead><tr><th></th>");
    }

    @Test
    void read_rejectsAnotherFormatVersion_namingTheFileAndTheVersion() throws IOException {
        Path old = dir.resolve("old.json");
        Files.writeString(old, "{\"formatVersion\": 7, \"runId\": \"x\"}");
        assertThatThrownBy(() -> ReportWriter.read(old)).as("a clear error naming file and version")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(old.toString())
                .hasMessageContaining("formatVersion 7").hasMessageContaining("reads formatVersion 1");
    }
}
