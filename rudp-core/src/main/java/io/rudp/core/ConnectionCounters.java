package io.rudp.core;

import io.rudp.core.loss.LossDetector;
import io.rudp.core.path.RttEstimator;

/**
 * The counters behind {@link ConnectionStats}: each event counted through its own method, read
 * only as a snapshot. Touched only by the engine's thread.
 */
final class ConnectionCounters {
    private long packetsSent;
    private long packetsReceived;
    private long bytesSent;
    private long bytesReceived;
    private long streamBytesSent;
    private long streamBytesReceived;
    private long retransmittedPackets;
    private long lostPackets;
    private long probeTimeouts;
    private long duplicatePackets;
    private long corruptPackets;

    void onSent(int datagramBytes) {
        packetsSent++;
        bytesSent += datagramBytes;
    }

    /** A handshake packet: its bytes count, it is not a numbered packet. */
    void onHandshakeSent(int datagramBytes) {
        bytesSent += datagramBytes;
    }

    /** A DATA packet that was not a duplicate arrived. */
    void onReceived(int datagramBytes) {
        packetsReceived++;
        bytesReceived += datagramBytes;
    }

    void onDuplicateReceived() {
        duplicatePackets++;
    }

    void onCorruptReceived() {
        corruptPackets++;
    }

    /** New stream bytes went out for the first time. */
    void onStreamBytesSent(int bytes) {
        streamBytesSent += bytes;
    }

    /** The stream's contiguous received prefix grew by {@code bytes}. */
    void onStreamBytesReceived(long bytes) {
        streamBytesReceived += bytes;
    }

    /** A packet carried stream bytes sent before. */
    void onRetransmission() {
        retransmittedPackets++;
    }

    void onLost() {
        lostPackets++;
    }

    void onProbeTimeout() {
        probeTimeouts++;
    }

    /** The counters with the path's estimates ({@code loss} is {@code null} before the peer's parameters). */
    ConnectionStats snapshot(RttEstimator rtt, long congestionWindowBytes, LossDetector loss) {
        return new ConnectionStats(packetsSent, packetsReceived, bytesSent, bytesReceived,
                streamBytesSent, streamBytesReceived, retransmittedPackets, lostPackets,
                probeTimeouts, duplicatePackets, corruptPackets,
                rtt.smoothedRttNanos(), rtt.rttVarNanos(), rtt.hasSample() ? rtt.minRttNanos() : 0,
                congestionWindowBytes, loss == null ? 0 : loss.bytesInFlight(),
                loss == null ? 0 : loss.spuriousLossesTotal());
    }
}
