package io.rudp.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class FileNamesTest {

    private static final Path DIR = Path.of("/srv/inbox");

    @ParameterizedTest
    @ValueSource(strings = {"report.pdf", "..hidden", ".profile", "a..b", "ünïcödé ✓.txt", "name with spaces", "x.rudp-part"})
    void plainNamesAreAccepted(String name) {
        assertThat(FileNames.problem(name, DIR)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../x", "a/b", "/abs", "a\\b", "..\\..\\x", "tab\there", "nul\0", "del\u007f"})
    void pathsSpecialNamesAndControlCharactersAreRefused(String name) {
        assertThat(FileNames.problem(name, DIR)).isNotNull();
    }

    @Test
    void refusalsShowControlCharactersAsQuestionMarks() {
        assertThat(FileNames.problem("a\nb", DIR)).contains("'a?b'").doesNotContain("\n");
    }

    @Test
    void thePartialFileIsHiddenBesideTheTarget() {
        assertThat(FileNames.partFile(DIR, "r.pdf")).isEqualTo(DIR.resolve(".r.pdf.rudp-part"));
    }
}
