package io.rudp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rudp bench --only handshake --quick}: its tables, its targets and the old rule beside the new one. */
class HandshakeSectionTest {

    @TempDir
    Path dir;

    @Test
    void quickRunReportsEveryRuleAtEveryLossWithTargetsAgainstTheOldRule() throws Exception {
        Path out = dir.resolve("handshake");

        BenchCommandTest.Run r = BenchCommandTest.run("--quick", "--only", "handshake", "--reps", "1", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        String md = Files.readString(out.resolve("results.md"));
        assertThat(md).contains("## Handshakes under loss, and handshakes per second (`handshake`)",
                "200 connects per cell through random loss each way, 20 ms RTT (simulator)",
                "| handshakes per second | µs per handshake (both sides) |");
        for (String rule : List.of("old: 500 ms doubling to 10 s, 1 copy", "250 ms doubling to 1 s, 1 copy",
                "500 ms doubling to 10 s, 2 copies", "new default: 250 ms doubling to 1 s, 2 copies")) {
            for (String loss : List.of("10%", "20%", "30%")) {
                assertThat(md).contains("| " + rule + " | " + loss + " | ");
            }
        }
        // The simulator part is deterministic: the same seeds give these figures on every machine.
        assertThat(md).contains("| handshake | handshakes, 30% loss each way, 20 ms RTT, default settings, within 10 s"
                + " | 200/200 | 195/200 (old rule) | >= 99% | pass |");
        assertThat(md).contains("| handshake | handshakes, 10% loss each way, 20 ms RTT, default settings, within 3 s"
                + " | 200/200 | 198/200 (old rule) | >= 99.9% | pass |");
        assertThat(md.lines().filter(l -> l.startsWith("| handshake |"))).hasSize(5)
                .allMatch(l -> l.endsWith("| pass |"));
    }
}
