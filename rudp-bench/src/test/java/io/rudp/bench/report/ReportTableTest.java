package io.rudp.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportTableTest {

    @Test
    void rendersGitHubMarkdownAndEscapesPipes() {
        ReportTable t = new ReportTable("Caption", "a", "b").addRow("1", "x|y");

        assertThat(t.toMarkdown()).isEqualTo("Caption\n\n| a | b |\n|---|---|\n| 1 | x\\|y |\n");
    }

    @Test
    void aRowMustFitTheColumns() {
        ReportTable t = new ReportTable("", "a", "b");

        assertThatThrownBy(() -> t.addRow("only one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 cells in a table of 2 columns");
    }
}
