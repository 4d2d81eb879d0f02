package dev.flagbench.harness.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders a {@link Doc} as one self-contained HTML page: inline CSS and scripts, a table of contents, headings with
 * anchors, tables that scroll sideways under a sticky first column and sort by a click on their header, interactive
 * charts drawn by the inlined uPlot (see {@link #UPLOT_VERSION}), and PNG charts as base64; no network.
 */
final class HtmlRenderer {
    /** The uPlot release inlined into every page, from the npm registry (MIT licence, beside it in uplot/LICENSE). */
    static final String UPLOT_VERSION = "1.6.32";

    /** Cells longer than this many characters may wrap; shorter ones stay on one line. */
    private static final int LONG_CELL = 28;

    private HtmlRenderer() {
    }

    /** The HTML page of {@code doc}, titled {@code title}. */
    static String render(Doc doc, String title) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n")
                .append(resource("uplot/uPlot.min.css")).append('\n').append(resource("index.css"))
                .append("</style>\n</head>\n<body>\n");
        List<Doc.Heading> toc = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> anchors = new ArrayList<>();
        for (Doc.Block block : doc.blocks()) {
            if (block instanceof Doc.Heading h && h.level() > 1) {
                toc.add(h);
                anchors.add(uniqueId(h.text(), ids));
            }
        }
        List<Plot> plots = new ArrayList<>();
        List<List<TimelineView>> timelines = new ArrayList<>();
        int heading = 0;
        boolean tocWritten = false;
        for (Doc.Block block : doc.blocks()) {
            switch (block) {
                case Doc.Heading h when h.level() == 1 -> html.append("<h1>").append(escape(h.text())).append("</h1>\n");
                case Doc.Heading h -> {
                    // The first section (the summary: the report's answer) is the first screen; the contents follow it.
                    if (!tocWritten && h.level() == 2 && heading > 0) {
                        toc(html, toc, anchors);
                        tocWritten = true;
                    }
                    String id = anchors.get(heading++);
                    html.append("<h").append(h.level()).append(" id=\"").append(id).append("\">")
                            .append(escape(h.text())).append("<a class=\"anchor\" href=\"#").append(id)
                            .append("\" aria-label=\"link to this section\">#</a></h").append(h.level()).append(">\n");
                }
                case Doc.Paragraph p -> html.append("<p>").append(escape(p.text())).append("</p>\n");
                case Doc.Bullets b -> {
                    html.append("<ul>\n");
                    b.items().forEach(i -> html.append("<li>").append(escape(i)).append("</li>\n"));
                    html.append("</ul>\n");
                }
                case Doc.Table t -> {
                    boolean sortable = !t.header().getFirst().isBlank() && t.rows().size() > 1;
                    html.append("<div class=\"table-wrap\"><table").append(sortable ? " class=\"sortable\"" : "")
                            .append(">\n<thead><tr>");
                    t.header().forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
                    html.append("</tr></thead>\n<tbody>\n");
                    t.rows().forEach(r -> row(html, r));
                    html.append("</tbody>\n</table></div>\n");
                }
                case Doc.Figure f when f.plot() != null -> {
                    html.append("<figure><div class=\"plot\" data-plot=\"").append(plots.size()).append("\"></div>")
                            .append("<figcaption>").append(escape(f.plot().title()))
                            .append(": hover for values, click a legend entry to hide or show its series")
                            .append(f.chart() == null ? "" : " (" + links(f.chart()) + ")")
                            .append("</figcaption></figure>\n");
                    plots.add(f.plot());
                }
                case Doc.Figure f -> html.append("<figure><img class=\"chart\" width=\"").append(f.chart().width())
                        .append("\" height=\"").append(f.chart().height()).append("\" alt=\"")
                        .append(escape(f.chart().title())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(f.chart().png())).append("\">")
                        .append("<figcaption>").append(escape(f.chart().title())).append(" (<a href=\"")
                        .append(escape(f.chart().svgPath())).append("\">SVG</a>)</figcaption></figure>\n");
                case Doc.Timelines t -> {
                    html.append("<figure class=\"over-time\"><label>trial <select class=\"timeline-select\" data-timeline=\"")
                            .append(timelines.size()).append("\">");
                    for (int i = 0; i < t.views().size(); i++) {
                        html.append("<option value=\"").append(i).append("\">").append(escape(t.views().get(i).label()))
                                .append("</option>");
                    }
                    html.append("</select></label><div class=\"timeline\" data-timeline=\"").append(timelines.size())
                            .append("\"></div><figcaption>").append(escape(t.title()))
                            .append(": hover for values, click a legend entry to hide or show its series")
                            .append(t.chart() == null ? "" : " (" + links(t.chart()) + ")")
                            .append("</figcaption></figure>\n");
                    timelines.add(t.views());
                }
                case Doc.Code c -> html.append("<pre>").append(escape(c.text())).append("</pre>\n");
            }
        }
        return html.append("<script type=\"application/json\" id=\"plot-data\">").append(json(plots))
                .append("</script>\n<script type=\"application/json\" id=\"timeline-data\">").append(json(timelines))
                .append("</script>\n<script>\n/* uPlot ").append(UPLOT_VERSION).append(", MIT licence */\n")
                .append(resource("uplot/uPlot.iife.min.js")).append("\n</script>\n<script>\n")
                .append(resource("index.js")).append("</script>\n</body>\n</html>\n").toString();
    }

    private static String links(ChartFile chart) {
        return "<a href=\"" + escape(chart.pngPath()) + "\">PNG</a>, <a href=\"" + escape(chart.svgPath())
                + "\">SVG</a>";
    }

    /** The table of contents, after the first section: every heading below the title, nested by level. */
    private static void toc(StringBuilder html, List<Doc.Heading> headings, List<String> anchors) {
        if (headings.isEmpty()) {
            return;
        }
        html.append("<nav class=\"toc\" aria-label=\"contents\"><strong>Contents</strong>\n<ol>");
        boolean nested = false;
        for (int i = 0; i < headings.size(); i++) {
            Doc.Heading h = headings.get(i);
            String item = "<li><a href=\"#" + anchors.get(i) + "\">" + escape(h.text()) + "</a>";
            if (h.level() == 2) {
                html.append(nested ? "</li></ol></li>" : i > 0 ? "</li>" : "").append(item);
                nested = false;
            } else {
                html.append(nested ? "</li>" : "<ol>").append(item);
                nested = true;
            }
        }
        html.append(nested ? "</li></ol></li>" : "</li>").append("</ol></nav>\n");
    }

    /** A lowercase id made of the heading's letters and digits, suffixed where an earlier heading took it. */
    private static String uniqueId(String text, Set<String> taken) {
        String base = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        String id = base.isEmpty() ? "section" : base;
        for (int n = 2; !taken.add(id); n++) {
            id = (base.isEmpty() ? "section" : base) + "-" + n;
        }
        return id;
    }

    private static String json(List<?> plots) {
        try {
            return new ObjectMapper().writeValueAsString(plots).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plot data is not serialisable: " + e.getMessage(), e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + HtmlRenderer.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading resource " + name + ": " + e.getMessage(), e);
        }
    }

    private static void row(StringBuilder html, List<String> cells) {
        html.append("<tr>");
        cells.forEach(c -> html.append(c.length() > LONG_CELL ? "<td class=\"long\">" : "<td>").append(escape(c))
                .append("</td>"));
        html.append("</tr>\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
