package io.rudp.internal;

import io.rudp.core.CloseReason;
import io.rudp.core.ConnectionState;
import io.rudp.core.trace.ConnectionRole;
import io.rudp.core.trace.ConnectionTracer;
import io.rudp.core.trace.LossTrigger;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes one connection's events to one file as qlog-style JSON lines (see {@code io.rudp.TraceFiles}
 * for the format). Runs on the driver's thread, so each event costs a few appends to a reused
 * {@link StringBuilder} and a copy into a 64 KiB buffer; the disk sees a write per 64 KiB.
 *
 * <p>Bounded: once the file would exceed its byte cap, one {@code rudp:trace_truncated} event is
 * written and the file closed. An I/O error closes the file and reports once (to the
 * {@link Failures} callback); neither ever reaches the connection. The lock serialises events
 * with a JVM shutdown's flush ({@link TraceRegistry}); on the driver's thread it is uncontended.
 */
public final class JsonLinesTracer implements ConnectionTracer {

    /** Room kept below the cap for the truncation event. */
    private static final int TRUNCATION_RESERVE_BYTES = 128;
    private static final int BUFFER_BYTES = 64 * 1024;

    /** Told once when a trace stops because of an I/O error. */
    @FunctionalInterface
    public interface Failures {
        /** Writing {@code file} failed with {@code error}; the trace is closed. */
        void onTraceFailed(Path file, IOException error);
    }

    private final Path file;
    private final long originNanos;
    private final long maxBytes;
    private final Failures failures;
    private final ReentrantLock lock = new ReentrantLock();
    private final StringBuilder line = new StringBuilder(256);
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private OutputStream out;
    private int buffered;
    private long bytesWritten;
    private String controllerState;
    /** The time of the event being written. */
    private long eventNanos;

    /**
     * Starts a trace: writes its header line.
     *
     * @param file the file (for messages)
     * @param out where the lines go; closed when the trace ends
     * @param originNanos the connection's creation time: time 0 of the trace
     * @param role the connection's side
     * @param connectionId its local connection id
     * @param peer its peer's address
     * @param wallClockMillis the wall-clock time at {@code originNanos} (Unix epoch)
     * @param maxBytes the file's byte cap; at least 1 KiB
     * @param failures told of an I/O error
     */
    public JsonLinesTracer(Path file, OutputStream out, long originNanos, ConnectionRole role, long connectionId,
                           String peer, long wallClockMillis, long maxBytes, Failures failures) {
        this.file = file;
        this.out = out;
        this.originNanos = originNanos;
        this.maxBytes = maxBytes;
        this.failures = failures;
        StringBuilder sb = line;
        sb.append("{\"qlog_format\":\"JSON-LINES\",\"format\":\"rudp-trace\",\"format_version\":1,")
                .append("\"title\":\"rudp connection trace\",\"vantage_point\":{\"type\":");
        JsonText.lowerName(sb, role.name());
        sb.append("},\"connection_id\":\"");
        JsonText.hex64(sb, connectionId);
        sb.append("\",\"peer\":");
        JsonText.string(sb, peer);
        sb.append(",\"time_format\":\"relative\",\"time_units\":\"ms\",\"reference_time\":{\"clock_type\":\"monotonic\",")
                .append("\"wall_clock_unix_ms\":").append(wallClockMillis).append("}}");
        lock.lock();
        try {
            TraceRegistry.add(this);
            emit();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the trace still writes (false once truncated, failed or closed). */
    public boolean isOpen() {
        lock.lock();
        try {
            return out != null;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of lines taken so far (written or buffered). */
    public long bytesWritten() {
        lock.lock();
        try {
            return bytesWritten;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onPacketSent(long nowNanos, long packetNumber, int sizeBytes, boolean ackEliciting, boolean retransmittedData) {
        lock.lock();
        try {
            if (start(nowNanos, "transport:packet_sent")) {
                packet(packetNumber, sizeBytes);
                line.append(",\"is_ack_eliciting\":").append(ackEliciting)
                        .append(",\"retransmitted_data\":").append(retransmittedData).append("}}");
                emit();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onPacketReceived(long nowNanos, long packetNumber, int sizeBytes) {
        lock.lock();
        try {
            if (start(nowNanos, "transport:packet_received")) {
                packet(packetNumber, sizeBytes);
                line.append("}}");
                emit();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onPacketLost(long nowNanos, long packetNumber, int sizeBytes, LossTrigger trigger) {
        lock.lock();
        try {
            if (start(nowNanos, "recovery:packet_lost")) {
                packet(packetNumber, sizeBytes);
                // qlog's trigger names (draft-ietf-quic-qlog-quic-events, packet_lost).
                line.append(",\"trigger\":\"")
                        .append(trigger == LossTrigger.PACKET_THRESHOLD ? "reordering_threshold" : "time_threshold")
                        .append("\"}}");
                emit();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onSpuriousLosses(long nowNanos, int packets, long reorderingWindowNanos) {
        lock.lock();
        try {
            // Not a qlog event: losses an acknowledgement proved spurious (RFC 8985 §6.2).
            if (start(nowNanos, "rudp:spurious_losses")) {
                line.append("\"count\":").append(packets).append(",\"reordering_window\":");
                JsonText.millis(line, reorderingWindowNanos);
                line.append("}}");
                emit();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onRttUpdated(long nowNanos, long latestRttNanos, long smoothedRttNanos, long minRttNanos, long rttVarNanos) {
        lock.lock();
        try {
            if (start(nowNanos, "recovery:metrics_updated")) {
                line.append("\"latest_rtt\":");
                JsonText.millis(line, latestRttNanos);
                line.append(",\"smoothed_rtt\":");
                JsonText.millis(line, smoothedRttNanos);
                line.append(",\"min_rtt\":");
                JsonText.millis(line, minRttNanos);
                line.append(",\"rtt_variance\":");
                JsonText.millis(line, rttVarNanos);
                line.append("}}");
                emit();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onCongestionMetrics(long nowNanos, long congestionWindowBytes, long bytesInFlight,
                                    long pacingRateBytesPerSecond, String controllerState) {
        lock.lock();
        try {
            if (controllerState != null && controllerState != this.controllerState
                    && start(nowNanos, "recovery:congestion_state_updated")) {
                line.append("\"new\":");
                JsonText.lowerName(line, controllerState);
                line.append("}}");
                emit();
            }
            this.controllerState = controllerState;
            if (start(nowNanos, "recovery:metrics_updated")) {
                line.append("\"congestion_window\":").append(congestionWindowBytes)
                        .append(",\"bytes_in_flight\":").append(bytesInFlight)
                        // qlog's pacing_rate is in bits per second.
                        .append(",\"pacing_rate\":")
                        .append(pacingRateBytesPerSecond > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : pacingRateBytesPerSecond * 8)
                        .append("}}");
                emit();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onStateChanged(long nowNanos, ConnectionState state) {
        lock.lock();
        try {
            if (start(nowNanos, "connectivity:connection_state_updated")) {
                line.append("\"new\":");
                JsonText.lowerName(line, state.name());
                line.append("}}");
                emit();
                flush(); // state changes are rare: what came before is on disk if the process ends now
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onConnectionClosed(long nowNanos, CloseReason reason) {
        lock.lock();
        try {
            if (start(nowNanos, "connectivity:connection_closed")) {
                if (reason != null) {
                    line.append("\"trigger\":");
                    JsonText.lowerName(line, reason.kind().name());
                    line.append(",\"connection_code\":");
                    JsonText.lowerName(line, reason.errorCode().name());
                    line.append(",\"reason\":");
                    JsonText.string(line, reason.message());
                }
                line.append("}}");
                emit();
            }
            close();
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is buffered and closes the file (a JVM shutdown calls this). Idempotent. */
    public void closeNow() {
        lock.lock();
        try {
            close();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- under the lock

    /** Starts an event line; false if the trace no longer writes. */
    private boolean start(long nowNanos, String name) {
        if (out == null) {
            return false;
        }
        eventNanos = nowNanos;
        line.setLength(0);
        line.append("{\"time\":");
        JsonText.millis(line, nowNanos - originNanos);
        line.append(",\"name\":\"").append(name).append("\",\"data\":{");
        return true;
    }

    private void packet(long packetNumber, int sizeBytes) {
        line.append("\"header\":{\"packet_number\":").append(packetNumber)
                .append("},\"raw\":{\"length\":").append(sizeBytes).append('}');
    }

    /** Writes the line built in {@link #line}, or the truncation event if the cap would be passed. */
    private void emit() {
        int length = line.length() + 1;
        if (bytesWritten + length > maxBytes - TRUNCATION_RESERVE_BYTES) {
            line.setLength(0);
            line.append("{\"time\":");
            JsonText.millis(line, eventNanos - originNanos);
            line.append(",\"name\":\"rudp:trace_truncated\",\"data\":{\"max_bytes\":")
                    .append(maxBytes).append(",\"reason\":\"the trace reached its size cap; later events were not written\"}}");
            append();
            close();
            return;
        }
        append();
    }

    private void append() {
        int length = line.length();
        for (int i = 0; i < length && out != null; i++) {
            if (buffered == buffer.length) {
                flush();
            }
            buffer[buffered++] = (byte) line.charAt(i); // JsonText keeps every char ASCII
        }
        if (buffered == buffer.length) {
            flush();
        }
        buffer[buffered++] = '\n';
        bytesWritten += length + 1;
    }

    private void flush() {
        if (out == null) {
            return;
        }
        try {
            out.write(buffer, 0, buffered);
            out.flush();
        } catch (IOException e) {
            fail(e);
        }
        buffered = 0;
    }

    private void close() {
        if (out == null) {
            return;
        }
        flush();
        OutputStream o = out;
        out = null;
        if (o != null) {
            try {
                o.close();
            } catch (IOException e) {
                failures.onTraceFailed(file, e);
            }
        }
        TraceRegistry.remove(this);
    }

    private void fail(IOException e) {
        OutputStream o = out;
        out = null;
        buffered = 0;
        try {
            o.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one reported
        }
        TraceRegistry.remove(this);
        failures.onTraceFailed(file, e);
    }
}
