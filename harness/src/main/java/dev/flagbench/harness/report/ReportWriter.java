package dev.flagbench.harness.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagbench.harness.data.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Writes a run's report.md, index.html and charts/ from its run.json data alone. */
public final class ReportWriter {
    /** The Markdown report's file name. */
    public static final String REPORT_MD = "report.md";
    /** The self-contained HTML report's file name. */
    public static final String INDEX_HTML = "index.html";
    /** JMH's results in a run's folder, as JMH wrote them. */
    public static final String JMH_JSON = "jmh.json";

    private ReportWriter() {
    }

    /**
     * Writes report.md, index.html and the charts (PNG and SVG under charts/) into {@code runDir}.
     *
     * @param run the run, as read from run.json
     * @param runDir the folder of run.json; .hgrm paths are resolved against it
     * @return every file written, report.md first
     */
    public static List<Path> writeAll(RunRecord run, Path runDir) {
        System.setProperty("java.awt.headless", "true");
        try {
            Files.createDirectories(runDir);
            Charts charts = new Charts(runDir, ReportSection.modelOrder(run));
            Doc doc = new ReportBuilder(run, charts, ReportSection::serviceLoaderTraits).build();
            JmhChart jmhChart = new JmhChart(runDir);
            Optional<JmhSection> jmh = JmhSection.read(runDir.resolve(JMH_JSON));
            if (jmh.isPresent()) {
                jmh.get().render(doc, jmhChart);
            }
            Path md = Files.writeString(runDir.resolve(REPORT_MD), MarkdownRenderer.render(doc),
                    StandardCharsets.UTF_8);
            Path html = Files.writeString(runDir.resolve(INDEX_HTML),
                    HtmlRenderer.render(doc, "flagbench run " + run.runId()), StandardCharsets.UTF_8);
            List<Path> written = new ArrayList<>(List.of(md, html));
            written.addAll(charts.written());
            written.addAll(jmhChart.written());
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the report into " + runDir + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads run.json, checking its formatVersion first.
     *
     * @param runJson the file
     * @return the run
     * @throws IllegalArgumentException when the file's formatVersion is not the one this code reads
     * @throws UncheckedIOException when the file cannot be read or parsed
     */
    public static RunRecord read(Path runJson) {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        try {
            JsonNode tree = mapper.readTree(runJson.toFile());
            JsonNode version = tree == null ? null : tree.get("formatVersion");
            if (version == null || !version.canConvertToInt() || version.asInt() != RunRecord.FORMAT_VERSION) {
                throw new IllegalArgumentException(runJson + ": formatVersion " + (version == null ? "missing"
                        : version.toString()) + " is not supported; this reader reads formatVersion "
                        + RunRecord.FORMAT_VERSION);
            }
            return mapper.treeToValue(tree, RunRecord.class).validated(runJson.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(runJson + ": cannot read run.json: " + e.getMessage(), e);
        }
    }
}
