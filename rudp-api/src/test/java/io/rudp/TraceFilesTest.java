package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rudp.core.trace.ConnectionRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link TraceFiles} on real connections over loopback, and its argument checks. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TraceFilesTest {

    @TempDir
    Path dir;

    @Test
    void eachConnectionGetsItsFileWhichEndsWhenTheConnectionDoes() throws Exception {
        TraceFiles traces = TraceFiles.toDirectory(dir.resolve("traces"));
        RudpConfig config = LoopbackPair.FAST.toBuilder().tracerFactory(traces).build();
        byte[] payload = new byte[200_000];
        try (LoopbackPair pair = LoopbackPair.open(config)) {
            pair.client.send(payload, 0, payload.length);
            pair.client.shutdownOutput();
            byte[] buf = new byte[65_536];
            long read = 0;
            int n;
            while ((n = pair.accepted.receive(buf, 0, buf.length)) >= 0) {
                read += n;
            }
            assertThat(read).isEqualTo(payload.length);
        }
        // The server's driver stopped with shutdown; the client's stops a few seconds after its last connection.
        assertThat(Resources.awaitDriverThreadsGone(20_000)).isEmpty();

        List<Path> files = list(traces.directory());
        assertThat(files).hasSize(2);
        assertThat(traces.filesOpened()).isEqualTo(2);
        assertThat(traces.failures()).isZero();
        Path client = files.stream().filter(f -> f.getFileName().toString().startsWith("client-")).findFirst().orElseThrow();
        Path server = files.stream().filter(f -> f.getFileName().toString().startsWith("server-")).findFirst().orElseThrow();
        for (Path file : List.of(client, server)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertThat(file.getFileName().toString()).matches("(client|server)-[0-9a-f]{16}\\.jsonl");
            assertThat(lines.get(0)).contains("\"format\":\"rudp-trace\"", "\"connection_id\":\""
                    + file.getFileName().toString().substring(7, 23) + "\"");
            assertThat(lines.get(lines.size() - 1)).contains("\"name\":\"connectivity:connection_closed\"");
            assertThat(lines).anyMatch(l -> l.contains("\"name\":\"transport:packet_sent\""))
                    .anyMatch(l -> l.contains("\"name\":\"transport:packet_received\""))
                    .anyMatch(l -> l.contains("\"congestion_window\":"))
                    .anyMatch(l -> l.contains("\"smoothed_rtt\":"));
        }
        assertThat(Files.readAllLines(client).get(0)).contains("\"vantage_point\":{\"type\":\"client\"}");
        assertThat(Files.readAllLines(server).get(0)).contains("\"vantage_point\":{\"type\":\"server\"}");
    }

    @Test
    void theFileNameIsTheRoleAndTheConnectionIdInHex() throws IOException {
        TraceFiles traces = TraceFiles.toDirectory(dir);
        assertThat(traces.fileFor(ConnectionRole.CLIENT, 0x3f2a9c0d11e4b7a5L).getFileName().toString())
                .isEqualTo("client-3f2a9c0d11e4b7a5.jsonl");
        assertThat(traces.fileFor(ConnectionRole.SERVER, -1L).getFileName().toString())
                .isEqualTo("server-ffffffffffffffff.jsonl");
        assertThat(traces.maxBytesPerFile()).isEqualTo(TraceFiles.DEFAULT_MAX_BYTES_PER_FILE);
    }

    @Test
    void badArgumentsAreRejectedWithAReason() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> TraceFiles.toDirectory(file)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> TraceFiles.toDirectory(dir, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 4096");
    }

    @Test
    void aFileThatCannotBeOpenedIsCountedAndTheConnectionGoesUntraced() throws IOException {
        TraceFiles traces = TraceFiles.toDirectory(dir);
        Path blocker = traces.fileFor(ConnectionRole.CLIENT, 1);
        Files.createDirectory(blocker); // a directory where the file should go
        assertThat(traces.newTracer(0, ConnectionRole.CLIENT, 1, "peer")).isNull();
        assertThat(traces.failures()).isEqualTo(1);
        assertThat(traces.filesOpened()).isZero();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        }
    }
}
