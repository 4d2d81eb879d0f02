package dev.flagbench.harness.report;

import java.util.Base64;
import java.util.List;

/** Renders a {@link Doc} as one self-contained HTML page: inline CSS, charts as base64 PNG, no network. */
final class HtmlRenderer {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1200px;\
            padding:0 1rem;color:#1b1f24;line-height:1.45}
            h1{border-bottom:2px solid #d0d7de;padding-bottom:.3rem}h2{border-bottom:1px solid #d0d7de;margin-top:2rem}
            table{border-collapse:collapse;margin:1rem 0;font-size:.9rem;display:block;overflow-x:auto}
            th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top;white-space:nowrap}
            td.long{white-space:normal;min-width:16rem}
            th{background:#f6f8fa}tr:nth-child(even) td{background:#fbfcfd}
            figure{margin:1rem 0}figure img{max-width:100%;height:auto;border:1px solid #d0d7de}
            figcaption{font-size:.85rem;color:#57606a}
            pre{background:#f6f8fa;padding:.8rem;overflow-x:auto;font-size:.85rem}
            """;

    /** Sets {@code data-charts-ok} on the body once every chart image has decoded and takes space on the page. */
    private static final String CHECK_SCRIPT = """
            window.addEventListener('load', function () {
              var charts = document.querySelectorAll('img.chart');
              var ok = 0;
              charts.forEach(function (img) {
                var box = img.getBoundingClientRect();
                if (img.complete && img.naturalWidth > 0 && box.width > 0 && box.height > 0) { ok++; }
              });
              document.body.setAttribute('data-charts', String(charts.length));
              document.body.setAttribute('data-charts-ok', String(ok));
            });
            """;

    /** Cells longer than this many characters may wrap; shorter ones stay on one line. */
    private static final int LONG_CELL = 28;

    private HtmlRenderer() {
    }

    /** The HTML page of {@code doc}, titled {@code title}. */
    static String render(Doc doc, String title) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        for (Doc.Block block : doc.blocks()) {
            switch (block) {
                case Doc.Heading h -> html.append("<h").append(h.level()).append('>').append(escape(h.text()))
                        .append("</h").append(h.level()).append(">\n");
                case Doc.Paragraph p -> html.append("<p>").append(escape(p.text())).append("</p>\n");
                case Doc.Bullets b -> {
                    html.append("<ul>\n");
                    b.items().forEach(i -> html.append("<li>").append(escape(i)).append("</li>\n"));
                    html.append("</ul>\n");
                }
                case Doc.Table t -> {
                    html.append("<table>\n<thead><tr>");
                    t.header().forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
                    html.append("</tr></thead>\n<tbody>\n");
                    t.rows().forEach(r -> row(html, r));
                    html.append("</tbody>\n</table>\n");
                }
                case Doc.Figure f -> html.append("<figure><img class=\"chart\" width=\"").append(f.chart().width())
                        .append("\" height=\"").append(f.chart().height()).append("\" alt=\"")
                        .append(escape(f.chart().title())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(f.chart().png())).append("\">")
                        .append("<figcaption>").append(escape(f.chart().title())).append(" (<a href=\"")
                        .append(escape(f.chart().svgPath())).append("\">SVG</a>)</figcaption></figure>\n");
                case Doc.Code c -> html.append("<pre>").append(escape(c.text())).append("</pre>\n");
            }
        }
        return html.append("<script>\n").append(CHECK_SCRIPT).append("</script>\n</body>\n</html>\n").toString();
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
