package io.rudp.core;

import io.rudp.core.loss.SentPacket;
import io.rudp.core.stream.SendBuffer;
import io.rudp.core.wire.CloseFrame;
import io.rudp.core.wire.DataPacketWriter;
import io.rudp.core.wire.InitialPacket;
import io.rudp.core.wire.DataPacket;
import io.rudp.core.wire.PaddingFrame;
import io.rudp.core.wire.Packet;
import io.rudp.core.wire.PacketCodec;
import io.rudp.core.wire.PingFrame;
import io.rudp.core.wire.ResponsePacket;
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

    private final Connection c;
    private long nextPacketNumber;
    private final long[] ackRanges = new long[2 * MAX_ACK_RANGES];
    private final SendBuffer.Chunk chunk = new SendBuffer.Chunk();
    /** What the packet being built carries, for the loss detector's record made once its size is known. */
    private final PacketContent content = new PacketContent();

    private final long firstPacketNumber;
    private final AckOnlyPackets ackOnlyPackets = new AckOnlyPackets();

    PacketAssembler(Connection connection, long initialPacketNumber) {
        this.c = connection;
        this.nextPacketNumber = initialPacketNumber;
        this.firstPacketNumber = initialPacketNumber;
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
        switch (c.state()) {
            case CONNECTING:
                return pollHandshake(nowNanos, out);
            case ESTABLISHED:
                return pollEstablished(nowNanos, out);
            case LINGERING:
                // Re-acknowledge late packets (the peer may have missed our last ACK).
                return c.received.ackWanted() && sendData(nowNanos, out, false, null, null);
            case CLOSING:
                if (!c.closeFramePending) {
                    return false;
                }
                c.closeFramePending = false;
                return sendData(nowNanos, out, false, null, new CloseFrame(c.closeFrameCode, c.closeFrameReason));
            default:
                return false;
        }
    }

    private boolean pollHandshake(long nowNanos, ByteBuffer out) {
        ClientHandshake h = c.handshake;
        if (!h.sendDue()) {
            return false;
        }
        Packet packet = h.phase() == ClientHandshake.Phase.AWAITING_CHALLENGE
                ? new InitialPacket(0, c.localConnectionId())
                : new ResponsePacket(h.serverConnectionId(), c.localConnectionId(), h.token(),
                        Connection.localParameters(c.config, c.peerAddress()));
        int size = encode(packet, out);
        h.onSent(nowNanos);
        c.counters.onHandshakeSent(size);
        return true;
    }

    private boolean pollEstablished(long nowNanos, ByteBuffer out) {
        int maxBytes = c.maxPacketBytes();
        c.pacingDeadlineNanos = Connection.NO_DEADLINE;
        boolean ackDue = c.received.ackWanted() && nowNanos - c.received.ackDeadlineNanos() >= 0;
        boolean probe = c.probesPending > 0;
        if (probe && !c.isClient() && !c.handshakeConfirmed) {
            c.handshakeDonePending = true; // RFC 9002 §6.2.4: a probe carries unacknowledged data if it can
        }
        // RFC 8899: probe once the handshake is confirmed (the server waits for the client's ACK of HANDSHAKE_DONE).
        if (c.pmtu != null && !probe && (c.isClient() || c.handshakeConfirmed)) {
            int sent = pathMtuProbe(nowNanos, out);
            if (sent > 0) {
                return true;
            }
            if (sent < 0) {
                // The probe waits for the pacer and goes first: data must not take its tokens.
                return ackDue && sendData(nowNanos, out, false, null, null);
            }
        }
        boolean windowOpen = c.loss.bytesInFlight() + maxBytes <= c.congestion.congestionWindowBytes();
        boolean cwndOpen = probe || windowOpen;
        if (!c.dataBlockedPending && c.sendCredit.shouldReportBlocked(c.sendBuffer.sendOffset(), c.sendBuffer.unsentBytes() > 0)) {
            c.dataBlockedPending = true; // RFC 9000 §4.1: tell the peer we are blocked by its credit
        }
        boolean control = c.handshakeDonePending || maxDataDue() || c.dataBlockedPending || c.pingPending;
        boolean streamReady = streamSendable(nowNanos, maxBytes, probe);
        if (windowOpen && !streamReady) {
            // RFC 9002 §7.8: the window is open but the application (or the peer's credit) left
            // nothing to send, so what is sent next does not prove the window is used.
            c.loss.onAppLimited(nowNanos);
        }
        boolean wanted = cwndOpen && (control || streamReady || probe);
        if (wanted && !probe) {
            // RFC 9002 §7.7: pace ack-eliciting packets, probes excepted (§6.2.4).
            long sendAt = c.pacer.nextSendTimeNanos(nowNanos, c.congestion.pacingRateBytesPerSecond(), maxBytes);
            if (sendAt - nowNanos > 0) {
                c.pacingDeadlineNanos = sendAt;
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
        int probeBytes = c.pmtu.probeBytesDue(nowNanos);
        if (probeBytes <= 0) {
            return 0;
        }
        long inFlight = c.loss.bytesInFlight();
        if (inFlight > 0 && inFlight + probeBytes > c.congestion.congestionWindowBytes()) {
            return 0;
        }
        long sendAt = c.pacer.nextSendTimeNanos(nowNanos, c.congestion.pacingRateBytesPerSecond(), probeBytes);
        if (sendAt - nowNanos > 0) {
            c.pacingDeadlineNanos = sendAt;
            return -1;
        }
        int paddingBytes = probeBytes - PacketCodec.DATA_HEADER_BYTES - PacketCodec.CHECKSUM_BYTES
                - PingFrame.INSTANCE.encodedLength();
        long pn = nextPacketNumber++;
        int size = encode(new DataPacket(c.peerConnectionId, pn, List.of(PingFrame.INSTANCE, new PaddingFrame(paddingBytes))), out);
        c.counters.onSent(size);
        SentPacket sent = new SentPacket(pn, nowNanos, size, true, true);
        sent.ping = true;
        sent.pmtuProbe = true;
        boolean alreadyAwaiting = c.loss.hasAckElicitingInFlight();
        c.loss.onPacketSent(sent);
        c.pacer.onPacketSent(nowNanos, c.congestion.pacingRateBytesPerSecond(), size);
        c.pmtu.onProbeSent(pn);
        c.onAckElicitingSent(nowNanos, alreadyAwaiting);
        if (c.trace != null) {
            c.trace.onPacketSent(nowNanos, pn, size, true, false);
        }
        return 1;
    }

    private boolean maxDataDue() {
        return c.maxDataPending || c.receiveCredit.shouldAdvertise(c.receiveBuffer.readOffset());
    }

    /**
     * Whether new stream bytes should go now. Retransmissions, the end of the stream, probes, a
     * full packet's worth, or data limited by the peer's credit go at once; a small tail waits
     * while earlier data is unacknowledged, up to the flush delay.
     */
    boolean streamSendable(long nowNanos, int maxBytes, boolean probe) {
        long limit = c.sendCredit.limit();
        SendBuffer sb = c.sendBuffer;
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
        return !c.loss.hasAckElicitingInFlight() || nowNanos - heldDataDeadlineNanos() >= 0;
    }

    /** When a held partial packet must go regardless of what is in flight. */
    long heldDataDeadlineNanos() {
        return c.oldestUnsentWriteNanos + c.flushDelayNanos;
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
        int ackCount = c.received.ackWanted() ? c.received.fillRanges(ackRanges) : 0;
        if (!elicit && ackCount == 0 && close == null) {
            return false;
        }
        long pn = nextPacketNumber++;
        DataPacketWriter w = c.endpoint.packetWriter();
        boolean direct = !out.hasArray();
        int capacity = Math.min(out.remaining(), c.maxPacketBytes());
        if (direct) {
            // A direct buffer: assemble in the endpoint's scratch array, then one bulk copy.
            w.begin(c.endpoint.scratch(), 0, Math.min(capacity, c.endpoint.scratch().length), c.peerConnectionId, pn);
        } else {
            w.begin(out.array(), out.arrayOffset() + out.position(), capacity, c.peerConnectionId, pn);
        }
        long largestAckedInAck = -1;
        if (ackCount > 0) {
            long ackDelayMicros = Math.max(0, c.received.ackDelayNanos(nowNanos) / 1_000);
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
            c.pingPending = false;
            if (c.probesPending > 0) {
                c.probesPending--;
            }
        }
        if (close != null) {
            w.frame(close);
        }
        int size = w.finish();
        if (direct) {
            int start = out.position();
            out.put(c.endpoint.scratch(), 0, size);
            out.limit(out.position());
            out.position(start);
        } else {
            out.limit(out.position() + size);
        }
        c.counters.onSent(size);
        if (largestAckedInAck >= 0) {
            c.received.onAckSent(nowNanos);
        }
        if (elicit) {
            content.largestAckedInAck = largestAckedInAck;
            SentPacket sent = c.loss.newSentPacket(pn, nowNanos, size, true, true);
            content.copyTo(sent);
            boolean alreadyAwaiting = c.loss.hasAckElicitingInFlight();
            c.loss.onPacketSent(sent);
            c.pacer.onPacketSent(nowNanos, c.congestion.pacingRateBytesPerSecond(), size);
            c.onAckElicitingSent(nowNanos, alreadyAwaiting);
        } else if (largestAckedInAck >= 0) {
            ackOnlyPackets.onSent(pn, largestAckedInAck);
        }
        if (c.trace != null) {
            c.trace.onPacketSent(nowNanos, pn, size, elicit, content.retransmission);
        }
        return true;
    }

    /** Writes the control frames that are due; returns whether any was written. */
    private boolean addControlFrames(DataPacketWriter w) {
        boolean any = false;
        if (c.handshakeDonePending && !c.isClient()) {
            w.handshakeDone();
            content.handshakeDone = true;
            c.handshakeDonePending = false;
            any = true;
        }
        if (maxDataDue()) {
            // RFC 9000 §4.2: credit moves in steps of at least half the window (no silly window).
            long limit = Math.max(c.receiveCredit.nextLimit(c.receiveBuffer.readOffset()), c.receiveCredit.advertisedLimit());
            w.maxData(limit);
            c.receiveCredit.onAdvertised(limit);
            content.maxData = limit;
            c.maxDataPending = false;
            any = true;
        }
        if (c.dataBlockedPending) {
            long limit = c.sendCredit.limit();
            w.dataBlocked(limit);
            content.dataBlocked = limit;
            c.dataBlockedPending = false;
            any = true;
        }
        return any;
    }

    /** Writes a STREAM frame filling what is left of the packet; returns whether one was written. */
    private boolean addStreamFrame(DataPacketWriter w) {
        int budget = w.remaining();
        SendBuffer sb = c.sendBuffer;
        int maxLength = budget - 1 - Varint.encodedLength(sb.writtenEnd()) - Varint.encodedLength(Math.max(0, budget));
        if (maxLength < 0) {
            return false;
        }
        long sendOffsetBefore = sb.sendOffset();
        if (!sb.pollChunk(maxLength, c.sendCredit.limit(), chunk)) {
            return false;
        }
        int dataAt = w.reserveStream(chunk.offset, chunk.fin, chunk.length);
        sb.copyTo(chunk.offset, chunk.length, w.array(), dataAt);
        content.streamOffset = chunk.offset;
        content.streamLength = chunk.length;
        content.streamFin = chunk.fin;
        if (chunk.offset < sendOffsetBefore) {
            c.counters.retransmittedPackets++;
            content.retransmission = true;
        } else {
            c.counters.streamBytesSent += chunk.length;
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
