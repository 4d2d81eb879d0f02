package dev.flagbench.harness.report;

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
}
