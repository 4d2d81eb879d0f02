package dev.flagbench.harness.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One chart as written under charts/.
 *
 * @param title what the chart shows
 * @param pngPath the PNG, relative to the run's folder
 * @param svgPath the SVG, relative to the run's folder
 * @param png the PNG's bytes, for embedding in index.html
 * @param width the PNG's width in pixels
 * @param height the PNG's height in pixels
 */
record ChartFile(String title, String pngPath, String svgPath, byte[] png, int width, int height) {

    /**
     * Writes {@code chart} as charts/{name}.png and charts/{name}.svg under {@code runDir}, adds both files to
     * {@code written}, and returns where they are.
     */
    static ChartFile write(Chart<?, ?> chart, Path runDir, String name, String title, List<Path> written)
            throws IOException {
        Path dir = Files.createDirectories(runDir.resolve("charts"));
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        Path pngFile = dir.resolve(name + ".png");
        Files.write(pngFile, png);
        Path svgFile = dir.resolve(name + ".svg");
        try (OutputStream out = Files.newOutputStream(svgFile)) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        }
        written.add(pngFile);
        written.add(svgFile);
        return new ChartFile(title, "charts/" + name + ".png", "charts/" + name + ".svg", png, chart.getWidth(),
                chart.getHeight());
    }
}
