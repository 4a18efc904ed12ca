package io.rudp.core;

import io.rudp.core.ack.ReceivedPacketTracker;
import io.rudp.core.loss.SentPacket;
import io.rudp.core.stream.ReceiveBuffer;
import io.rudp.core.stream.ReceiveCredit;
import io.rudp.core.stream.SendBuffer;
import io.rudp.core.wire.CloseFrame;
import io.rudp.core.wire.DataPacket;
import io.rudp.core.wire.DataPacketWriter;
import io.rudp.core.wire.InitialPacket;
import io.rudp.core.wire.Packet;
import io.rudp.core.wire.PacketCodec;
import io.rudp.core.wire.PaddingFrame;
import io.rudp.core.wire.PingFrame;
import io.rudp.core.wire.ResponsePacket;
import io.rudp.core.wire.TransportParameters;
import io.rudp.core.wire.Varint;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Builds a connection's next outgoing datagram: handshake packets while connecting, then DATA
 * packets that pack an ACK, control frames and one STREAM frame (docs/PROTOCOL.md §5).
 *
 * <p>Sending rules: an ACK goes out when it is due (RFC 9000 §13.2.1) or rides along with
 * anything else; ack-eliciting packets respect the congestion window (RFC 9002 §7) and the pacer
 * (RFC 9002 §7.7) except probes (RFC 9002 §6.2.4), and pure ACKs are never paced; a partly filled
 * packet of new bytes waits while earlier data is in flight, for at most the flush delay (Nagle's
 * rule with a bound). Finding nothing to send while the window is open marks the connection
 * application-limited (RFC 9002 §7.8).
 */
final class PacketAssembler {

    private static final int MAX_ACK_RANGES = 32;

    private final boolean client;
    private final long localConnectionId;
    /** The client's handshake; {@code null} on a server. */
    private final ClientHandshake handshake;
    /** What a client's RESPONSE announces; {@code null} on a server. */
    private final TransportParameters localParams;
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
    /** The endpoint's writer and scratch datagram, shared by its connections (one thread drives them). */
    private final DataPacketWriter writer;
    private final byte[] scratch;
    /** How long a partly filled packet of new bytes may wait for more ({@link EngineConfig#flushDelay()}). */
    private final long flushDelayNanos;
    private long nextPacketNumber;
    private final long[] ackRanges = new long[2 * MAX_ACK_RANGES];
    private final SendBuffer.Chunk chunk = new SendBuffer.Chunk();
    /** What the packet being built carries, for the loss detector's record made once its size is known. */
    private final PacketContent content = new PacketContent();
    /** When the oldest byte not yet sent was written (the held-packet deadline counts from it). */
    private long oldestUnsentWriteNanos;

    private final long firstPacketNumber;
    private final AckOnlyPackets ackOnlyPackets = new AckOnlyPackets();

    PacketAssembler(boolean client, long localConnectionId, ClientHandshake handshake, TransportParameters localParams,
                    Lifecycle lifecycle, Path path, Peer peer, Liveness liveness, ControlFrames frames,
                    ReceivedPacketTracker received, SendBuffer sendBuffer, ReceiveBuffer receiveBuffer,
                    ReceiveCredit receiveCredit, ConnectionCounters counters, ConnectionTrace trace,
                    DataPacketWriter writer, byte[] scratch, long flushDelayNanos, long initialPacketNumber) {
        this.client = client;
        this.localConnectionId = localConnectionId;
        this.handshake = handshake;
        this.localParams = localParams;
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
        this.writer = writer;
        this.scratch = scratch;
        this.flushDelayNanos = flushDelayNanos;
        this.nextPacketNumber = initialPacketNumber;
        this.firstPacketNumber = initialPacketNumber;
    }

    /** The send buffer went from empty to holding bytes at {@code nowNanos}. */
    void onFirstUnsentWrite(long nowNanos) {
        oldestUnsentWriteNanos = nowNanos;
    }

    /** The number of the first DATA packet this side sent (or will send). */
    long firstPacketNumber() {
        return firstPacketNumber;
    }

    /** Our ACK-only packets the peer acknowledged: see {@link AckOnlyPackets}. */
    AckOnlyPackets ackOnlyPackets() {
        return ackOnlyPackets;
    }

    /** The highest packet number sent so far (initial number - 1 before the first). */
    long largestSentPacketNumber() {
        return nextPacketNumber - 1;
    }

    boolean poll(long nowNanos, ByteBuffer out) {
        switch (lifecycle.state()) {
            case CONNECTING:
                return pollHandshake(nowNanos, out);
            case ESTABLISHED:
                return pollEstablished(nowNanos, out);
            case LINGERING:
                // Re-acknowledge late packets (the peer may have missed our last ACK).
                return received.ackWanted() && sendData(nowNanos, out, false, null, null);
            case CLOSING: {
                CloseFrame close = frames.takeClose();
                return close != null && sendData(nowNanos, out, false, null, close);
            }
            default:
                return false;
        }
    }

    private boolean pollHandshake(long nowNanos, ByteBuffer out) {
        ClientHandshake h = handshake;
        if (!h.sendDue()) {
            return false;
        }
        Packet packet = h.phase() == ClientHandshake.Phase.AWAITING_CHALLENGE
                ? new InitialPacket(0, localConnectionId)
                : new ResponsePacket(h.serverConnectionId(), localConnectionId, h.token(), localParams);
        int size = encode(packet, out);
        h.onSent(nowNanos);
        counters.onHandshakeSent(size);
        return true;
    }

    private boolean pollEstablished(long nowNanos, ByteBuffer out) {
        int maxBytes = path.maxPacketBytes();
        path.clearPacingDeadline();
        boolean ackDue = received.ackWanted() && nowNanos - received.ackDeadlineNanos() >= 0;
        boolean probe = frames.owesProbe();
        if (probe) {
            frames.resendHandshakeDoneIfUnconfirmed(); // RFC 9002 §6.2.4: a probe carries unacknowledged data if it can
        }
        // RFC 8899: probe once the handshake is confirmed (the server waits for the client's ACK of HANDSHAKE_DONE).
        if (path.pmtu() != null && !probe && (client || frames.isHandshakeConfirmed())) {
            int sent = pathMtuProbe(nowNanos, out);
            if (sent > 0) {
                return true;
            }
            if (sent < 0) {
                // The probe waits for the pacer and goes first: data must not take its tokens.
                return ackDue && sendData(nowNanos, out, false, null, null);
            }
        }
        boolean windowOpen = path.loss().bytesInFlight() + maxBytes <= path.congestion().congestionWindowBytes();
        boolean cwndOpen = probe || windowOpen;
        if (!frames.owesDataBlocked() && peer.sendCredit().shouldReportBlocked(sendBuffer.sendOffset(), sendBuffer.unsentBytes() > 0)) {
            frames.requestDataBlocked(); // RFC 9000 §4.1: tell the peer we are blocked by its credit
        }
        boolean control = frames.owesHandshakeDone() || maxDataDue() || frames.owesDataBlocked() || frames.owesPing();
        boolean streamReady = streamSendable(nowNanos, maxBytes, probe);
        if (windowOpen && !streamReady) {
            // RFC 9002 §7.8: the window is open but the application (or the peer's credit) left
            // nothing to send, so what is sent next does not prove the window is used.
            path.loss().onAppLimited(nowNanos);
        }
        boolean wanted = cwndOpen && (control || streamReady || probe);
        if (wanted && !probe) {
            // RFC 9002 §7.7: pace ack-eliciting packets, probes excepted (§6.2.4).
            long sendAt = path.pacer().nextSendTimeNanos(nowNanos, path.congestion().pacingRateBytesPerSecond(), maxBytes);
            if (sendAt - nowNanos > 0) {
                path.holdForPacer(sendAt);
                wanted = false;
            }
        }
        boolean elicit = wanted || (ackDue && control);
        if (!elicit && !ackDue) {
            return false;
        }
        return sendData(nowNanos, out, elicit, wanted && streamReady ? chunk : null, null);
    }

    /**
     * Sends a path MTU probe if one is due (RFC 8899 §4.1: PING padded to the candidate size, so
     * the probe carries no data that would need resending). It is congestion controlled and paced
     * like data, except that it may go when nothing is in flight even if the window is smaller
     * than the probe (a window counted in 1,200-byte datagrams would otherwise never admit it).
     *
     * @return 1 if a probe was sent; 0 if none is due or the window has no room for it (data goes
     *     on); -1 if it waits for the pacer (the pacing deadline is set, nothing else ack-eliciting goes)
     */
    private int pathMtuProbe(long nowNanos, ByteBuffer out) {
        int probeBytes = path.pmtu().probeBytesDue(nowNanos);
        if (probeBytes <= 0) {
            return 0;
        }
        long inFlight = path.loss().bytesInFlight();
        if (inFlight > 0 && inFlight + probeBytes > path.congestion().congestionWindowBytes()) {
            return 0;
        }
        long sendAt = path.pacer().nextSendTimeNanos(nowNanos, path.congestion().pacingRateBytesPerSecond(), probeBytes);
        if (sendAt - nowNanos > 0) {
            path.holdForPacer(sendAt);
            return -1;
        }
        int paddingBytes = probeBytes - PacketCodec.DATA_HEADER_BYTES - PacketCodec.CHECKSUM_BYTES
                - PingFrame.INSTANCE.encodedLength();
        long pn = nextPacketNumber++;
        int size = encode(new DataPacket(peer.connectionId(), pn, List.of(PingFrame.INSTANCE, new PaddingFrame(paddingBytes))), out);
        counters.onSent(size);
        SentPacket sent = new SentPacket(pn, nowNanos, size, true, true);
        sent.ping = true;
        sent.pmtuProbe = true;
        boolean alreadyAwaiting = path.loss().hasAckElicitingInFlight();
        path.loss().onPacketSent(sent);
        path.pacer().onPacketSent(nowNanos, path.congestion().pacingRateBytesPerSecond(), size);
        path.pmtu().onProbeSent(pn);
        liveness.onAckElicitingSent(nowNanos, alreadyAwaiting);
        if (trace != null) {
            trace.onPacketSent(nowNanos, pn, size, true, false);
        }
        return 1;
    }

    private boolean maxDataDue() {
        return frames.owesMaxData() || receiveCredit.shouldAdvertise(receiveBuffer.readOffset());
    }

    /**
     * Whether new stream bytes should go now. Retransmissions, the end of the stream, probes, a
     * full packet's worth, or data limited by the peer's credit go at once; a small tail waits
     * while earlier data is unacknowledged, up to the flush delay.
     */
    boolean streamSendable(long nowNanos, int maxBytes, boolean probe) {
        long limit = peer.sendCredit().limit();
        SendBuffer sb = sendBuffer;
        if (probe && !sb.hasSendable(limit)) {
            // RFC 9002 §6.2.4: with no new data, a probe carries the oldest unacknowledged data.
            sb.requeueOldestUnacknowledged(maxStreamPayload(maxBytes));
        }
        if (!sb.hasSendable(limit)) {
            return false;
        }
        if (probe || sb.hasRetransmission() || sb.isFinished()) {
            return true;
        }
        long sendableNew = Math.min(sb.unsentBytes(), limit - sb.sendOffset());
        if (sendableNew >= maxStreamPayload(maxBytes) || sendableNew < sb.unsentBytes()) {
            return true;
        }
        return !path.loss().hasAckElicitingInFlight() || nowNanos - heldDataDeadlineNanos() >= 0;
    }

    /** When a held partial packet must go regardless of what is in flight. */
    long heldDataDeadlineNanos() {
        return oldestUnsentWriteNanos + flushDelayNanos;
    }

    private static int maxStreamPayload(int maxBytes) {
        return maxBytes - PacketCodec.DATA_HEADER_BYTES - PacketCodec.CHECKSUM_BYTES - 1 - 8 - 4;
    }

    /**
     * Sends one DATA packet: an ACK if one is wanted, then (when {@code elicit}) control frames
     * and a stream chunk, or a PING if nothing else makes it ack-eliciting; or just {@code close}.
     * Frames are written straight into the datagram ({@link DataPacketWriter}): no frame records,
     * and stream bytes are copied once, from the send buffer into {@code out}.
     */
    private boolean sendData(long nowNanos, ByteBuffer out, boolean elicit, SendBuffer.Chunk streamChunk, CloseFrame close) {
        int ackCount = received.ackWanted() ? received.fillRanges(ackRanges) : 0;
        if (!elicit && ackCount == 0 && close == null) {
            return false;
        }
        long pn = nextPacketNumber++;
        DataPacketWriter w = writer;
        boolean direct = !out.hasArray();
        int capacity = Math.min(out.remaining(), path.maxPacketBytes());
        if (direct) {
            // A direct buffer: assemble in the endpoint's scratch array, then one bulk copy.
            w.begin(scratch, 0, Math.min(capacity, scratch.length), peer.connectionId(), pn);
        } else {
            w.begin(out.array(), out.arrayOffset() + out.position(), capacity, peer.connectionId(), pn);
        }
        long largestAckedInAck = -1;
        if (ackCount > 0) {
            long ackDelayMicros = Math.max(0, received.ackDelayNanos(nowNanos) / 1_000);
            w.ack(ackDelayMicros, ackRanges, ackCount);
            largestAckedInAck = ackRanges[0];
        }
        content.clear();
        if (elicit) {
            boolean eliciting = addControlFrames(w);
            if (streamChunk != null) {
                eliciting |= addStreamFrame(w);
            }
            if (!eliciting) {
                w.ping();
                content.ping = true;
            }
            frames.onAckElicitingWritten();
        }
        if (close != null) {
            w.frame(close);
        }
        int size = w.finish();
        if (direct) {
            int start = out.position();
            out.put(scratch, 0, size);
            out.limit(out.position());
            out.position(start);
        } else {
            out.limit(out.position() + size);
        }
        counters.onSent(size);
        if (largestAckedInAck >= 0) {
            received.onAckSent(nowNanos);
        }
        if (elicit) {
            content.largestAckedInAck = largestAckedInAck;
            SentPacket sent = path.loss().newSentPacket(pn, nowNanos, size, true, true);
            content.copyTo(sent);
            boolean alreadyAwaiting = path.loss().hasAckElicitingInFlight();
            path.loss().onPacketSent(sent);
            path.pacer().onPacketSent(nowNanos, path.congestion().pacingRateBytesPerSecond(), size);
            liveness.onAckElicitingSent(nowNanos, alreadyAwaiting);
        } else if (largestAckedInAck >= 0) {
            ackOnlyPackets.onSent(pn, largestAckedInAck);
        }
        if (trace != null) {
            trace.onPacketSent(nowNanos, pn, size, elicit, content.retransmission);
        }
        return true;
    }

    /** Writes the control frames that are due; returns whether any was written. */
    private boolean addControlFrames(DataPacketWriter w) {
        boolean any = false;
        if (frames.takeHandshakeDone()) {
            w.handshakeDone();
            content.handshakeDone = true;
            any = true;
        }
        if (maxDataDue()) {
            // RFC 9000 §4.2: credit moves in steps of at least half the window (no silly window).
            long limit = Math.max(receiveCredit.nextLimit(receiveBuffer.readOffset()), receiveCredit.advertisedLimit());
            w.maxData(limit);
            receiveCredit.onAdvertised(limit);
            content.maxData = limit;
            frames.onMaxDataWritten();
            any = true;
        }
        if (frames.owesDataBlocked()) {
            long limit = peer.sendCredit().limit();
            w.dataBlocked(limit);
            content.dataBlocked = limit;
            frames.onDataBlockedWritten();
            any = true;
        }
        return any;
    }

    /** Writes a STREAM frame filling what is left of the packet; returns whether one was written. */
    private boolean addStreamFrame(DataPacketWriter w) {
        int budget = w.remaining();
        SendBuffer sb = sendBuffer;
        int maxLength = budget - 1 - Varint.encodedLength(sb.writtenEnd()) - Varint.encodedLength(Math.max(0, budget));
        if (maxLength < 0) {
            return false;
        }
        long sendOffsetBefore = sb.sendOffset();
        if (!sb.pollChunk(maxLength, peer.sendCredit().limit(), chunk)) {
            return false;
        }
        int dataAt = w.reserveStream(chunk.offset, chunk.fin, chunk.length);
        sb.copyTo(chunk.offset, chunk.length, w.array(), dataAt);
        content.streamOffset = chunk.offset;
        content.streamLength = chunk.length;
        content.streamFin = chunk.fin;
        if (chunk.offset < sendOffsetBefore) {
            counters.onRetransmission();
            content.retransmission = true;
        } else {
            counters.onStreamBytesSent(chunk.length);
        }
        return true;
    }

    /** Encodes at out's position and leaves out framing exactly the datagram. */
    private static int encode(Packet packet, ByteBuffer out) {
        int start = out.position();
        int size = PacketCodec.encode(packet, out);
        out.limit(out.position());
        out.position(start);
        return size;
    }
}
