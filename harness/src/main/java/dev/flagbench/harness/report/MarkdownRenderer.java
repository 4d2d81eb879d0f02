package dev.flagbench.harness.report;

import java.util.List;

/** Renders a {@link Doc} as GitHub-flavoured Markdown, charts as images under charts/. */
final class MarkdownRenderer {
    private MarkdownRenderer() {
    }

    /** The Markdown text of {@code doc}. */
    static String render(Doc doc) {
        StringBuilder md = new StringBuilder();
        for (Doc.Block block : doc.blocks()) {
            switch (block) {
                case Doc.Heading h -> md.append("#".repeat(h.level())).append(' ').append(inline(h.text())).append("\n\n");
                case Doc.Paragraph p -> md.append(inline(p.text())).append("\n\n");
                case Doc.Bullets b -> {
                    b.items().forEach(item -> md.append("- ").append(inline(item)).append('\n'));
                    md.append('\n');
                }
                case Doc.Table t -> {
                    row(md, t.header());
                    md.append('|').append("---|".repeat(t.header().size())).append('\n');
                    t.rows().forEach(r -> row(md, r));
                    md.append('\n');
                }
                case Doc.Figure f when f.chart() == null -> md.append("(").append(inline(f.plot().title()))
                        .append(": an interactive chart in the HTML page)\n\n");
                case Doc.Figure f -> md.append("![").append(inline(f.chart().title())).append("](")
                        .append(f.chart().pngPath()).append(") ([SVG](").append(f.chart().svgPath()).append("))\n\n");
                case Doc.Timelines t when t.chart() == null -> md.append("(").append(inline(t.title()))
                        .append(": an interactive chart in the HTML page)\n\n");
                case Doc.Timelines t -> md.append("![").append(inline(t.chart().title())).append("](")
                        .append(t.chart().pngPath()).append(") ([SVG](").append(t.chart().svgPath()).append("))\n\n");
                case Doc.Code c -> md.append("```\n").append(c.text()).append("\n```\n\n");
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        cells.forEach(c -> md.append(' ').append(inline(c).replace("|", "\\|")).append(" |"));
        md.append('\n');
    }

    private static String inline(String text) {
        return text.replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*")
                .replace("_", "\\_");
    }
}
