package io.rudp.bench.report;

import io.rudp.bench.suite.SectionResult;
import java.nio.file.Path;
import java.util.List;

/** Renders the sections' results as one Markdown document (results.md). */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /**
     * The document: a title, {@code preamble} lines (date, command, machine), a summary of every
     * target check, then each section with its notes, tables and charts (linked by file name, so
     * the charts sit next to results.md).
     */
    public static String render(List<String> preamble, List<SectionResult> sections) {
        StringBuilder out = new StringBuilder("# rudp bench\n\n");
        for (String line : preamble) {
            out.append(line).append("  \n");
        }
        out.append('\n');
        ReportTable summary = new ReportTable("## Targets", "section", "scenario", "figure", "baseline",
                "ratio / target", "result");
        for (SectionResult s : sections) {
            for (TargetCheck t : s.targets()) {
                summary.addRow(s.name(), t.scenario(), t.figure(), t.baseline(), t.ratioAndTarget(), t.verdict());
            }
        }
        if (!summary.rows().isEmpty()) {
            out.append(summary.toMarkdown()).append('\n');
        }
        for (SectionResult s : sections) {
            out.append("## ").append(s.title()).append(" (`").append(s.name()).append("`)\n\n");
            for (String note : s.notes()) {
                out.append(note).append("\n\n");
            }
            for (ReportTable t : s.tables()) {
                out.append(t.toMarkdown()).append('\n');
            }
            for (Path chart : s.charts()) {
                String file = chart.getFileName().toString();
                out.append("![").append(file).append("](").append(file).append(")\n\n");
            }
        }
        return out.toString();
    }
}
