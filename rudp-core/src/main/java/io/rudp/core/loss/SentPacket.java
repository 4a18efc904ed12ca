package io.rudp.core.loss;

import io.rudp.core.congestion.DeliveryRateEstimator;
import io.rudp.core.congestion.TrackedPacket;

/**
 * One sent DATA packet as loss recovery tracks it (RFC 9002 Appendix A.1.1), plus what it carried
 * so the connection can act when it is acknowledged or declared lost.
 *
 * <p>The first five fields describe the packet to loss detection and are set when it is recorded.
 * Records made by {@link LossDetector#newSentPacket} come from a pool and are reused once the
 * detector is done with them (after its listener heard of the acknowledgement or loss): read a
 * record's fields during the callback, never keep the record. The content fields are set by the sender after construction; their defaults mean "not carried".
 * The delivery fields are set by the loss detector's {@link DeliveryRateEstimator} when the packet
 * is recorded as sent.
 */
public final class SentPacket implements TrackedPacket {

    /** The full packet number. */
    public long packetNumber;
    /** When the packet was sent, on the caller's clock. */
    public long sentTimeNanos;
    /** The size of the UDP payload, in bytes. */
    public int sizeBytes;
    /** Whether the packet carried a frame other than ACK, PADDING or CLOSE (RFC 9002 §2). */
    public boolean ackEliciting;
    /** Whether the packet counts towards bytes in flight (RFC 9002 §2). */
    public boolean inFlight;

    /** Stream offset of the STREAM or STREAM_FIN frame carried, or -1 if none. */
    public long streamOffset = -1;
    /** Length of the STREAM frame's data, in bytes. */
    public int streamLength;
    /** Whether the stream frame was STREAM_FIN. */
    public boolean streamFin;
    /** The MAX_DATA value carried, or -1 if none. */
    public long maxData = -1;
    /** The DATA_BLOCKED value carried, or -1 if none. */
    public long dataBlocked = -1;
    /** Whether a HANDSHAKE_DONE frame was carried. */
    public boolean handshakeDone;
    /** Whether a PING frame was carried. */
    public boolean ping;
    /** The Largest Acknowledged of the ACK frame carried, or -1 if none. */
    public long largestAckedInAck = -1;
    /**
     * Whether this is a path MTU probe (RFC 8899): its loss is not a congestion signal (RFC 8899
     * §4.4, RFC 9000 §14.4), so the controller does not hear of it.
     */
    public boolean pmtuProbe;

    // Delivery-rate state at sending (draft-cheng-iccrg-delivery-rate-estimation), set by the
    // DeliveryRateEstimator for in-flight packets.

    /** The connection's delivered bytes when this packet was sent (the draft's P.delivered). */
    public long deliveredBytes;
    /** When the connection's delivered bytes last grew before this packet was sent (P.delivered_time). */
    public long deliveredTimeNanos;
    /** The send time of the newest packet acknowledged when this one was sent (P.first_sent_time). */
    public long firstSentTimeNanos;
    /** Whether the sender was application-limited when this packet was sent (P.is_app_limited). */
    public boolean appLimited;

    /**
     * Describes a packet just sent.
     *
     * @param packetNumber the full packet number
     * @param sentTimeNanos when it was sent
     * @param sizeBytes its UDP payload size in bytes
     * @param ackEliciting whether it elicits an acknowledgement
     * @param inFlight whether it counts towards bytes in flight
     */
    public SentPacket(long packetNumber, long sentTimeNanos, int sizeBytes, boolean ackEliciting, boolean inFlight) {
        reset(packetNumber, sentTimeNanos, sizeBytes, ackEliciting, inFlight);
    }

    /** Set on records a {@link SentPacketPool} made, which it takes back. */
    private boolean pooled;
    /** A pooled record between acquire and release. */
    private boolean inUse;

    /** Re-describes a reused record as a packet just sent; content and delivery fields to defaults. */
    /** The pool hands this record out: pooled from now on, and in use until {@link #returnToPool}. */
    void takeFromPool() {
        pooled = true;
        inUse = true;
    }

    /**
     * The pool takes this record back; false (and nothing changes) if no pool handed it out or it
     * was already returned, so a double release is ignored.
     */
    boolean returnToPool() {
        if (!pooled || !inUse) {
            return false;
        }
        inUse = false;
        return true;
    }

    void reset(long packetNumber, long sentTimeNanos, int sizeBytes, boolean ackEliciting, boolean inFlight) {
        this.packetNumber = packetNumber;
        this.sentTimeNanos = sentTimeNanos;
        this.sizeBytes = sizeBytes;
        this.ackEliciting = ackEliciting;
        this.inFlight = inFlight;
        streamOffset = -1;
        streamLength = 0;
        streamFin = false;
        maxData = -1;
        dataBlocked = -1;
        handshakeDone = false;
        ping = false;
        pmtuProbe = false;
        largestAckedInAck = -1;
        deliveredBytes = 0;
        deliveredTimeNanos = 0;
        firstSentTimeNanos = 0;
        appLimited = false;
    }

    @Override
    public long packetNumber() {
        return packetNumber;
    }

    @Override
    public long sentTimeNanos() {
        return sentTimeNanos;
    }

    @Override
    public int sizeBytes() {
        return sizeBytes;
    }

    @Override
    public boolean isInFlight() {
        return inFlight;
    }

    @Override
    public boolean isAppLimited() {
        return appLimited;
    }

    @Override
    public long deliveredBytesAtSend() {
        return deliveredBytes;
    }

    @Override
    public long deliveredTimeNanosAtSend() {
        return deliveredTimeNanos;
    }

    @Override
    public long firstSentTimeNanosAtSend() {
        return firstSentTimeNanos;
    }

    @Override
    public void stampDelivery(long deliveredBytes, long deliveredTimeNanos, long firstSentTimeNanos, boolean appLimited) {
        this.deliveredBytes = deliveredBytes;
        this.deliveredTimeNanos = deliveredTimeNanos;
        this.firstSentTimeNanos = firstSentTimeNanos;
        this.appLimited = appLimited;
    }

    @Override
    public String toString() {
        return "SentPacket{pn=" + packetNumber + ", sent=" + sentTimeNanos + ", size=" + sizeBytes
                + (ackEliciting ? ", ack-eliciting" : "") + (inFlight ? ", in-flight" : "") + '}';
    }
}
