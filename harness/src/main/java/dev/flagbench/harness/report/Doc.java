package dev.flagbench.harness.report;

import java.util.ArrayList;
import java.util.List;

/** A report as a list of blocks, rendered once to Markdown and once to HTML so that both say the same. */
final class Doc {
    private final List<Block> blocks = new ArrayList<>();

    /** A piece of the report. */
    sealed interface Block permits Heading, Paragraph, Bullets, Table, Figure, Timelines, Code {
    }

    /** A section title; level 1 is the page title. */
    record Heading(int level, String text) implements Block {
    }

    /** A paragraph of plain text. */
    record Paragraph(String text) implements Block {
    }

    /** A bulleted list of plain-text items. */
    record Bullets(List<String> items) implements Block {
        /** Copies the list. */
        Bullets {
            items = List.copyOf(items);
        }
    }

    /** A table; every row has as many cells as the header. */
    record Table(List<String> header, List<List<String>> rows) implements Block {
        /** Copies the lists and checks the row widths. */
        Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> row : rows) {
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("row must have " + header.size() + " cells, was " + row);
                }
            }
        }
    }

    /**
     * A chart: files under charts/ for Markdown, and in HTML the interactive plot when there is one, else the PNG.
     *
     * @param chart the PNG and SVG files, or {@code null} for a chart only index.html draws (it needs a plot)
     * @param plot the same data for index.html's interactive chart, or {@code null}
     */
    record Figure(ChartFile chart, Plot plot) implements Block {
        /** A chart with no interactive version. */
        Figure(ChartFile chart) {
            this(chart, null);
        }
    }

    /**
     * Trials over time: in HTML one interactive chart with a menu of the trials, in Markdown the static chart.
     *
     * @param chart the static chart under charts/ for Markdown, or {@code null} (Markdown then says where to look)
     * @param title what the interactive chart shows
     * @param views the trials the menu offers, the first one shown first
     */
    record Timelines(ChartFile chart, String title, List<TimelineView> views) implements Block {
        /** Copies the list. */
        Timelines {
            views = List.copyOf(views);
        }
    }

    /** Preformatted text. */
    record Code(String text) implements Block {
    }

    /** Appends a block. */
    Doc add(Block block) {
        blocks.add(block);
        return this;
    }

    /** Appends a heading. */
    Doc heading(int level, String text) {
        return add(new Heading(level, text));
    }

    /** Appends a paragraph. */
    Doc paragraph(String text) {
        return add(new Paragraph(text));
    }

    /** The blocks in order. */
    List<Block> blocks() {
        return List.copyOf(blocks);
    }
}
