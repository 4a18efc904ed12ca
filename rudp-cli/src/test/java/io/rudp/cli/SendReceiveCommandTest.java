package io.rudp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code rudp send} and {@code rudp receive} together, in-process over loopback. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SendReceiveCommandTest {

    @TempDir
    Path source;

    @TempDir
    Path target;

    @Test
    void emptySmallAndMultiMebibyteFilesArriveByteIdenticalAndBothSidesSaySo() throws Exception {
        Path empty = Files.write(source.resolve("empty.dat"), new byte[0]);
        Path small = Files.writeString(source.resolve("hello.txt"), "hello, rudp\n", StandardCharsets.UTF_8);
        Path big = TestFiles.random(source, "big.bin", 3 * 1024 * 1024 + 17, 42);

        try (Cli receive = Cli.start("receive", "--port", "0", "--bind", "127.0.0.1", "--dir", target.toString(),
                "--count", "3")) {
            int port = receive.awaitListeningPort();
            for (Path file : new Path[] {empty, small, big}) {
                Cli.Result sent = Cli.run("send", file.toString(), "127.0.0.1:" + port);

                String sha = TestFiles.sha256(file);
                assertThat(sent.exitCode()).as(sent.err()).isZero();
                assertThat(sent.out()).startsWith("sent " + file.getFileName() + " to 127.0.0.1:" + port + ": ")
                        .contains("SHA-256 " + sha).hasLineCount(1);
                assertThat(sent.errorLines()).isEmpty();
                assertThat(TestFiles.sha256(target.resolve(file.getFileName()))).isEqualTo(sha);
            }
            Cli.Result received = receive.await();

            assertThat(received.exitCode()).as(received.err()).isZero();
            assertThat(received.out()).contains("received empty.dat from 127.0.0.1:", "received hello.txt from",
                    "received big.bin from", "SHA-256 " + TestFiles.sha256(big), "done: 3 files received (3.00 MiB)");
            assertThat(received.errorLines()).isEmpty();
            assertThat(received.err()).contains("receiving big.bin", "100%");
        }
        assertThat(TestFiles.names(target)).containsExactly("big.bin", "empty.dat", "hello.txt");
        assertThat(Files.size(target.resolve("big.bin"))).isEqualTo(Files.size(big));
    }

    @Test
    void theSenderDrawsProgressOnStderrAndTheSummaryOnStdout() throws Exception {
        Path file = TestFiles.random(source, "data.bin", 256 * 1024, 7);
        try (Cli receive = Cli.start("receive", "-p", "0", "--bind", "127.0.0.1", "-d", target.toString(), "-n", "1")) {
            Cli.Result sent = Cli.run("send", file.toString(), "127.0.0.1:" + receive.awaitListeningPort());

            assertThat(sent.exitCode()).isZero();
            assertThat(sent.err()).contains("sending data.bin", "100%", "KiB");
            assertThat(sent.out()).contains("256.00 KiB in ", "/s), SHA-256 ");
            assertThat(receive.await().exitCode()).isZero();
        }
    }

    @Test
    void anExistingFileIsNotOverwrittenWithoutOverwriteAndTheSenderIsToldWhy() throws Exception {
        Path file = Files.writeString(source.resolve("report.txt"), "new content");
        Path existing = Files.writeString(target.resolve("report.txt"), "old content");

        try (Cli receive = Cli.start("receive", "--port", "0", "--bind", "127.0.0.1", "--dir", target.toString(),
                "--count", "1")) {
            Cli.Result sent = Cli.run("send", file.toString(), "127.0.0.1:" + receive.awaitListeningPort());

            assertThat(sent.exitCode()).isEqualTo(1);
            assertThat(sent.out()).isEmpty();
            assertThat(sent.err()).hasLineCount(1)
                    .startsWith("rudp send: the receiver refused report.txt: report.txt already exists on the receiver")
                    .contains("--overwrite");
            Cli.Result received = receive.await();
            assertThat(received.exitCode()).isEqualTo(1);
            assertThat(received.errorLines()).singleElement().asString()
                    .startsWith("rudp receive: transfer from 127.0.0.1:").contains("already exists");
            assertThat(received.out()).contains("done: 0 files received (0 B), 1 failed");
        }
        assertThat(Files.readString(existing)).isEqualTo("old content");
        TestFiles.assertNoPartialFiles(target);
        assertThat(TestFiles.names(target)).containsExactly("report.txt");
    }

    @Test
    void overwriteReplacesAnExistingFile() throws Exception {
        Path file = Files.writeString(source.resolve("report.txt"), "new content");
        Files.writeString(target.resolve("report.txt"), "old content");

        try (Cli receive = Cli.start("receive", "--port", "0", "--bind", "127.0.0.1", "--dir", target.toString(),
                "--count", "1", "--overwrite")) {
            Cli.Result sent = Cli.run("send", file.toString(), "127.0.0.1:" + receive.awaitListeningPort());

            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(receive.await().exitCode()).isZero();
        }
        assertThat(Files.readString(target.resolve("report.txt"))).isEqualTo("new content");
        assertThat(TestFiles.names(target)).containsExactly("report.txt");
    }

    @Test
    void receiveWithCountServesThatManyTransfersThenExits() throws Exception {
        Path a = Files.writeString(source.resolve("a.txt"), "a");
        Path b = Files.writeString(source.resolve("b.txt"), "b");
        try (Cli receive = Cli.start("receive", "--port", "0", "--bind", "127.0.0.1", "--dir", target.toString(),
                "--count", "2", "--no-progress")) {
            int port = receive.awaitListeningPort();
            assertThat(Cli.run("send", a.toString(), "127.0.0.1:" + port).exitCode()).isZero();
            assertThat(Cli.run("send", "--no-progress", b.toString(), "127.0.0.1:" + port).exitCode()).isZero();

            Cli.Result received = receive.await();

            assertThat(received.exitCode()).isZero();
            assertThat(received.out()).contains("done: 2 files received (2 B)");
            assertThat(received.err()).isEmpty();
        }
        assertThat(TestFiles.names(target)).containsExactly("a.txt", "b.txt");
    }

    @Test
    void filesTravelOverIpv6Too() throws Exception {
        Path file = TestFiles.random(source, "six.bin", 100_000, 6);
        try (Cli receive = Cli.start("receive", "--port", "0", "--bind", "::1", "--dir", target.toString(), "--count", "1")) {
            int port = receive.awaitListeningPort();
            assertThat(receive.out.toString()).startsWith("listening on [::1]:" + port);

            Cli.Result sent = Cli.run("send", file.toString(), "[::1]:" + port);

            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(sent.out()).startsWith("sent six.bin to [::1]:" + port);
            assertThat(receive.await().out()).contains("received six.bin from [::1]:");
        }
        assertThat(TestFiles.sha256(target.resolve("six.bin"))).isEqualTo(TestFiles.sha256(file));
    }

    @Test
    void anInterruptedReceiveStopsCleanlyWithASummary() throws Exception {
        try (Cli receive = Cli.start("receive", "--port", "0", "--bind", "127.0.0.1", "--dir", target.toString())) {
            receive.awaitListeningPort();
            receive.interrupt();

            Cli.Result received = receive.await();

            assertThat(received.exitCode()).isZero();
            assertThat(received.out()).contains("stopped: 0 files received (0 B)");
        }
        assertThat(TestFiles.names(target)).isEmpty();
    }
}
