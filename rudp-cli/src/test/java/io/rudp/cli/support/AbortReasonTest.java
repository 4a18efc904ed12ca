package io.rudp.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.CloseReason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CLI's abort reasons fit the protocol's 255 bytes, cut on a character boundary. */
class AbortReasonTest {

    @Test
    void aShortReasonIsKeptAsItIs() {
        assertThat(Messages.abortReason("echo server: broken pipe")).isEqualTo("echo server: broken pipe");
        assertThat(Messages.abortReason("x".repeat(255))).isEqualTo("x".repeat(255));
    }

    @Test
    void aLongReasonIsCutToFitWithAnEllipsis() {
        String cut = Messages.abortReason("x".repeat(1000));
        assertThat(cut).startsWith("xxx").endsWith("...");
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(CloseReason.MAX_REASON_BYTES);
        assertThat(CloseReason.checkReason(cut)).isEqualTo(cut);
    }

    @Test
    void aCutNeverSplitsACharacter() {
        String cut = Messages.abortReason("\uD83D\uDE00".repeat(100)); // 4 bytes each
        assertThat(cut).isEqualTo("\uD83D\uDE00".repeat(63) + "...");
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(CloseReason.MAX_REASON_BYTES);
        String accents = Messages.abortReason("é".repeat(200)); // 2 bytes each
        assertThat(accents).isEqualTo("é".repeat(126) + "...");
    }
}
