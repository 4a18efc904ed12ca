package io.rudp.core;

import io.rudp.core.ack.ReceivedPacketTracker;
import io.rudp.core.loss.LossDetector;
import io.rudp.core.loss.SentPacket;
import io.rudp.core.stream.ReceiveCredit;
import io.rudp.core.stream.SendBuffer;

/**
 * Runs the loss detector (RFC 9002) for one connection and answers what it reports: an
 * acknowledged packet settles its stream bytes, its ACK and its HANDSHAKE_DONE; a lost one
 * returns its stream bytes for resending and makes the newest credit frames owed again
 * (RFC 9000 §13.3); both feed path MTU discovery.
 */
final class RecoveryListener implements LossDetector.Listener {

    private final Path path;
    private final Peer peer;
    private final ControlFrames frames;
    private final SendBuffer sendBuffer;
    private final ReceiveCredit receiveCredit;
    private final ReceivedPacketTracker received;
    private final ConnectionCounters counters;
    /** The event trace, or {@code null} when tracing is off. */
    private final ConnectionTrace trace;
    /** When the loss detector was last called with this listener: the time of the losses it reports. */
    private long recoveryNowNanos;

    RecoveryListener(Path path, Peer peer, ControlFrames frames, SendBuffer sendBuffer, ReceiveCredit receiveCredit,
                     ReceivedPacketTracker received, ConnectionCounters counters, ConnectionTrace trace) {
        this.path = path;
        this.peer = peer;
        this.frames = frames;
        this.sendBuffer = sendBuffer;
        this.receiveCredit = receiveCredit;
        this.received = received;
        this.counters = counters;
        this.trace = trace;
    }

    /** An ACK frame arrived (RFC 9002 A.7): {@code ranges} as {@link LossDetector#onAckReceived} takes them. */
    void onAckReceived(long nowNanos, long[] ranges, int rangeCount, long ackDelayNanos) {
        recoveryNowNanos = nowNanos;
        path.loss().onAckReceived(nowNanos, ranges, rangeCount, ackDelayNanos, this);
        if (trace != null) {
            trace.onRecoveryUpdated(nowNanos);
        }
    }

    /**
     * Runs the loss detection timer (RFC 9002 A.9).
     *
     * @return whether a probe timeout fired (see {@link LossDetector#onTimeout})
     */
    boolean onLossTimeout(long nowNanos) {
        recoveryNowNanos = nowNanos;
        boolean probeTimeout = path.loss().onTimeout(nowNanos, this);
        if (trace != null) {
            trace.onRecoveryUpdated(nowNanos);
        }
        return probeTimeout;
    }

    @Override
    public void onPacketAcked(SentPacket p) {
        if (p.streamOffset >= 0) {
            sendBuffer.onAcked(p.streamOffset, p.streamLength, p.streamFin);
        }
        if (p.largestAckedInAck >= 0) {
            received.onAckAcknowledged(p.largestAckedInAck);
        }
        if (p.handshakeDone) {
            frames.onHandshakeDoneAcknowledged();
        }
        if (path.pmtu() != null) {
            path.pmtu().onPacketAcked(p.packetNumber, p.sizeBytes, recoveryNowNanos);
            path.onPathMtuEvent();
        }
    }

    @Override
    public void onPacketLost(SentPacket p) {
        if (path.pmtu() != null) {
            path.pmtu().onPacketLost(p.packetNumber, p.sizeBytes, recoveryNowNanos);
            path.onPathMtuEvent();
        }
        counters.onLost();
        if (trace != null) {
            trace.onPacketLost(recoveryNowNanos, p, path.loss());
        }
        if (p.streamOffset >= 0) {
            sendBuffer.onLost(p.streamOffset, p.streamLength, p.streamFin);
        }
        if (p.handshakeDone) {
            frames.resendHandshakeDoneIfUnconfirmed();
        }
        if (p.maxData >= 0 && p.maxData == receiveCredit.advertisedLimit()) {
            frames.requestMaxData(); // the newest credit update was lost: send it again (RFC 9000 §13.3)
        }
        if (p.dataBlocked >= 0 && p.dataBlocked == peer.sendCredit().limit()) {
            frames.requestDataBlocked();
        }
    }

    @Override
    public void onSpuriousLosses(int packets) {
        // Counted by the loss detector (ConnectionStats.spuriousLosses); no congestion response is
        // undone (docs/DESIGN.md, "Reordering").
        if (trace != null) {
            trace.onSpuriousLosses(recoveryNowNanos, packets, path.loss());
        }
    }
}
