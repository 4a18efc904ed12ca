package io.rudp.core;

import io.rudp.core.loss.LossDetector;
import io.rudp.core.loss.SentPacket;
import io.rudp.core.stream.ReceiveBuffer;
import io.rudp.core.wire.AckFrame;
import io.rudp.core.wire.ChallengePacket;
import io.rudp.core.wire.CloseFrame;
import io.rudp.core.wire.DataPacketReader;
import io.rudp.core.wire.ErrorCode;
import io.rudp.core.wire.PacketNumbers;
import io.rudp.core.wire.RefusePacket;

/**
 * What a connection does with each packet its peer sends: the receive half of the state machine
 * (docs/PROTOCOL.md §5-6). Also the loss detector's listener, since acknowledgements arrive here.
 */
final class IncomingPackets implements LossDetector.Listener {

    private final Connection c;
    /** When the loss detector was last called with this listener: the time of the losses it reports. */
    private long recoveryNowNanos;
    /** The ranges of the ACK frame being processed (at most 64 pairs). */
    private final long[] ackRanges = new long[2 * AckFrame.MAX_RANGES];

    IncomingPackets(Connection connection) {
        this.c = connection;
    }

    /** The client's CHALLENGE arrived: answer with RESPONSE (docs/PROTOCOL.md §4, step 3). */
    void onChallenge(long now, ChallengePacket p) {
        if (c.state() != ConnectionState.CONNECTING) {
            return;
        }
        if (c.handshake.phase() == ClientHandshake.Phase.AWAITING_CONFIRMATION) {
            // The server re-challenges a RESPONSE whose cookie expired or that it cannot verify;
            // only a cookie for the same server id is taken (another id is a stale duplicate).
            if (p.sourceConnectionId() == c.handshake.serverConnectionId()) {
                c.handshake.onFreshToken(now, p.token());
            }
            return;
        }
        long rttSampleNanos = c.handshake.onChallenge(now, p.sourceConnectionId(), p.token(), p.params());
        c.peerConnectionId = p.sourceConnectionId();
        c.onPeerParameters(p.params());
        if (rttSampleNanos > 0) {
            c.rtt.onSample(rttSampleNanos, 0, 0);
        }
        c.lastReceivedNanos = now;
    }

    /** A REFUSE addressed to this connection: a refusal, or the notice that the peer ended it. */
    void onRefuse(long now, RefusePacket p) {
        if (c.state() == ConnectionState.CLOSED) {
            return;
        }
        String why = p.reason().isEmpty() ? "" : ": " + p.reason();
        if (c.state() == ConnectionState.CONNECTING) {
            c.terminate(now, CloseReason.of(CloseReason.Kind.REFUSED, p.errorCode(),
                    "the server refused the connection (" + p.errorCode() + why + ")"), false);
            return;
        }
        // The peer no longer knows the connection. If it ended normally it received our whole
        // stream (it completes only then), so what we were still waiting for, acknowledgements
        // or retransmissions, is moot: it is enough that our stream ended and theirs arrived.
        boolean weWereDone = c.sendBuffer.isFinished() && c.sendBuffer.unsentBytes() == 0
                && (c.receiveBuffer.isComplete() || c.inputDiscarded);
        if (p.errorCode() == ErrorCode.NO_ERROR && (weWereDone || c.state() == ConnectionState.LINGERING)) {
            c.terminate(now, CloseReason.of(CloseReason.Kind.NORMAL, ErrorCode.NO_ERROR,
                    "both sides finished sending; the peer confirmed after closing"), true);
        } else if (!c.state().isTerminating()) {
            c.terminate(now, CloseReason.of(CloseReason.Kind.RESET_BY_PEER, p.errorCode(),
                    "the peer has no such connection any more (" + p.errorCode() + why + ")"), false);
        }
    }

    /**
     * A DATA packet for this connection that passed the integrity check, decoded in {@code p}
     * (the endpoint's reused reader: no frame records).
     */
    void onDataPacket(long now, DataPacketReader p, int datagramBytes) {
        ConnectionState state = c.state();
        if (state == ConnectionState.CLOSED || (state == ConnectionState.CONNECTING
                && c.handshake.phase() == ClientHandshake.Phase.AWAITING_CHALLENGE)) {
            return;
        }
        long pn = PacketNumbers.restore(c.received.largestReceived(), p.packetNumber());
        c.lastReceivedNanos = now;
        if (c.received.isDuplicate(pn)) {
            c.counters.duplicatePackets++;
            // Our acknowledgement may have been lost: acknowledge again (RFC 9000 §13.2.1).
            c.received.onDuplicateReceived(now, pn);
            return;
        }
        c.counters.packetsReceived++;
        c.counters.bytesReceived += datagramBytes;
        if (c.trace != null) {
            c.trace.onPacketReceived(now, pn, datagramBytes);
        }
        if (state == ConnectionState.DRAINING) {
            return;
        }
        if (state == ConnectionState.CLOSING) {
            onPacketWhileClosing(now, p);
            return;
        }
        if (state == ConnectionState.CONNECTING) {
            // Any DATA packet from the server proves it created the connection (§4, step 4).
            long sample = c.handshake.confirmationRttSampleNanos(now);
            if (sample > 0) {
                c.rtt.onSample(sample, 0, 0);
            }
            c.onEstablished(now);
        }
        boolean ackEliciting = false;
        boolean onlyPingAndAck = true; // a keep-alive (no PADDING: a path MTU probe is not one)
        for (int i = 0; i < p.frameCount(); i++) {
            ackEliciting |= p.isAckEliciting(i);
            int type = p.frameType(i);
            onlyPingAndAck &= type == DataPacketReader.PING || type == DataPacketReader.ACK;
            if (!onFrame(now, p, i) || c.state() == ConnectionState.DRAINING || c.state() == ConnectionState.CLOSING) {
                break;
            }
        }
        c.received.onPacketReceived(now, pn, ackEliciting);
        if (ackEliciting && onlyPingAndAck && c.state() == ConnectionState.ESTABLISHED) {
            c.timers.onKeepAliveReceived(now);
        }
        checkGracefulCompletion(now);
    }

    private void onPacketWhileClosing(long now, DataPacketReader p) {
        for (int i = 0; i < p.frameCount(); i++) {
            if (p.frameType(i) == DataPacketReader.CLOSE) {
                // RFC 9000 §10.2.2: a CLOSE while closing may move to draining; it also ends the CLOSE echo.
                c.startDraining(now, c.closeReason());
                return;
            }
        }
        // RFC 9000 §10.2.1: repeat CLOSE, rate-limited: on the 1st, 2nd, 4th, 8th ... packet.
        int n = ++c.packetsReceivedWhileClosing;
        if ((n & (n - 1)) == 0) {
            c.closeFramePending = true;
        }
    }

    /** Frame {@code i} of {@code p}; returns false when the packet must not be processed further. */
    private boolean onFrame(long now, DataPacketReader p, int i) {
        switch (p.frameType(i)) {
            case DataPacketReader.ACK:
                return onAck(now, p, i);
            case DataPacketReader.STREAM:
            case DataPacketReader.STREAM_FIN:
                return onStream(now, p, i);
            case DataPacketReader.MAX_DATA:
                if (c.sendCredit.onMaxData(p.value(i))) {
                    c.dataBlockedPending = false;
                }
                return true;
            case DataPacketReader.DATA_BLOCKED:
                if (c.receiveCredit.shouldAdvertiseOnBlocked(p.value(i), c.receiveBuffer.readOffset())) {
                    c.maxDataPending = true;
                }
                return true;
            case DataPacketReader.CLOSE: {
                CloseFrame close = p.closeFrame(i);
                String why = close.reason().isEmpty() ? "" : ": " + close.reason();
                CloseReason.Kind kind = close.errorCode() == ErrorCode.TIMEOUT ? CloseReason.Kind.TIMED_OUT
                        : CloseReason.Kind.RESET_BY_PEER;
                c.startDraining(now, CloseReason.of(kind, close.errorCode(),
                        "the peer closed the connection (" + close.errorCode() + why + ")"));
                return false;
            }
            case DataPacketReader.HANDSHAKE_DONE:
                if (!c.isClient()) {
                    protocolViolation(now, "a client sent HANDSHAKE_DONE");
                    return false;
                }
                return true;
            default:
                // PING and PADDING need nothing beyond the acknowledgement.
                return true;
        }
    }

    private boolean onAck(long now, DataPacketReader p, int i) {
        int rangeCount = p.copyAckRanges(i, ackRanges);
        long lowest = ackRanges[2 * rangeCount - 1];
        long largest = ackRanges[0];
        if (lowest < c.assembler.firstPacketNumber()) {
            protocolViolation(now, "the peer acknowledged packet " + lowest + ", which was never sent");
            return false;
        }
        if (largest > c.assembler.largestSentPacketNumber()) {
            protocolViolation(now, "the peer acknowledged packet " + largest + ", which was never sent");
            return false;
        }
        long ackDelayNanos = Math.min(p.ackDelayMicros(i), Long.MAX_VALUE / 1_000) * 1_000;
        recoveryNowNanos = now;
        c.loss.onAckReceived(now, ackRanges, rangeCount, ackDelayNanos, this);
        if (c.trace != null) {
            c.trace.onRecoveryUpdated(now);
        }
        long largestAckedByAckOnly = c.assembler.ackOnlyPackets().acknowledgedBy(ackRanges, rangeCount);
        if (largestAckedByAckOnly >= 0) {
            c.received.onAckAcknowledged(largestAckedByAckOnly);
        }
        if (!c.state().isTerminating() && c.sendBuffer.hasSendable(c.sendCredit.limit())) {
            c.endpoint.onConnectionActivity(c);
        }
        return true;
    }

    private boolean onStream(long now, DataPacketReader p, int i) {
        long offset = p.streamOffset(i);
        int length = p.streamDataLength(i);
        // RFC 9000 §4.1: the credit is what we advertised, whatever room the buffer has.
        if (offset + length > c.receiveCredit.advertisedLimit()) {
            c.closeWithError(now, CloseReason.Kind.PROTOCOL_ERROR, ErrorCode.FLOW_CONTROL_ERROR,
                    "the peer sent stream data beyond the flow-control credit it was given",
                    "data beyond the advertised credit");
            return false;
        }
        long before = c.receiveBuffer.contiguousEnd();
        ReceiveBuffer.Result result = c.receiveBuffer.onData(offset, p.array(), p.streamDataOffset(i), length, p.streamFin(i));
        switch (result) {
            case FLOW_CONTROL_ERROR:
                c.closeWithError(now, CloseReason.Kind.PROTOCOL_ERROR, ErrorCode.FLOW_CONTROL_ERROR,
                        "the peer sent stream data beyond the flow-control credit it was given",
                        "data beyond the advertised credit");
                return false;
            case FINAL_SIZE_ERROR:
                c.closeWithError(now, CloseReason.Kind.PROTOCOL_ERROR, ErrorCode.FINAL_SIZE_ERROR,
                        "the peer changed the end of its stream or sent data past it",
                        "final size violated");
                return false;
            default:
                c.counters.streamBytesReceived += c.receiveBuffer.contiguousEnd() - before;
                if (c.receiveCredit.shouldAdvertise(c.receiveBuffer.readOffset())) {
                    c.maxDataPending = true;
                }
                return true;
        }
    }

    private void protocolViolation(long now, String what) {
        c.closeWithError(now, CloseReason.Kind.PROTOCOL_ERROR, ErrorCode.PROTOCOL_VIOLATION,
                "the peer broke the protocol: " + what, what);
    }

    /** Both directions done and acknowledged: start lingering (docs/PROTOCOL.md §6). */
    void checkGracefulCompletion(long now) {
        if (c.state() == ConnectionState.ESTABLISHED && c.sendBuffer.isFinished() && c.sendBuffer.isAllAcknowledged()
                && (c.receiveBuffer.isComplete() || (c.inputDiscarded && c.receiveBuffer.isFinalSizeKnown()
                        && c.receiveBuffer.contiguousEnd() >= c.receiveBuffer.finalSize()))) {
            c.startLingering(now);
        }
    }

    /**
     * Runs the loss detection timer (RFC 9002 A.9) with this as its listener.
     *
     * @return whether a probe timeout fired (see {@link LossDetector#onTimeout})
     */
    boolean onLossTimeout(long now) {
        recoveryNowNanos = now;
        boolean probeTimeout = c.loss.onTimeout(now, this);
        if (c.trace != null) {
            c.trace.onRecoveryUpdated(now);
        }
        return probeTimeout;
    }

    // ---------------------------------------------------------------- LossDetector.Listener

    @Override
    public void onPacketAcked(SentPacket p) {
        if (p.streamOffset >= 0) {
            c.sendBuffer.onAcked(p.streamOffset, p.streamLength, p.streamFin);
        }
        if (p.largestAckedInAck >= 0) {
            c.received.onAckAcknowledged(p.largestAckedInAck);
        }
        if (p.handshakeDone) {
            c.handshakeConfirmed = true;
        }
        if (c.pmtu != null) {
            c.pmtu.onPacketAcked(p.packetNumber, p.sizeBytes, recoveryNowNanos);
            c.onPathMtuEvent();
        }
    }

    @Override
    public void onPacketLost(SentPacket p) {
        if (c.pmtu != null) {
            c.pmtu.onPacketLost(p.packetNumber, p.sizeBytes, recoveryNowNanos);
            c.onPathMtuEvent();
        }
        c.counters.lostPackets++;
        if (c.trace != null) {
            c.trace.onPacketLost(recoveryNowNanos, p, c.loss);
        }
        if (p.streamOffset >= 0) {
            c.sendBuffer.onLost(p.streamOffset, p.streamLength, p.streamFin);
        }
        if (p.handshakeDone && !c.handshakeConfirmed) {
            c.handshakeDonePending = true;
        }
        if (p.maxData >= 0 && p.maxData == c.receiveCredit.advertisedLimit()) {
            c.maxDataPending = true; // the newest credit update was lost: send it again (RFC 9000 §13.3)
        }
        if (p.dataBlocked >= 0 && p.dataBlocked == c.sendCredit.limit()) {
            c.dataBlockedPending = true;
        }
    }

    @Override
    public void onSpuriousLosses(int packets) {
        // Counted by the loss detector (ConnectionStats.spuriousLosses); no congestion response is
        // undone (docs/DESIGN.md, "Reordering").
        if (c.trace != null) {
            c.trace.onSpuriousLosses(recoveryNowNanos, packets, c.loss);
        }
    }
}
