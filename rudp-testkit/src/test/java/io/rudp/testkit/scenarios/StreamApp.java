package io.rudp.testkit.scenarios;

import io.rudp.core.Connection;
import io.rudp.core.ConnectionState;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * The application on one end of a test connection: writes a seeded pseudo-random byte stream of
 * a given length as fast as the send buffer takes it, shuts output down at the end, reads the
 * peer's stream to its end, and optionally closes. Both directions are fingerprinted with
 * CRC32C and a length, so a test checks that every byte arrived exactly once and in order.
 */
final class StreamApp {

    private final Connection connection;
    private final long bytesToWrite;
    private final SplittableRandom content;
    private final CRC32C writtenCrc = new CRC32C();
    private final CRC32C readCrc = new CRC32C();
    private final byte[] pending = new byte[16 * 1024];
    private final byte[] readChunk = new byte[16 * 1024];
    private final boolean closeWhenDone;
    private final boolean endStreamWhenWritten;
    private int pendingOffset;
    private int pendingLength;
    private long written;
    private long read;
    private boolean endOfStream;

    /**
     * @param closeWhenDone close once everything is written and the peer's stream was read to its end
     * @param endStreamWhenWritten shut output down once everything is written (else keep the stream open)
     */
    StreamApp(Connection connection, long bytesToWrite, long seed, boolean closeWhenDone, boolean endStreamWhenWritten) {
        this.connection = connection;
        this.bytesToWrite = bytesToWrite;
        this.content = new SplittableRandom(seed);
        this.closeWhenDone = closeWhenDone;
        this.endStreamWhenWritten = endStreamWhenWritten;
    }

    /** Does all the application work possible now without blocking. */
    void pump(long nowNanos) {
        ConnectionState state = connection.state();
        if (state == ConnectionState.CONNECTING) {
            return;
        }
        if (state == ConnectionState.ESTABLISHED) {
            writeWhatFits(nowNanos);
        }
        readWhatArrived();
        if (endOfStream && closeWhenDone && connection.state() == ConnectionState.ESTABLISHED && written == bytesToWrite) {
            connection.close(nowNanos);
        }
    }

    private void writeWhatFits(long nowNanos) {
        while (!connection.isOutputShutdown()) {
            if (pendingOffset == pendingLength) {
                int n = (int) Math.min(pending.length, bytesToWrite - written);
                if (n == 0) {
                    if (endStreamWhenWritten) {
                        connection.shutdownOutput(nowNanos);
                    }
                    return;
                }
                content.nextBytes(pending);
                pendingOffset = 0;
                pendingLength = n;
            }
            int taken = connection.write(nowNanos, pending, pendingOffset, pendingLength - pendingOffset);
            if (taken == 0) {
                return;
            }
            writtenCrc.update(pending, pendingOffset, taken);
            pendingOffset += taken;
            written += taken;
        }
    }

    private void readWhatArrived() {
        while (!endOfStream) {
            int n = connection.read(readChunk, 0, readChunk.length);
            if (n == 0) {
                return;
            }
            if (n < 0) {
                endOfStream = true;
                return;
            }
            readCrc.update(readChunk, 0, n);
            read += n;
        }
    }

    long bytesRead() { return read; }
    long bytesWritten() { return written; }
    long writtenFingerprint() { return writtenCrc.getValue(); }
    long readFingerprint() { return readCrc.getValue(); }
    boolean sawEndOfStream() { return endOfStream; }
    boolean wroteEverything() { return written == bytesToWrite; }
    Connection connection() { return connection; }
}
