package io.rudp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.ConnectionState;
import io.rudp.core.trace.ConnectionRole;
import io.rudp.core.trace.LossTrigger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON-lines writer: its lines, its byte cap, and I/O errors that never escape. */
class JsonLinesTracerTest {

    private static final long ORIGIN = 5_000_000_000L;
    private final List<IOException> failures = new ArrayList<>();

    private JsonLinesTracer tracer(OutputStream out, long maxBytes) {
        return new JsonLinesTracer(Path.of("t.jsonl"), out, ORIGIN, ConnectionRole.SERVER, 0xabcL,
                "/10.0.0.1:\"9\"\u00e9", 1_700_000_000_000L, maxBytes, (file, e) -> failures.add(e));
    }

    @Test
    void eventsAreOneJsonObjectPerLineWithQlogNamesAndMillisecondTimes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonLinesTracer t = tracer(out, 1 << 20);
        t.onStateChanged(ORIGIN, ConnectionState.ESTABLISHED);
        t.onPacketSent(ORIGIN + 1_234_567, 42, 1200, true, false);
        t.onPacketReceived(ORIGIN + 2_000_000, 7, 64);
        t.onPacketLost(ORIGIN + 3_000_000, 42, 1200, LossTrigger.TIME_THRESHOLD);
        t.onRttUpdated(ORIGIN + 3_000_000, 40_500_000, 41_000_000, 40_000_000, 250_000);
        t.onCongestionMetrics(ORIGIN + 3_000_000, 24_000, 2_400, 1_000_000, "PROBE_BW");
        t.onConnectionClosed(ORIGIN + 4_000_000, null);

        String text = out.toString(StandardCharsets.US_ASCII);
        assertThat(text).endsWith("}\n");
        String[] lines = text.split("\n");
        assertThat(lines[0]).startsWith("{\"qlog_format\":\"JSON-LINES\",\"format\":\"rudp-trace\"")
                .contains("\"connection_id\":\"0000000000000abc\"", "\"peer\":\"/10.0.0.1:\\\"9\\\"\\u00e9\"",
                        "\"wall_clock_unix_ms\":1700000000000", "\"type\":\"server\"");
        assertThat(lines).hasSize(9);
        assertThat(lines[1]).isEqualTo("{\"time\":0.000,\"name\":\"connectivity:connection_state_updated\",\"data\":{\"new\":\"established\"}}");
        assertThat(lines[2]).isEqualTo("{\"time\":1.234,\"name\":\"transport:packet_sent\",\"data\":{\"header\":{\"packet_number\":42},"
                + "\"raw\":{\"length\":1200},\"is_ack_eliciting\":true,\"retransmitted_data\":false}}");
        assertThat(lines[3]).isEqualTo("{\"time\":2.000,\"name\":\"transport:packet_received\",\"data\":{\"header\":{\"packet_number\":7},"
                + "\"raw\":{\"length\":64}}}");
        assertThat(lines[4]).contains("\"recovery:packet_lost\"", "\"trigger\":\"time_threshold\"");
        assertThat(lines[5]).contains("\"latest_rtt\":40.500,\"smoothed_rtt\":41.000,\"min_rtt\":40.000,\"rtt_variance\":0.250");
        assertThat(lines[6]).contains("\"recovery:congestion_state_updated\"", "\"new\":\"probe_bw\"");
        assertThat(lines[7]).contains("\"congestion_window\":24000,\"bytes_in_flight\":2400,\"pacing_rate\":8000000");
        assertThat(lines[8]).isEqualTo("{\"time\":4.000,\"name\":\"connectivity:connection_closed\",\"data\":{}}");
        assertThat(t.isOpen()).isFalse();
        assertThat(failures).isEmpty();
    }

    @Test
    void spuriousLossesAreOneRudpEventWithTheirCountAndTheNewWindow() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonLinesTracer t = tracer(out, 1 << 20);
        t.onSpuriousLosses(ORIGIN + 7_000_000, 3, 20_250_000);
        t.closeNow();

        String[] lines = out.toString(StandardCharsets.US_ASCII).split("\n");
        assertThat(lines[1]).isEqualTo("{\"time\":7.000,\"name\":\"rudp:spurious_losses\",\"data\":{\"count\":3,"
                + "\"reordering_window\":20.250}}");
        assertThat(failures).isEmpty();
    }

    @Test
    void theByteCapEndsTheFileWithOneTruncationEvent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonLinesTracer t = tracer(out, 4096);
        for (int i = 0; i < 1000; i++) {
            t.onPacketSent(ORIGIN + i * 1_000L, i, 1200, true, false);
        }
        t.closeNow();
        String text = out.toString(StandardCharsets.US_ASCII);
        assertThat(text.length()).isLessThanOrEqualTo(4096).isEqualTo((int) t.bytesWritten());
        String[] lines = text.split("\n");
        assertThat(lines[lines.length - 1]).contains("\"name\":\"rudp:trace_truncated\"", "\"max_bytes\":4096");
        assertThat(text).containsOnlyOnce("trace_truncated").endsWith("\n");
        assertThat(t.isOpen()).isFalse();
    }

    @Test
    void aWriteErrorStopsTheTraceReportsOnceAndNeverThrows() {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        JsonLinesTracer t = tracer(failing, 1 << 30);
        t.onStateChanged(ORIGIN, ConnectionState.ESTABLISHED); // flushes: the first write fails
        for (int i = 0; i < 10_000; i++) {
            t.onPacketSent(ORIGIN + i, i, 1200, true, false);
        }
        t.onConnectionClosed(ORIGIN + 20_000, null);
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).hasMessage("disk full");
        assertThat(t.isOpen()).isFalse();
    }
}
