package io.rudp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.TraceFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code rudp plot}, and {@code --trace} on send and receive, in-process. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PlotCommandTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    @Test
    void plotWritesAPngOfTheRequestedSize() throws Exception {
        Path trace = io.rudp.cli.plot.TraceRoundTripTestAccess.writeTrace(TraceFiles.toDirectory(dir), 0xabcL, 2_000);
        Path png = dir.resolve("chart.png");

        Cli.Result r = Cli.run("plot", trace.toString(), "-o", png.toString(), "--width", "640", "--height", "480");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("wrote " + png + ": ").contains("2000 packets sent", "200 lost").hasLineCount(1);
        assertPng(png, 640, 480);
    }

    @Test
    void theDefaultOutputIsTheTraceWithPngInPlaceOfJsonl() throws Exception {
        Path trace = io.rudp.cli.plot.TraceRoundTripTestAccess.writeTrace(TraceFiles.toDirectory(dir), 0x5L, 100);
        Cli.Result r = Cli.run("plot", trace.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertPng(dir.resolve("client-0000000000000005.png"), 1200, 900);
        assertThat(PlotCommand.defaultOutput(Path.of("a/b.txt"))).isEqualTo(Path.of("a/b.txt.png"));
    }

    @Test
    void badInputFailsWithOneLineAndExitCode2() throws Exception {
        Path header = Files.writeString(dir.resolve("header-only.jsonl"), "{\"format\":\"rudp-trace\"}\n"
                + "{\"time\":0,\"name\":\"transport:packet_sent\",\"data\":{}}\n");
        Path malformed = Files.writeString(dir.resolve("malformed.jsonl"), "{\"format\":\"rudp-trace\"}\n\n{\"time\":1,\n");
        Path notATrace = Files.writeString(dir.resolve("other.txt"), "hello\n");
        // A binary file (bytes that are not UTF-8), as a user who points plot at an image would.
        Path binary = Files.write(dir.resolve("image.bin"), new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, (byte) 0xfe, 0});
        Object[][] cases = {
            {new String[] {"plot", dir.resolve("missing.jsonl").toString()}, "does not exist"},
            {new String[] {"plot", dir.toString()}, "is not a regular file"},
            {new String[] {"plot", malformed.toString()}, "line 3: not valid JSON"},
            {new String[] {"plot", notATrace.toString()}, "line 1: not valid JSON"},
            {new String[] {"plot", binary.toString()}, "not UTF-8 text (at or after line 1), so not a rudp trace"},
            {new String[] {"plot", header.toString()}, "no congestion or RTT metrics"},
            {new String[] {"plot", header.toString(), "--width", "10"}, "--width: must be between 200 and 10000"},
        };
        for (Object[] c : cases) {
            Cli.Result r = Cli.run((String[]) c[0]);
            assertThat(r.exitCode()).as(Arrays.toString((String[]) c[0])).isEqualTo(2);
            assertThat(r.err()).as(Arrays.toString((String[]) c[0])).hasLineCount(1).startsWith("rudp plot: ").contains((String) c[1]);
            assertThat(r.out()).isEmpty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".png"))).isEmpty();
        }
    }

    @Test
    void sendAndReceiveWithTraceWriteTracesThatPlot() throws Exception {
        Path source = Files.createDirectory(dir.resolve("source"));
        Path target = Files.createDirectory(dir.resolve("target"));
        Path senderTraces = dir.resolve("sender-traces");
        Path receiverTraces = dir.resolve("receiver-traces");
        Path file = TestFiles.random(source, "data.bin", 512 * 1024, 3);
        try (Cli receive = Cli.start("receive", "-p", "0", "--bind", "127.0.0.1", "-d", target.toString(), "-n", "1",
                "--no-progress", "--trace", receiverTraces.toString())) {
            Cli.Result sent = Cli.run("send", file.toString(), "127.0.0.1:" + receive.awaitListeningPort(),
                    "--no-progress", "--trace", senderTraces.toString());
            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(sent.out()).contains("trace written to " + senderTraces);
            assertThat(receive.await().exitCode()).isZero();
        }
        List<Path> clientFiles = list(senderTraces);
        List<Path> serverFiles = list(receiverTraces);
        assertThat(clientFiles).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).startsWith("client-"));
        assertThat(serverFiles).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).startsWith("server-"));
        // The receiver shut its server down, so its trace is complete; the sender's holds at least the lingering state.
        assertThat(Files.readString(serverFiles.get(0))).contains("\"connectivity:connection_closed\"");
        assertThat(Files.readString(clientFiles.get(0))).contains("\"new\":\"lingering\"");

        Path png = dir.resolve("sender.png");
        Cli.Result plot = Cli.run("plot", clientFiles.get(0).toString(), "-o", png.toString(), "--width", "400", "--height", "300");
        assertThat(plot.exitCode()).as(plot.err()).isZero();
        assertPng(png, 400, 300);
    }

    private static void assertPng(Path png, int width, int height) throws Exception {
        byte[] bytes = Files.readAllBytes(png);
        assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.collect(Collectors.toList());
        }
    }
}
