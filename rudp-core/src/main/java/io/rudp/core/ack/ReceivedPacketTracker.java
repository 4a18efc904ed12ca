package io.rudp.core.ack;

import io.rudp.core.path.RttEstimator;
import io.rudp.core.util.Durations;

/**
 * The receiver's side of acknowledgement (RFC 9000 §13.2): which packet numbers arrived, when an
 * ACK frame is due, and which ranges it reports.
 *
 * <p>Received numbers are kept as at most {@code maxRanges} disjoint ranges, highest first. Numbers
 * below a floor are no longer tracked and count as duplicates; the floor rises when the lowest
 * range is dropped to make room, and when the peer acknowledges one of our ACK frames
 * (RFC 9000 §13.2.4). Not thread-safe.
 */
public final class ReceivedPacketTracker {

    private final int maxRanges;
    private final long maxAckDelayNanos;
    private final int ackElicitingThreshold;

    /** Range {@code i} is {@code lows[i] .. highs[i]}; index 0 is the highest; one spare slot. */
    private final long[] highs;
    private final long[] lows;
    private int rangeCount;
    private long floorPacketNumber;

    private long largestReceived = -1;
    private long largestReceivedTimeNanos;

    /** ACK decimation (see {@link #enableAckDecimation}); off while {@code decimationRtt} is null. */
    private RttEstimator decimationRtt;
    private long decimationAfterPackets;
    private int decimatedThreshold;
    private long ackElicitingReceived;
    /** Smoothed gap between ack-eliciting arrivals (1/8 gain), for the decimation rate check. */
    private long arrivalGapNanos = -1;
    private long lastArrivalNanos;

    private int ackElicitingSinceAck;
    private long firstUnackedTimeNanos;
    private boolean immediate;
    private long immediateSinceNanos;

    /**
     * Creates a tracker with nothing received.
     *
     * @param maxRanges the most ranges kept and reported; at least 1
     * @param maxAckDelayNanos our max_ack_delay: the longest an acknowledgement waits; not negative
     * @param ackElicitingThreshold how many unacknowledged ack-eliciting packets make an
     *     acknowledgement immediate (RFC 9000 §13.2.2 recommends 2); at least 1
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public ReceivedPacketTracker(int maxRanges, long maxAckDelayNanos, int ackElicitingThreshold) {
        if (maxRanges < 1 || maxRanges > 1 << 16) {
            throw new IllegalArgumentException("maxRanges must be in 1..65536: " + maxRanges);
        }
        if (maxAckDelayNanos < 0) {
            throw new IllegalArgumentException("maxAckDelayNanos must not be negative: " + maxAckDelayNanos);
        }
        if (ackElicitingThreshold < 1) {
            throw new IllegalArgumentException("ackElicitingThreshold must be at least 1: " + ackElicitingThreshold);
        }
        this.maxRanges = maxRanges;
        this.maxAckDelayNanos = maxAckDelayNanos;
        this.ackElicitingThreshold = ackElicitingThreshold;
        this.highs = new long[maxRanges + 1];
        this.lows = new long[maxRanges + 1];
    }

    /**
     * Acknowledges less often once a connection is past its start, in the manner of
     * draft-ietf-quic-ack-frequency (and of ACK decimation in deployed QUIC stacks): after
     * {@code afterPackets} ack-eliciting packets, while they arrive at least
     * {@code 4 x everyPackets} per smoothed RTT (see {@link #decimating()}), an ACK is due every
     * {@code everyPackets} of them in order instead of every {@code ackElicitingThreshold}, and
     * otherwise within a quarter of the smoothed RTT (never later than max_ack_delay) of the first
     * unacknowledged one. Packets
     * out of order or duplicated are still acknowledged at once (RFC 9000 §13.2.1). This keeps a
     * bulk transfer from sending one ACK datagram for every two data datagrams; the sender's loss
     * detection is unaffected (gaps are reported at once, and no ACK waits past max_ack_delay).
     *
     * @param afterPackets ack-eliciting packets received before decimation starts; not negative
     * @param everyPackets the threshold once it has started; at least the normal threshold
     * @param rtt the connection's RTT estimate (its smoothed RTT bounds the delay)
     * @throws IllegalArgumentException if a count is out of range
     */
    public void enableAckDecimation(long afterPackets, int everyPackets, RttEstimator rtt) {
        if (afterPackets < 0 || everyPackets < ackElicitingThreshold) {
            throw new IllegalArgumentException("need afterPackets >= 0 and everyPackets >= " + ackElicitingThreshold
                    + ": " + afterPackets + ", " + everyPackets);
        }
        this.decimationRtt = java.util.Objects.requireNonNull(rtt, "rtt");
        this.decimationAfterPackets = afterPackets;
        this.decimatedThreshold = everyPackets;
    }

    /**
     * Whether ACK decimation is in force now: enabled, past the start, and packets arriving fast
     * enough that {@code everyPackets} of them take at most a quarter RTT (at least 40 per RTT).
     * A slower flow (a small window) is acknowledged as RFC 9000 says: decimating it would only
     * hold its ACKs back for the quarter RTT and stretch its round trips.
     */
    boolean decimating() {
        if (decimationRtt == null || ackElicitingReceived <= decimationAfterPackets || !decimationRtt.hasSample()
                || arrivalGapNanos < 0) {
            return false;
        }
        return arrivalGapNanos <= decimationRtt.smoothedRttNanos() / 4 / decimatedThreshold;
    }

    /**
     * Whether {@code pn} was already received, or lies below the lowest number still tracked (too
     * old: treated as a duplicate). Negative numbers count as duplicates.
     */
    public boolean isDuplicate(long pn) {
        if (pn < floorPacketNumber) {
            return true;
        }
        for (int i = 0; i < rangeCount; i++) {
            if (pn > highs[i]) {
                return false;
            }
            if (pn >= lows[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records packet {@code pn}; a duplicate is ignored.
     *
     * <p>An ack-eliciting packet makes an ACK wanted. It is due at once if the packet arrived out
     * of order (its number is not one above the largest received, so it leaves or fills a gap:
     * RFC 9000 §13.2.1) or if {@code ackElicitingThreshold} ack-eliciting packets are now
     * unacknowledged (§13.2.2); otherwise within max_ack_delay of the first unacknowledged one.
     * At most {@code maxRanges} ranges are kept: the lowest is dropped, raising the floor.
     *
     * @param nowNanos when the packet arrived
     * @param pn its full packet number
     * @param ackEliciting whether it carried an ack-eliciting frame
     */
    public void onPacketReceived(long nowNanos, long pn, boolean ackEliciting) {
        if (isDuplicate(pn)) {
            return;
        }
        boolean inOrder = largestReceived < 0 || pn == largestReceived + 1;
        insert(pn);
        if (pn > largestReceived) {
            largestReceived = pn;
            largestReceivedTimeNanos = nowNanos;
        }
        if (!ackEliciting) {
            // RFC 9000 §13.2.1: non-ack-eliciting packets are acknowledged only alongside others.
            return;
        }
        if (ackElicitingSinceAck == 0) {
            firstUnackedTimeNanos = nowNanos;
        }
        if (ackElicitingSinceAck < Integer.MAX_VALUE) {
            ackElicitingSinceAck++;
        }
        if (ackElicitingReceived > 0) {
            long gap = Durations.nonNegative(nowNanos - lastArrivalNanos);
            arrivalGapNanos = arrivalGapNanos < 0 ? gap : arrivalGapNanos + (gap - arrivalGapNanos) / 8;
        }
        lastArrivalNanos = nowNanos;
        ackElicitingReceived++;
        int threshold = decimating() ? decimatedThreshold : ackElicitingThreshold;
        // RFC 9000 §13.2.1: acknowledge at once a packet that is out of order;
        // RFC 9000 §13.2.2: and after `threshold` ack-eliciting packets.
        if (!immediate && (!inOrder || ackElicitingSinceAck >= threshold)) {
            immediate = true;
            immediateSinceNanos = nowNanos;
        }
    }

    /**
     * Makes the ACK of what arrived due at once rather than after max_ack_delay (RFC 9000 §13.2.1
     * allows acknowledging sooner): for a keep-alive PING, which no data follows to share the ACK
     * with, so that delaying it would only cost a timer. Does nothing if no ACK is wanted.
     */
    public void acknowledgeAtOnce(long nowNanos) {
        if (ackElicitingSinceAck > 0 && !immediate) {
            immediate = true;
            immediateSinceNanos = nowNanos;
        }
    }

    /**
     * Packet {@code pn} arrived again. Our acknowledgement may have been lost, so while the number
     * is still reported an ACK becomes due at once (RFC 9000 §13.2.1); below the floor the peer
     * already knows we have it.
     */
    public void onDuplicateReceived(long nowNanos, long pn) {
        if (pn < floorPacketNumber || rangeCount == 0) {
            return;
        }
        if (ackElicitingSinceAck == 0) {
            firstUnackedTimeNanos = nowNanos;
            ackElicitingSinceAck = 1;
        }
        if (!immediate) {
            immediate = true;
            immediateSinceNanos = nowNanos;
        }
    }

    /** The largest packet number received, or -1 if none. */
    public long largestReceived() {
        return largestReceived;
    }

    /** Whether an ACK frame is wanted in the next packet: an ack-eliciting packet arrived since the last ACK sent. */
    public boolean ackWanted() {
        return ackElicitingSinceAck > 0;
    }

    /**
     * When the ACK must go out: the arrival time of the packet that made it immediate (so now or
     * earlier), else the arrival of the first unacknowledged ack-eliciting packet plus
     * max_ack_delay (RFC 9000 §13.2.1); {@link Long#MAX_VALUE} if no ACK is wanted.
     */
    public long ackDeadlineNanos() {
        if (ackElicitingSinceAck == 0) {
            return Long.MAX_VALUE;
        }
        if (immediate) {
            return immediateSinceNanos == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : immediateSinceNanos;
        }
        return Durations.deadline(firstUnackedTimeNanos, ackDelayLimitNanos());
    }

    /** How long an ACK may wait: max_ack_delay, or while decimating a quarter RTT if that is less. */
    private long ackDelayLimitNanos() {
        if (decimating() && decimationRtt.hasSample()) {
            return Math.min(maxAckDelayNanos, decimationRtt.smoothedRttNanos() / 4);
        }
        return maxAckDelayNanos;
    }

    /**
     * Writes the highest ranges in the layout {@code [high0, low0, high1, low1, ...]}, strictly
     * descending with a gap between ranges.
     *
     * @param dst where to write; room for {@code dst.length / 2} ranges
     * @return how many ranges were written: up to {@code min(maxRanges, dst.length / 2)}; 0 if
     *     nothing is tracked
     */
    public int fillRanges(long[] dst) {
        int count = Math.min(rangeCount, dst.length / 2);
        for (int i = 0; i < count; i++) {
            dst[2 * i] = highs[i];
            dst[2 * i + 1] = lows[i];
        }
        return count;
    }

    /** Time since the largest packet was received, for the ACK Delay field (RFC 9000 §13.2.5); 0 if none. */
    public long ackDelayNanos(long nowNanos) {
        if (largestReceived < 0) {
            return 0;
        }
        return Durations.nonNegative(nowNanos - largestReceivedTimeNanos);
    }

    /** An ACK frame of the current ranges was just sent: nothing is wanted until the next ack-eliciting packet. */
    public void onAckSent(long nowNanos) {
        ackElicitingSinceAck = 0;
        immediate = false;
    }

    /**
     * The peer acknowledged a packet of ours carrying an ACK frame whose largest was
     * {@code largestAcked}: numbers at or below it are no longer reported (RFC 9000 §13.2.4), so
     * the floor rises to {@code largestAcked + 1}.
     */
    public void onAckAcknowledged(long largestAcked) {
        if (largestAcked < floorPacketNumber || largestAcked == Long.MAX_VALUE) {
            return;
        }
        floorPacketNumber = largestAcked + 1;
        // Drop the ranges wholly below the floor, clip the one that straddles it.
        while (rangeCount > 0 && highs[rangeCount - 1] < floorPacketNumber) {
            rangeCount--;
        }
        if (rangeCount > 0 && lows[rangeCount - 1] < floorPacketNumber) {
            lows[rangeCount - 1] = floorPacketNumber;
        }
    }

    /** How many ranges are tracked. */
    public int rangeCount() {
        return rangeCount;
    }

    /** The lowest packet number still tracked; anything below is a duplicate. */
    long floorPacketNumber() {
        return floorPacketNumber;
    }

    /** Adds a number known not to be tracked, merging with neighbours and keeping at most maxRanges. */
    private void insert(long pn) {
        int i = 0;
        while (i < rangeCount && pn < lows[i] - 1) {
            i++;
        }
        // Now pn >= lows[i] - 1 (or i == rangeCount), and pn is not inside range i.
        if (i < rangeCount && pn == lows[i] - 1) {
            lows[i] = pn;
            mergeBelow(i);
            return;
        }
        if (i < rangeCount && pn == highs[i] + 1) {
            // Range i - 1 cannot touch pn: the loop would have stopped there.
            highs[i] = pn;
            return;
        }
        // A new range between i - 1 and i.
        System.arraycopy(highs, i, highs, i + 1, rangeCount - i);
        System.arraycopy(lows, i, lows, i + 1, rangeCount - i);
        highs[i] = pn;
        lows[i] = pn;
        rangeCount++;
        if (rangeCount > maxRanges) {
            // Keep the newest ranges: forget the lowest and never accept below it again.
            rangeCount--;
            floorPacketNumber = highs[rangeCount] + 1;
        }
    }

    /** Merges range {@code i + 1} into range {@code i} if they touch. */
    private void mergeBelow(int i) {
        if (i + 1 < rangeCount && highs[i + 1] + 1 == lows[i]) {
            lows[i] = lows[i + 1];
            System.arraycopy(highs, i + 2, highs, i + 1, rangeCount - i - 2);
            System.arraycopy(lows, i + 2, lows, i + 1, rangeCount - i - 2);
            rangeCount--;
        }
    }
}
