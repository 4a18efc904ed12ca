package io.rudp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The commands together: a 20 MiB file through `rudp proxy` at 5% loss with reordering and duplication. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ThroughTheProxyTest {

    @Test
    void aTwentyMebibyteFileCrossesALossyReorderingDuplicatingProxyIntact(@TempDir Path source, @TempDir Path target)
            throws Exception {
        Path file = TestFiles.random(source, "payload.bin", 20 << 20, 42);
        try (Cli receiver = Cli.start("receive", "--port", "0", "--count", "1", "--dir", target.toString(), "--no-progress")) {
            int receiverPort = receiver.awaitListeningPort();
            try (Cli proxy = Cli.start("proxy", "--listen", "0", "--target", "127.0.0.1:" + receiverPort,
                    "--loss", "5%", "--reorder", "3%", "--duplicate", "3%", "--seed", "7")) {
                int proxyPort = proxy.awaitListeningPort();

                Cli.Result sent = Cli.run("send", file.toString(), "127.0.0.1:" + proxyPort, "--no-progress");

                assertThat(sent.exitCode()).as(sent.err()).isZero();
                Cli.Result received = receiver.await();
                assertThat(received.exitCode()).as(received.err()).isZero();
                proxy.interrupt();
                Cli.Result relayed = proxy.await();
                // The proxy really impaired the traffic, and says so in its counters.
                assertThat(relayed.out()).containsPattern("up .*: [0-9]+ received, [0-9]+ delivered .*, [1-9][0-9]* lost, .*, [1-9][0-9]* duplicated");
            }
        }
        Path arrived = target.resolve("payload.bin");
        assertThat(Files.size(arrived)).isEqualTo(20 << 20);
        assertThat(TestFiles.sha256(arrived)).isEqualTo(TestFiles.sha256(file));
        TestFiles.assertNoPartialFiles(target);
    }
}
