package dev.flagbench.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders index.html in headless Chromium at 1,400 px: no console errors, every chart drawn, the interactive charts
 * answer a synthetic mouse move and a legend click, the over-time chart answers a mouse move and its menu switches
 * the trial, and no table column is out of reach. The page checks itself when
 * opened with {@code #selfcheck} and writes what it found into {@code <body data-*>}, read here from the dumped DOM.
 */
class ReportChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    private Process chromium(Path profile, Path stderr, Path stdout, String fragment, String... extra)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--window-size=1400,2000"));
        cmd.addAll(List.of(extra));
        cmd.add(dir.resolve("index.html").toUri() + fragment);
        return new ProcessBuilder(cmd).redirectError(stderr.toFile()).redirectOutput(stdout.toFile()).start();
    }

    private void await(Process p) throws InterruptedException {
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within 90 s");
        }
    }

    /** The value of {@code <body name="...">} in the dumped DOM, or null when absent. */
    private static String attribute(String html, String name) {
        java.util.regex.Matcher body = java.util.regex.Pattern.compile("<body([^>]*)>").matcher(html);
        if (!body.find()) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(body.group(1));
        return m.find() ? m.group(1).replace("&gt;", ">").replace("&amp;", "&") : null;
    }

    @Test
    void indexHtml_rendersWithoutConsoleErrors_chartsAreInteractive_andNoColumnIsClipped() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: /usr/bin/chromium is absent (apt-get install chromium)");
        ReportWriter.writeAll(ReportWriter.read(ReportFixture.withTimelines(ReportFixture.copyTo(dir))), dir);
        Path shot = dir.resolve("screenshot.png");
        Path domErr = dir.resolve("dom.err");
        Path dom = dir.resolve("dom.html");
        Path shotErr = dir.resolve("shot.err");
        Process dumping = chromium(Files.createDirectories(dir.resolve("profile-dom")), domErr, dom,
                "#selfcheck", "--virtual-time-budget=5000", "--dump-dom");
        await(dumping);
        Process shooting = chromium(Files.createDirectories(dir.resolve("profile-shot")), shotErr,
                dir.resolve("shot.out"), "", "--screenshot=" + shot);
        await(shooting);

        String html = Files.readString(dom);
        assertThat(attribute(html, "data-selfcheck")).as("the page's self-check ran to its end").isEqualTo("done");
        assertThat(attribute(html, "data-charts")).as("10 charts: 9 interactive, the spectrum as PNG").isEqualTo("10");
        assertThat(attribute(html, "data-charts-ok")).as("every chart drawn with a non-zero box").isEqualTo("10");
        assertThat(attribute(html, "data-plots")).as("9 interactive charts").isEqualTo("9");
        assertThat(attribute(html, "data-plot-series")).as("a legend entry per series, as many as the data has")
                .isEqualTo(attribute(html, "data-plot-series-expected")).isNotEqualTo("0");
        assertThat(attribute(html, "data-plot-hover")).as("a value appears in every chart's legend after a mouse move")
                .isEqualTo("9");
        assertThat(attribute(html, "data-plot-toggled")).as("a legend click hides a series, a second shows it again")
                .isEqualTo("9");
        assertThat(attribute(html, "data-timelines")).as("one over-time chart").isEqualTo("1");
        assertThat(attribute(html, "data-timelines-ok")).as("the over-time chart drawn with a non-zero box")
                .isEqualTo("1");
        assertThat(attribute(html, "data-timeline-series")).as("a legend entry per series: in flight, responses/s")
                .isEqualTo("2");
        assertThat(attribute(html, "data-timeline-hover")).as("both series show a value after a mouse move")
                .matches("[\\d.,]+/[\\d.,]+");
        assertThat(attribute(html, "data-timeline-switched")).as("the menu's second trial replaces the first")
                .isNotBlank().doesNotContain("not switched").startsWith("flags/");
        assertThat(attribute(html, "data-tables")).as("the five tables were checked: Table 1, flags, echo, where the"
                + " time went, settings").isEqualTo("5");
        assertThat(attribute(html, "data-sort")).as("a click on a results table's C header sorts it up, a second down")
                .isEqualTo("ascending,descending");
        assertThat(attribute(html, "data-tables-scrolling")).as("the results table is wider than 1,400 px: it"
                + " scrolls in its box, its first column sticky (so the check above saw a scrolling table)")
                .isNotEqualTo("0");
        assertThat(attribute(html, "data-tables-clipped")).as("at 1,400 px no column is clipped or out of reach")
                .isEmpty();
        for (Path log : List.of(domErr, shotErr)) {
            List<String> pageErrors = Files.readAllLines(log).stream()
                    .filter(l -> l.contains("Uncaught") || (l.contains("CONSOLE") && l.contains("index.html")))
                    .toList();
            assertThat(pageErrors).as("no console errors from the page in " + log.getFileName()).isEmpty();
        }
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image).as("the screenshot decodes").isNotNull();
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("a rendered page with text, tables and charts, not a blank one")
                .isGreaterThan(50);
    }
}
