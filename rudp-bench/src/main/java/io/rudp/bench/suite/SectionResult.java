package io.rudp.bench.suite;

import io.rudp.bench.report.ReportTable;
import io.rudp.bench.report.TargetCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a section produced.
 *
 * @param name the section's name ({@link Section#name()})
 * @param title the heading of its part of the report
 * @param notes paragraphs (Markdown) before its tables: setup, sizes, configuration
 * @param tables its measurements
 * @param targets the targets checked against them (may be empty)
 * @param charts the PNG files it wrote
 */
public record SectionResult(String name, String title, List<String> notes, List<ReportTable> tables,
        List<TargetCheck> targets, List<Path> charts) {

    /** Copies the lists. */
    public SectionResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        notes = List.copyOf(notes);
        tables = List.copyOf(tables);
        targets = List.copyOf(targets);
        charts = List.copyOf(charts);
    }

    /** A section that produced nothing but a note (not available, or failed). */
    public static SectionResult noteOnly(String name, String title, String note) {
        return new SectionResult(name, title, List.of(note), List.of(), List.of(), List.of());
    }
}
