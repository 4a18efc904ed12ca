package io.rudp;

import io.rudp.core.trace.ConnectionRole;
import io.rudp.core.trace.ConnectionTracer;
import io.rudp.core.trace.ConnectionTracerFactory;
import io.rudp.internal.JsonLinesTracer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes each connection's event trace to its own file, {@code DIR/<role>-<connection id>.jsonl}
 * (e.g. {@code client-3f2a9c0d11e4b7a5.jsonl}), as qlog-style JSON lines. Install it with
 * {@link RudpConfig.Builder#tracerFactory}:
 *
 * <pre>{@code
 * RudpConfig config = RudpConfig.builder().tracerFactory(TraceFiles.toDirectory(Path.of("traces"))).build();
 * }</pre>
 *
 * <p>The first line is a header: {@code format} {@code "rudp-trace"}, {@code format_version},
 * {@code vantage_point.type} ({@code client} or {@code server}), {@code connection_id} (hex),
 * {@code peer}, and {@code reference_time.wall_clock_unix_ms}, the wall-clock time of time 0.
 * Each following line is one event {@code {"time": ms, "name": ..., "data": {...}}}, times in
 * milliseconds since the connection was created, with qlog's names
 * (draft-ietf-quic-qlog-quic-events): {@code transport:packet_sent} and
 * {@code transport:packet_received} ({@code header.packet_number}, {@code raw.length}, plus
 * {@code is_ack_eliciting} and {@code retransmitted_data} when sent), {@code recovery:packet_lost}
 * (the same plus {@code trigger}: {@code reordering_threshold} or {@code time_threshold}),
 * {@code recovery:metrics_updated} (either {@code latest_rtt}, {@code smoothed_rtt},
 * {@code min_rtt}, {@code rtt_variance} in ms, or {@code congestion_window},
 * {@code bytes_in_flight} in bytes and {@code pacing_rate} in bits per second, 0 when unpaced),
 * {@code recovery:congestion_state_updated} ({@code new}: the BBR mode),
 * {@code connectivity:connection_state_updated} ({@code new}: the connection state, lower case),
 * {@code connectivity:connection_closed} ({@code trigger}, {@code connection_code},
 * {@code reason}) and, when the size cap is reached, {@code rudp:trace_truncated}.
 *
 * <p>Writing happens on the endpoint's driver thread through a 64 KiB buffer; each file is
 * flushed on every connection state change and closed when the connection ends (or the JVM
 * exits). A file stops at its byte cap with one truncation event. An I/O error stops that file
 * only: it is counted ({@link #failures()}), the first one is reported on stderr, and the
 * connection goes on untraced.
 */
public final class TraceFiles implements ConnectionTracerFactory {

    /** The default byte cap of each trace file: 256 MiB. */
    public static final long DEFAULT_MAX_BYTES_PER_FILE = 256L << 20;
    /** The smallest byte cap accepted: 4 KiB. */
    public static final long MIN_MAX_BYTES_PER_FILE = 4096;

    private final Path directory;
    private final long maxBytesPerFile;
    private final AtomicLong filesOpened = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicBoolean failureReported = new AtomicBoolean();

    private TraceFiles(Path directory, long maxBytesPerFile) {
        this.directory = directory;
        this.maxBytesPerFile = maxBytesPerFile;
    }

    /**
     * Traces every connection into {@code directory}, each file capped at
     * {@link #DEFAULT_MAX_BYTES_PER_FILE}.
     *
     * @param directory where the files go; created if missing
     * @return the factory to give {@link RudpConfig.Builder#tracerFactory}
     * @throws NullPointerException if {@code directory} is null
     * @throws IOException if the directory cannot be created or is not a writable directory
     */
    public static TraceFiles toDirectory(Path directory) throws IOException {
        return toDirectory(directory, DEFAULT_MAX_BYTES_PER_FILE);
    }

    /**
     * Traces every connection into {@code directory}, each file capped at {@code maxBytesPerFile}.
     *
     * @param directory where the files go; created if missing
     * @param maxBytesPerFile the byte cap of each file, at least {@link #MIN_MAX_BYTES_PER_FILE}
     * @return the factory to give {@link RudpConfig.Builder#tracerFactory}
     * @throws NullPointerException if {@code directory} is null
     * @throws IOException if the directory cannot be created or is not a writable directory
     * @throws IllegalArgumentException if the cap is below the minimum
     */
    public static TraceFiles toDirectory(Path directory, long maxBytesPerFile) throws IOException {
        Objects.requireNonNull(directory, "directory");
        if (maxBytesPerFile < MIN_MAX_BYTES_PER_FILE) {
            throw new IllegalArgumentException("maxBytesPerFile must be at least " + MIN_MAX_BYTES_PER_FILE
                    + " bytes, got " + maxBytesPerFile);
        }
        Files.createDirectories(directory);
        if (!Files.isWritable(directory)) {
            throw new java.nio.file.AccessDeniedException(directory.toString(), null,
                    "the trace directory is not writable; choose another with write permission");
        }
        return new TraceFiles(directory, maxBytesPerFile);
    }

    /**
     * The file a connection's trace goes to: {@code <role>-<16 hex digits>.jsonl} in
     * {@link #directory()}.
     *
     * @param role the connection's side
     * @param connectionId its local connection id
     * @return the path of its trace file
     * @throws NullPointerException if {@code role} is null
     */
    public Path fileFor(ConnectionRole role, long connectionId) {
        Objects.requireNonNull(role, "role");
        String hex = String.format("%016x", connectionId);
        return directory.resolve((role == ConnectionRole.CLIENT ? "client-" : "server-") + hex + ".jsonl");
    }

    /** Where the files go. */
    public Path directory() {
        return directory;
    }

    /** The byte cap of each file. */
    public long maxBytesPerFile() {
        return maxBytesPerFile;
    }

    /** Trace files opened so far. */
    public long filesOpened() {
        return filesOpened.get();
    }

    /** Trace files that stopped because of an I/O error (opening or writing). */
    public long failures() {
        return failures.get();
    }

    /**
     * Opens the connection's file; {@code null} (the connection goes untraced) if it cannot be
     * opened, which counts as a failure.
     */
    @Override
    public ConnectionTracer newTracer(long nowNanos, ConnectionRole role, long localConnectionId, String peerAddress) {
        Path file = fileFor(role, localConnectionId);
        OutputStream out;
        try {
            out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            onFailure(file, e instanceof IOException ? (IOException) e : new IOException(e));
            return null;
        }
        filesOpened.incrementAndGet();
        return new JsonLinesTracer(file, out, nowNanos, role, localConnectionId, peerAddress,
                System.currentTimeMillis(), maxBytesPerFile, this::onFailure);
    }

    private void onFailure(Path file, IOException e) {
        failures.incrementAndGet();
        if (failureReported.compareAndSet(false, true)) {
            System.err.println("rudp: tracing to " + file + " stopped: " + e
                    + " (the connection goes on untraced; later trace failures are only counted)");
        }
    }

    @Override
    public String toString() {
        return "TraceFiles{" + directory + ", maxBytesPerFile=" + maxBytesPerFile + '}';
    }
}
