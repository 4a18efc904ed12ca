package io.rudp.core;

import io.rudp.core.ack.ReceivedPacketTracker;
import io.rudp.core.stream.ReceiveBuffer;
import io.rudp.core.stream.ReceiveCredit;
import io.rudp.core.stream.SendBuffer;
import io.rudp.core.wire.AckFrame;
import io.rudp.core.wire.ChallengePacket;
import io.rudp.core.wire.CloseFrame;
import io.rudp.core.wire.DataPacketReader;
import io.rudp.core.wire.ErrorCode;
import io.rudp.core.wire.PacketNumbers;
import io.rudp.core.wire.RefusePacket;

/**
 * What a connection does with each packet its peer sends: the receive half of the state machine
 * (docs/PROTOCOL.md §5-6). Acknowledgements go to the {@link RecoveryListener}; state moves to
 * the {@link Lifecycle}.
 */
final class IncomingPackets {

    private final boolean client;
    /** The client's handshake; {@code null} on a server. */
    private final ClientHandshake handshake;
    private final Lifecycle lifecycle;
    private final Path path;
    private final Peer peer;
    private final Liveness liveness;
    private final ControlFrames frames;
    private final ReceivedPacketTracker received;
    private final SendBuffer sendBuffer;
    private final ReceiveBuffer receiveBuffer;
    private final ReceiveCredit receiveCredit;
    private final ConnectionCounters counters;
    /** The event trace, or {@code null} when tracing is off. */
    private final ConnectionTrace trace;
    private final RecoveryListener recovery;
    private final PacketAssembler assembler;
    private final ConnectionTimers timers;
    private final ConnectionActivity activity;
    /** The ranges of the ACK frame being processed (at most 64 pairs). */
    private final long[] ackRanges = new long[2 * AckFrame.MAX_RANGES];

    IncomingPackets(boolean client, ClientHandshake handshake, Lifecycle lifecycle, Path path, Peer peer,
                    Liveness liveness, ControlFrames frames, ReceivedPacketTracker received, SendBuffer sendBuffer,
                    ReceiveBuffer receiveBuffer, ReceiveCredit receiveCredit, ConnectionCounters counters,
                    ConnectionTrace trace, RecoveryListener recovery, PacketAssembler assembler,
                    ConnectionTimers timers, ConnectionActivity activity) {
        this.client = client;
        this.handshake = handshake;
        this.lifecycle = lifecycle;
        this.path = path;
        this.peer = peer;
        this.liveness = liveness;
        this.frames = frames;
        this.received = received;
        this.sendBuffer = sendBuffer;
        this.receiveBuffer = receiveBuffer;
        this.receiveCredit = receiveCredit;
        this.counters = counters;
        this.trace = trace;
        this.recovery = recovery;
        this.assembler = assembler;
        this.timers = timers;
        this.activity = activity;
    }

    /** The client's CHALLENGE arrived: answer with RESPONSE (docs/PROTOCOL.md §4, step 3). */
    void onChallenge(long nowNanos, ChallengePacket p) {
        if (lifecycle.state() != ConnectionState.CONNECTING) {
            return;
        }
        if (handshake.phase() == ClientHandshake.Phase.AWAITING_CONFIRMATION) {
            // The server re-challenges a RESPONSE whose cookie expired or that it cannot verify;
            // only a cookie for the same server id is taken (another id is a stale duplicate).
            if (p.sourceConnectionId() == handshake.serverConnectionId()) {
                handshake.onFreshToken(nowNanos, p.token());
            }
            return;
        }
        long rttSampleNanos = handshake.onChallenge(nowNanos, p.sourceConnectionId(), p.token(), p.params());
        peer.accept(p.sourceConnectionId(), p.params());
        if (rttSampleNanos > 0) {
            path.onHandshakeRttSample(rttSampleNanos);
        }
        liveness.onReceived(nowNanos);
    }

    /** A REFUSE addressed to this connection: a refusal, or the notice that the peer ended it. */
    void onRefuse(long nowNanos, RefusePacket p) {
        if (lifecycle.state() == ConnectionState.CLOSED) {
            return;
        }
        String why = p.reason().isEmpty() ? "" : ": " + p.reason();
        if (lifecycle.state() == ConnectionState.CONNECTING) {
            lifecycle.terminate(nowNanos, CloseReason.of(CloseReason.Kind.REFUSED, p.errorCode(),
                    "the server refused the connection (" + p.errorCode() + why + ")"), false);
            return;
        }
        // The peer no longer knows the connection. If it ended normally it received our whole
        // stream (it completes only then), so what we were still waiting for, acknowledgements
        // or retransmissions, is moot: it is enough that our stream ended and theirs arrived.
        boolean weWereDone = sendBuffer.isFinished() && sendBuffer.unsentBytes() == 0
                && (receiveBuffer.isComplete() || lifecycle.isInputDiscarded());
        if (p.errorCode() == ErrorCode.NO_ERROR && (weWereDone || lifecycle.state() == ConnectionState.LINGERING)) {
            lifecycle.terminate(nowNanos, CloseReason.of(CloseReason.Kind.NORMAL, ErrorCode.NO_ERROR,
                    "both sides finished sending; the peer confirmed after closing"), true);
        } else if (!lifecycle.state().isTerminating()) {
            lifecycle.terminate(nowNanos, CloseReason.of(CloseReason.Kind.RESET_BY_PEER, p.errorCode(),
                    "the peer has no such connection any more (" + p.errorCode() + why + ")"), false);
        }
    }

    /**
     * A DATA packet for this connection that passed the integrity check, decoded in {@code p}
     * (the endpoint's reused reader: no frame records).
     */
    void onDataPacket(long nowNanos, DataPacketReader p, int datagramBytes) {
        ConnectionState state = lifecycle.state();
        if (state == ConnectionState.CLOSED || (state == ConnectionState.CONNECTING
                && handshake.phase() == ClientHandshake.Phase.AWAITING_CHALLENGE)) {
            return;
        }
        long pn = PacketNumbers.restore(received.largestReceived(), p.packetNumber());
        liveness.onReceived(nowNanos);
        if (received.isDuplicate(pn)) {
            counters.onDuplicateReceived();
            // Our acknowledgement may have been lost: acknowledge again (RFC 9000 §13.2.1).
            received.onDuplicateReceived(nowNanos, pn);
            return;
        }
        counters.onReceived(datagramBytes);
        if (trace != null) {
            trace.onPacketReceived(nowNanos, pn, datagramBytes);
        }
        if (state == ConnectionState.DRAINING) {
            return;
        }
        if (state == ConnectionState.CLOSING) {
            onPacketWhileClosing(nowNanos, p);
            return;
        }
        if (state == ConnectionState.CONNECTING) {
            // Any DATA packet from the server proves it created the connection (§4, step 4).
            long sample = handshake.confirmationRttSampleNanos(nowNanos);
            if (sample > 0) {
                path.onHandshakeRttSample(sample);
            }
            lifecycle.establish(nowNanos);
        }
        boolean ackEliciting = false;
        boolean onlyPingAndAck = true; // a keep-alive (no PADDING: a path MTU probe is not one)
        for (int i = 0; i < p.frameCount(); i++) {
            ackEliciting |= p.isAckEliciting(i);
            int type = p.frameType(i);
            onlyPingAndAck &= type == DataPacketReader.PING || type == DataPacketReader.ACK;
            if (!onFrame(nowNanos, p, i) || lifecycle.state() == ConnectionState.DRAINING || lifecycle.state() == ConnectionState.CLOSING) {
                break;
            }
        }
        received.onPacketReceived(nowNanos, pn, ackEliciting);
        if (ackEliciting && onlyPingAndAck && lifecycle.state() == ConnectionState.ESTABLISHED) {
            timers.onKeepAliveReceived(nowNanos);
        }
        lifecycle.checkGracefulCompletion(nowNanos);
    }

    private void onPacketWhileClosing(long nowNanos, DataPacketReader p) {
        for (int i = 0; i < p.frameCount(); i++) {
            if (p.frameType(i) == DataPacketReader.CLOSE) {
                // RFC 9000 §10.2.2: a CLOSE while closing may move to draining; it also ends the CLOSE echo.
                lifecycle.startDraining(nowNanos, lifecycle.closeReason());
                return;
            }
        }
        // RFC 9000 §10.2.1: repeat CLOSE, rate-limited: on the 1st, 2nd, 4th, 8th ... packet.
        lifecycle.onPacketWhileClosing();
    }

    /** Frame {@code i} of {@code p}; returns false when the packet must not be processed further. */
    private boolean onFrame(long nowNanos, DataPacketReader p, int i) {
        switch (p.frameType(i)) {
            case DataPacketReader.ACK:
                return onAck(nowNanos, p, i);
            case DataPacketReader.STREAM:
            case DataPacketReader.STREAM_FIN:
                return onStream(nowNanos, p, i);
            case DataPacketReader.MAX_DATA:
                if (peer.sendCredit().onMaxData(p.value(i))) {
                    frames.onCreditRaised();
                }
                return true;
            case DataPacketReader.DATA_BLOCKED:
                if (receiveCredit.shouldAdvertiseOnBlocked(p.value(i), receiveBuffer.readOffset())) {
                    frames.requestMaxData();
                }
                return true;
            case DataPacketReader.CLOSE: {
                CloseFrame close = p.closeFrame(i);
                String why = close.reason().isEmpty() ? "" : ": " + close.reason();
                CloseReason.Kind kind = close.errorCode() == ErrorCode.TIMEOUT ? CloseReason.Kind.TIMED_OUT
                        : CloseReason.Kind.RESET_BY_PEER;
                lifecycle.startDraining(nowNanos, CloseReason.of(kind, close.errorCode(),
                        "the peer closed the connection (" + close.errorCode() + why + ")"));
                return false;
            }
            case DataPacketReader.HANDSHAKE_DONE:
                if (!client) {
                    protocolViolation(nowNanos, "a client sent HANDSHAKE_DONE");
                    return false;
                }
                return true;
            default:
                // PING and PADDING need nothing beyond the acknowledgement.
                return true;
        }
    }

    private boolean onAck(long nowNanos, DataPacketReader p, int i) {
        int rangeCount = p.copyAckRanges(i, ackRanges);
        long lowest = ackRanges[2 * rangeCount - 1];
        long largest = ackRanges[0];
        if (lowest < assembler.firstPacketNumber()) {
            protocolViolation(nowNanos, "the peer acknowledged packet " + lowest + ", which was never sent");
            return false;
        }
        if (largest > assembler.largestSentPacketNumber()) {
            protocolViolation(nowNanos, "the peer acknowledged packet " + largest + ", which was never sent");
            return false;
        }
        long ackDelayNanos = Math.min(p.ackDelayMicros(i), Long.MAX_VALUE / 1_000) * 1_000;
        recovery.onAckReceived(nowNanos, ackRanges, rangeCount, ackDelayNanos);
        long largestAckedByAckOnly = assembler.ackOnlyPackets().acknowledgedBy(ackRanges, rangeCount);
        if (largestAckedByAckOnly >= 0) {
            received.onAckAcknowledged(largestAckedByAckOnly);
        }
        if (!lifecycle.state().isTerminating() && sendBuffer.hasSendable(peer.sendCredit().limit())) {
            activity.onActivity();
        }
        return true;
    }

    private boolean onStream(long nowNanos, DataPacketReader p, int i) {
        long offset = p.streamOffset(i);
        int length = p.streamDataLength(i);
        // RFC 9000 §4.1: the credit is what we advertised, whatever room the buffer has.
        if (offset + length > receiveCredit.advertisedLimit()) {
            lifecycle.closeWithError(nowNanos, CloseReason.Kind.PROTOCOL_ERROR, ErrorCode.FLOW_CONTROL_ERROR,
                    "the peer sent stream data beyond the flow-control credit it was given",
                    "data beyond the advertised credit");
            return false;
        }
        long before = receiveBuffer.contiguousEnd();
        ReceiveBuffer.Result result = receiveBuffer.onData(offset, p.array(), p.streamDataOffset(i), length, p.streamFin(i));
        switch (result) {
            case FLOW_CONTROL_ERROR:
                lifecycle.closeWithError(nowNanos, CloseReason.Kind.PROTOCOL_ERROR, ErrorCode.FLOW_CONTROL_ERROR,
                        "the peer sent stream data beyond the flow-control credit it was given",
                        "data beyond the advertised credit");
                return false;
            case FINAL_SIZE_ERROR:
                lifecycle.closeWithError(nowNanos, CloseReason.Kind.PROTOCOL_ERROR, ErrorCode.FINAL_SIZE_ERROR,
                        "the peer changed the end of its stream or sent data past it",
                        "final size violated");
                return false;
            default:
                counters.onStreamBytesReceived(receiveBuffer.contiguousEnd() - before);
                if (receiveCredit.shouldAdvertise(receiveBuffer.readOffset())) {
                    frames.requestMaxData();
                }
                return true;
        }
    }

    private void protocolViolation(long nowNanos, String what) {
        lifecycle.closeWithError(nowNanos, CloseReason.Kind.PROTOCOL_ERROR, ErrorCode.PROTOCOL_VIOLATION,
                "the peer broke the protocol: " + what, what);
    }
}
