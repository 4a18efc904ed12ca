package io.rudp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** `rudp demo` in-process: the transfer completes through the proxy and the report says so. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DemoCommandTest {

    @Test
    void theDemoMovesItsPayloadThroughTheProxyAndVerifiesIt() {
        Cli.Result r = Cli.run("demo", "--size", "512KiB", "--loss", "2%", "--rtt", "10ms", "--seed", "3");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("rudp demo: 512.00 KiB through a proxy with 2.0% loss each way, 10 ms RTT")
                .containsPattern("\\| result +\\| value \\|\\R\\|-+\\|-+\\|\\R\\| transferred ")
                .containsPattern("\\| goodput +\\| [0-9.]+ MiB/s = [0-9.]+ Mbit/s \\|")
                .containsPattern("\\| RTT \\(smoothed\\) +\\| [0-9.]+ ms")
                .containsPattern("\\| retransmitted +\\| [0-9]+ of [1-9][0-9]* packets \\|")
                .containsPattern("\\| integrity \\(SHA-256\\) +\\| verified [0-9a-f]{16}\\.\\.\\. \\|");
        assertThat(r.err()).contains("sending demo payload");
    }

    @Test
    void badDemoOptionsAreOneLineAndExitCode2() {
        Cli.Result loss = Cli.run("demo", "--loss", "-1%");
        Cli.Result size = Cli.run("demo", "--size", "lots");
        Cli.Result rtt = Cli.run("demo", "--rtt", "fast");

        for (Cli.Result r : new Cli.Result[] {loss, size, rtt}) {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.errorLines()).hasSize(1);
        }
        assertThat(loss.err()).startsWith("rudp demo: --loss:");
        assertThat(size.err()).startsWith("rudp demo: --size:");
        assertThat(rtt.err()).startsWith("rudp demo: --rtt:");
    }
}
