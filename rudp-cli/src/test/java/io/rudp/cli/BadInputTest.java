package io.rudp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input and failures: exit codes 1 and 2, one clear line on stderr, nothing left behind. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputTest {

    @TempDir
    Path dir;

    /** A loopback UDP port that was just free. */
    private static int freshlyFreedPort() throws Exception {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    @Test
    void aMissingFileIsAUsageError() {
        Cli.Result r = Cli.run("send", dir.resolve("nope.txt").toString(), "127.0.0.1:9");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).startsWith("rudp send: FILE ").endsWith("nope.txt does not exist\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aDirectoryIsNotAFileToSend() {
        Cli.Result r = Cli.run("send", dir.toString(), "127.0.0.1:9");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).contains("is not a regular file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", "127.0.0.1:x", "127.0.0.1:70000", ":9", "[::1]9"})
    void aMalformedHostPortIsAUsageError(String hostPort) throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "x");

        Cli.Result r = Cli.run("send", file.toString(), hostPort);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElseThrow()).contains("'" + hostPort + "'");
    }

    @Test
    void sendingWhereNothingListensFailsWithOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        int port = freshlyFreedPort();

        Cli.Result r = Cli.run("send", "--connect-timeout", "2s", file.toString(), "127.0.0.1:" + port);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).startsWith("rudp send: ").contains("127.0.0.1:" + port)
                .containsAnyOf("refused", "no answer");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void sendingToAPortThatNeverAnswersTimesOutWithOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        try (DatagramChannel silent = DatagramChannel.open()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) silent.getLocalAddress()).getPort();

            Cli.Result r = Cli.run("send", "--connect-timeout", "1s", file.toString(), "127.0.0.1:" + port);

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).hasLineCount(1)
                    .isEqualTo("rudp send: no answer from 127.0.0.1:" + port
                            + " within 1.00 s; is `rudp receive` running there and reachable?\n");
        }
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        int port = freshlyFreedPort();

        Cli.Result r = Cli.run("send", "--verbose", "--connect-timeout", "2s", file.toString(), "127.0.0.1:" + port);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines().count()).isGreaterThan(2);
        assertThat(r.err()).contains("\tat io.rudp.");
    }

    @Test
    void receiveOnAPortInUseFailsWithOneLine() throws Exception {
        try (DatagramChannel taken = DatagramChannel.open()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();

            Cli.Result r = Cli.run("receive", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--dir", dir.toString(), "--count", "1");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).hasLineCount(1).startsWith("rudp receive: cannot listen on 127.0.0.1:" + port + ": ")
                    .contains("choose another --port");
        }
        assertThat(TestFiles.names(dir)).isEmpty();
    }

    @Test
    void echoOnAPortInUseFailsWithOneLine() throws Exception {
        try (DatagramChannel taken = DatagramChannel.open()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();

            Cli.Result r = Cli.run("echo", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--count", "1");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).hasLineCount(1).startsWith("rudp echo: cannot listen on 127.0.0.1:" + port);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "receive, --port, -1",
        "receive, --port, 65536",
        "receive, --port, abc",
        "receive, --count, -3",
        "receive, --count, 0",
        "receive, --count, many",
        "echo, --port, -1",
        "echo, --port, 1.5",
        "echo, --count, -1",
        "echo, --count, x"})
    void negativeOrMalformedPortsAndCountsAreUsageErrors(String command, String option, String value) {
        String[] args = option.equals("--port")
                ? new String[] {command, "--port", value, "--bind", "127.0.0.1", "--count", "1"}
                : new String[] {command, "--port", "0", "--bind", "127.0.0.1", option, value};
        if (command.equals("receive")) {
            args = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--dir", dir.toString()))
                    .toArray(String[]::new);
        }

        Cli.Result r = Cli.run(args);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElseThrow()).contains(option).contains(value);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingTargetDirectoryIsAUsageError() {
        Path missing = dir.resolve("missing");

        Cli.Result r = Cli.run("receive", "--port", "0", "--bind", "127.0.0.1", "--dir", missing.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).contains("does not exist").contains("--dir");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aFileAsTargetDirectoryIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");

        Cli.Result r = Cli.run("receive", "--port", "0", "--bind", "127.0.0.1", "--dir", file.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).contains("is not a directory");
    }

    @Test
    void aReadOnlyTargetDirectoryIsAUsageError() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path readOnly = Files.createDirectory(dir.resolve("ro"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));

        Cli.Result r = Cli.run("receive", "--port", "0", "--bind", "127.0.0.1", "--dir", readOnly.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).contains("is not writable");
    }

    @Test
    void chatWhereNothingListensFailsWithOneLine() throws Exception {
        int port = freshlyFreedPort();

        Cli.Result r = Cli.run("chat", "--connect-timeout", "2s", "127.0.0.1:" + port);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).startsWith("rudp chat: ").contains("127.0.0.1:" + port);
    }
}
