package io.rudp.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rudp.TraceFiles;
import io.rudp.core.CloseReason;
import io.rudp.core.ConnectionState;
import io.rudp.core.trace.ConnectionRole;
import io.rudp.core.trace.ConnectionTracer;
import io.rudp.core.trace.LossTrigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link TraceFiles} writes, {@link TraceReader} reads back; and the parser's own rules. */
class TraceRoundTripTest {

    private static final long ORIGIN = 1_000_000_000L;

    @TempDir
    Path dir;

    /** Writes a synthetic connection: {@code packets} sent, every tenth lost, RTT and window changing. */
    static Path writeTrace(TraceFiles traces, long connectionId, int packets) {
        ConnectionTracer t = traces.newTracer(ORIGIN, ConnectionRole.CLIENT, connectionId, "/127.0.0.1:9000");
        t.onStateChanged(ORIGIN, ConnectionState.CONNECTING);
        t.onStateChanged(ORIGIN + 40_000_000, ConnectionState.ESTABLISHED);
        for (int i = 0; i < packets; i++) {
            long now = ORIGIN + 40_000_000 + i * 100_000L;
            t.onPacketSent(now, i, 1200, true, i % 10 == 5);
            t.onCongestionMetrics(now, 12_000 + 1200L * i, 1200L * (i % 20), 1_250_000, i < packets / 2 ? "STARTUP" : "PROBE_BW");
            if (i % 2 == 1) {
                t.onPacketReceived(now + 50_000, i / 2, 40);
                t.onRttUpdated(now + 50_000, 40_000_000 + i * 1_000L, 41_000_000, 39_500_000, 500_000);
            }
            if (i % 10 == 9) {
                t.onPacketLost(now + 60_000, i - 4, 1200, LossTrigger.PACKET_THRESHOLD);
            }
        }
        t.onStateChanged(ORIGIN + 2_000_000_000L, ConnectionState.CLOSED);
        t.onConnectionClosed(ORIGIN + 2_000_000_000L, null);
        return traces.fileFor(ConnectionRole.CLIENT, connectionId);
    }

    @Test
    void whatTheWriterWritesTheReaderReads() throws IOException {
        TraceFiles traces = TraceFiles.toDirectory(dir);
        Path file = writeTrace(traces, 0x1234L, 500);

        TraceData data = TraceReader.read(file);
        assertThat(data.role).isEqualTo("client");
        assertThat(data.connectionId).isEqualTo("0000000000001234");
        assertThat(data.peer).isEqualTo("/127.0.0.1:9000");
        assertThat(data.packetsSent).isEqualTo(500);
        assertThat(data.packetsReceived).isEqualTo(250);
        assertThat(data.packetsLost).isEqualTo(50);
        assertThat(data.congestionWindow.size()).isEqualTo(500);
        assertThat(data.congestionWindow.y(499)).isEqualTo(12_000 + 1200.0 * 499);
        assertThat(data.bytesInFlight.size()).isEqualTo(500);
        assertThat(data.latestRtt.size()).isEqualTo(250);
        assertThat(data.smoothedRtt.y(0)).isEqualTo(41.0);
        assertThat(data.minRtt.y(0)).isEqualTo(39.5);
        assertThat(data.losses.size()).isEqualTo(50);
        assertThat(data.congestionWindow.x(0)).isEqualTo(0.040);
        assertThat(data.lastTimeSeconds).isEqualTo(2.0);
        assertThat(data.truncated).isFalse();
    }

    @Test
    void aCappedTraceStaysUnderItsCapAndReadsBackAsTruncated() throws IOException {
        TraceFiles traces = TraceFiles.toDirectory(dir, 16 * 1024);
        Path file = writeTrace(traces, 0x99L, 5_000);

        assertThat(Files.size(file)).isLessThanOrEqualTo(16 * 1024);
        TraceData data = TraceReader.read(file);
        assertThat(data.truncated).isTrue();
        assertThat(data.packetsSent).isPositive().isLessThan(5_000);
    }

    @Test
    void unknownEventsAndFieldsAreSkippedButMalformedLinesAreNamed() throws IOException {
        String header = "{\"format\":\"rudp-trace\",\"format_version\":9,\"something_new\":[1,2,{\"x\":null}]}\n";
        Path ok = Files.writeString(dir.resolve("ok.jsonl"), header
                + "{\"time\":1.5,\"name\":\"future:event\",\"data\":{\"a\":true}}\n\n"
                + "{\"time\":2,\"name\":\"recovery:metrics_updated\",\"data\":{\"congestion_window\":1e4,\"new_field\":\"\\u00e9\\n\"}}\n");
        TraceData data = TraceReader.read(ok);
        assertThat(data.congestionWindow.size()).isEqualTo(1);
        assertThat(data.congestionWindow.y(0)).isEqualTo(10_000.0);

        Path broken = Files.writeString(dir.resolve("broken.jsonl"), header
                + "{\"time\":1,\"name\":\"x\",\"data\":{}}\n{\"time\":2,\"name\":\"x\",\"data\":{\"a\":}\n");
        assertThatThrownBy(() -> TraceReader.read(broken)).isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith("line 3: not valid JSON: unexpected character '}' at column 34");

        Path noTime = Files.writeString(dir.resolve("no-time.jsonl"), header + "{\"name\":\"x\"}\n");
        assertThatThrownBy(() -> TraceReader.read(noTime)).hasMessage("line 2: an event needs a numeric \"time\" and a \"name\"");

        Path foreign = Files.writeString(dir.resolve("foreign.jsonl"), "{\"qlog_version\":\"0.3\"}\n");
        assertThatThrownBy(() -> TraceReader.read(foreign)).hasMessageStartingWith("line 1: not a rudp trace");

        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");
        assertThatThrownBy(() -> TraceReader.read(empty)).hasMessageContaining("empty");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theParserReadsJsonValuesAndRejectsGarbage() throws Exception {
        Object v = JsonLineParser.parse(" {\"a\":[1,-2.5e3,true,false,null],\"b\":{\"c\":\"q\\\"\\\\\\/\"}} ");
        assertThat(v).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat((List<Object>) m.get("a")).containsExactly(1.0, -2500.0, true, false, JsonLineParser.NULL);
        assertThat(((Map<?, ?>) m.get("b")).get("c")).isEqualTo("q\"\\/");
        for (String bad : new String[] {"", "{", "{\"a\"}", "{\"a\":1,}", "[1 2]", "\"open", "tru", "{} x", "-", "{\"a\":1e}",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"}) {
            assertThatThrownBy(() -> JsonLineParser.parse(bad)).as(bad)
                    .isInstanceOf(JsonLineParser.JsonSyntaxException.class).hasMessageContaining("at column");
        }
    }

    @Test
    void writingEventsToAFileAllocatesNothing() throws IOException {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads instanceof com.sun.management.ThreadMXBean,
                "needs HotSpot's per-thread allocation counter");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        ConnectionTracer t = TraceFiles.toDirectory(dir, Long.MAX_VALUE).newTracer(ORIGIN, ConnectionRole.SERVER, 7, "/[::1]:1");
        for (int round = 0; round < 2; round++) {
            long before = counter.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 3_000; i++) {
                long now = ORIGIN + i * 1_000L;
                t.onPacketSent(now, i, 1200, true, (i & 7) == 0);
                t.onPacketReceived(now, i, 40);
                t.onRttUpdated(now, 40_000_000 + i, 41_000_000, 39_000_000, 1_000_000);
                t.onCongestionMetrics(now, 100_000 + i, 50_000, 12_500_000, (i & 1) == 0 ? "PROBE_BW" : "PROBE_RTT");
                t.onPacketLost(now, i, 1200, LossTrigger.PACKET_THRESHOLD);
            }
            long allocated = counter.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            if (round == 1) { // the first round loads classes
                assertThat(allocated).as("bytes allocated for 15,000 events").isLessThan(4096);
            }
        }
        t.onConnectionClosed(ORIGIN + 1_000_000_000L, null);
        assertThat(TraceReader.read(dir.resolve("server-0000000000000007.jsonl")).packetsLost).isEqualTo(6_000);
    }

    @Test
    void decimationKeepsTheExtremesAndStepsHoldValues() {
        Series s = new Series();
        for (int i = 0; i < 10_000; i++) {
            s.add(i, i == 5_000 ? 1e6 : i % 7);
        }
        Series d = s.decimated(100);
        assertThat(d.size()).isLessThanOrEqualTo(200);
        double max = 0;
        for (int i = 0; i < d.size(); i++) {
            max = Math.max(max, d.y(i));
        }
        assertThat(max).isEqualTo(1e6);

        Series two = new Series();
        two.add(1, 10);
        two.add(2, 20);
        Series stepped = two.stepped();
        assertThat(stepped.xs()).containsExactly(1, 2, 2);
        assertThat(stepped.ys()).containsExactly(10, 10, 20);
    }
}
