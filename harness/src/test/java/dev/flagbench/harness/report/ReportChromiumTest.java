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

/** Renders index.html in headless Chromium: no console errors, every chart decoded and visible. */
class ReportChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    private Process chromium(Path profile, Path stderr, Path stdout, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--window-size=1280,2000"));
        cmd.addAll(List.of(extra));
        cmd.add(dir.resolve("index.html").toUri().toString());
        return new ProcessBuilder(cmd).redirectError(stderr.toFile()).redirectOutput(stdout.toFile()).start();
    }

    private void await(Process p) throws InterruptedException {
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within 90 s");
        }
    }

    @Test
    void indexHtml_rendersWithoutConsoleErrors_andEveryChartIsVisible() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: /usr/bin/chromium is absent (apt-get install chromium)");
        ReportWriter.writeAll(ReportWriter.read(ReportFixture.copyTo(dir)), dir);
        Path shot = dir.resolve("screenshot.png");
        Path domErr = dir.resolve("dom.err");
        Path dom = dir.resolve("dom.html");
        Path shotErr = dir.resolve("shot.err");
        Process dumping = chromium(Files.createDirectories(dir.resolve("profile-dom")), domErr, dom,
                "--virtual-time-budget=5000", "--dump-dom");
        await(dumping);
        Process shooting = chromium(Files.createDirectories(dir.resolve("profile-shot")), shotErr,
                dir.resolve("shot.out"), "--screenshot=" + shot);
        await(shooting);

        String html = Files.readString(dom);
        assertThat(html).as("the page's own check: 7 charts, all decoded with a non-zero box")
                .contains("data-charts=\"7\"").contains("data-charts-ok=\"7\"");
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
