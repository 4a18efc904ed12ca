package io.rudp.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** A Markdown table under way: a caption, a header row and rows of cells (text, already formatted). */
public final class ReportTable {

    private final String caption;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with {@code caption} (may be empty) and these column headers. */
    public ReportTable(String caption, String... headers) {
        if (headers.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.caption = Objects.requireNonNull(caption, "caption");
        this.headers = List.of(headers);
    }

    /**
     * Adds a row.
     *
     * @throws IllegalArgumentException if the cell count differs from the column count
     */
    public ReportTable addRow(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells in a table of "
                    + headers.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** The caption printed above the table (may be empty). */
    public String caption() {
        return caption;
    }

    /** The column headers. */
    public List<String> headers() {
        return headers;
    }

    /** The rows so far, read-only. */
    public List<List<String>> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** The table as GitHub-flavoured Markdown (caption paragraph first when there is one). */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        if (!caption.isEmpty()) {
            out.append(caption).append("\n\n");
        }
        appendRow(out, headers);
        out.append('|');
        for (int i = 0; i < headers.size(); i++) {
            out.append("---|");
        }
        out.append('\n');
        for (List<String> row : rows) {
            appendRow(out, row);
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell.replace("|", "\\|").replace('\n', ' ')).append(" |");
        }
        out.append('\n');
    }
}
