package io.rudp.core.loss;

import io.rudp.core.path.RttEstimator;
import io.rudp.core.util.Durations;

/**
 * How much reordering loss detection tolerates, adapted to the path as RFC 8985 (RACK) §6.2
 * adapts its reordering window.
 *
 * <p>Until a loss proves spurious, the thresholds are RFC 9002 §6.1's: a packet is lost once
 * {@link #PACKET_THRESHOLD} later packets are acknowledged, or 9/8 x max(smoothed
 * RTT, latest RTT) after it was sent. A spurious loss (a packet declared lost and then
 * acknowledged, found by {@link RecentLosses}) shows the path reorders more than that; from then
 * on (RFC 8985 §6.2 step 4, "reordering seen"):
 *
 * <ul>
 *   <li>the packet threshold no longer declares losses (how far a late packet falls behind in
 *       packets grows with the sending rate; its delay does not);</li>
 *   <li>the time threshold is max(smoothed RTT, latest RTT) + a reordering window of
 *       {@code min(multiplier x min_rtt / 4, smoothed RTT)}, never less than RFC 9002's one
 *       eighth of the RTT;</li>
 *   <li>each spurious loss raises the multiplier by one, at most once per round trip (RFC 8985's
 *       {@code reo_wnd_mult}), and at once to what covers the lateness it showed (how much later
 *       than one smoothed RTT its acknowledgement came), so one late packet is enough to size the
 *       window; and sets the persistence to 16 loss episodes;</li>
 *   <li>each loss episode (the first loss declared after the previous episode's packets were
 *       acknowledged) counts the persistence down; at zero the multiplier returns to 1 (RFC 8985
 *       {@code reo_wnd_persist}).</li>
 * </ul>
 *
 * <p>Not thread-safe; allocation-free after the first loss.
 */
final class ReorderingWindow implements RecentLosses.SpuriousLossSink {

    /** RFC 9002 §6.1.1 kPacketThreshold. */
    static final int PACKET_THRESHOLD = 3;

    /** RFC 8985 §6.2: loss episodes a widened window persists without a new spurious loss. */
    static final int PERSIST_EPISODES = 16;

    /** The largest multiplier of min_rtt / 4 (the window is capped at the smoothed RTT anyway). */
    static final int MAX_MULTIPLIER = 64;

    private final RecentLosses recentLosses = new RecentLosses();
    private boolean reorderingSeen;
    private int multiplier = 1;
    private int persistEpisodes;
    /** No multiplier increment until a packet numbered at least this is acknowledged (RFC 8985 dsack_round). */
    private long incrementRoundEnd = -1;
    /** The loss episode lasts until a packet numbered at least this is acknowledged. */
    private long episodeEnd = -1;
    private long spuriousLosses;

    // The acknowledgement being matched, for onSpuriousLoss.
    private long ackTimeNanos;
    private long ackLargestAcked;
    private long ackLargestSent;
    private RttEstimator ackRtt;

    /**
     * The packet threshold now: {@link #PACKET_THRESHOLD} until reordering was seen,
     * then {@link Long#MAX_VALUE} (only time declares loss).
     */
    long packetThreshold() {
        return reorderingSeen ? Long.MAX_VALUE : PACKET_THRESHOLD;
    }

    /**
     * The time threshold (RFC 9002 §6.1.2 loss_delay): how long after it was sent a packet sent
     * before an acknowledged one is declared lost.
     */
    long lossDelayNanos(RttEstimator rtt) {
        long rttNanos = Math.max(rtt.latestRttNanos(), rtt.smoothedRttNanos());
        // RFC 9002 §6.1.2: max(kTimeThreshold * max(smoothed_rtt, latest_rtt), kGranularity), 9/8.
        long fixed = Math.max(Durations.add(rttNanos, rttNanos / 8), RttEstimator.GRANULARITY_NANOS);
        if (!reorderingSeen) {
            return fixed;
        }
        return Math.max(fixed, Durations.add(rttNanos, windowNanos(rtt)));
    }

    /**
     * The reordering window: RFC 8985 §6.2 {@code min(reo_wnd_mult * min_rtt / 4, srtt)} once
     * reordering was seen, else RFC 9002's one eighth of max(smoothed RTT, latest RTT).
     */
    long windowNanos(RttEstimator rtt) {
        if (!reorderingSeen) {
            return Math.max(rtt.latestRttNanos(), rtt.smoothedRttNanos()) / 8;
        }
        return Math.min(Durations.multiply(unitNanos(rtt), multiplier), rtt.smoothedRttNanos());
    }

    /** A packet was declared lost: remember it, so a later acknowledgement of it is noticed. */
    void onPacketLost(long packetNumber, long sentTimeNanos) {
        recentLosses.add(packetNumber, sentTimeNanos);
    }

    /**
     * Losses were declared (once per detection pass that declared any): counts a loss episode
     * when the previous one is over (RFC 8985 §6.2 step 4, once per recovery).
     */
    void onLossesDeclared(long largestAckedPacketNumber, long largestSentPacketNumber) {
        if (largestAckedPacketNumber < episodeEnd) {
            return;
        }
        episodeEnd = largestSentPacketNumber + 1;
        if (persistEpisodes > 0 && --persistEpisodes == 0) {
            multiplier = 1;
        }
    }

    /**
     * An ACK arrived: finds the remembered losses it acknowledges and widens the window for
     * them. Call it before loss detection runs for the same ACK, so the wider window applies at
     * once.
     *
     * @return how many losses it showed spurious
     */
    int onAckReceived(long nowNanos, long[] ranges, int rangeCount, long largestAckedPacketNumber,
                      long largestSentPacketNumber, RttEstimator rtt) {
        ackTimeNanos = nowNanos;
        ackLargestAcked = largestAckedPacketNumber;
        ackLargestSent = largestSentPacketNumber;
        ackRtt = rtt;
        try {
            return recentLosses.removeAcknowledged(ranges, rangeCount, this);
        } finally {
            ackRtt = null;
        }
    }

    @Override
    public void onSpuriousLoss(long packetNumber, long sentTimeNanos) {
        spuriousLosses++;
        reorderingSeen = true;
        persistEpisodes = PERSIST_EPISODES;
        // RFC 8985 §6.2 step 4: reo_wnd_mult += 1, at most once per round trip.
        if (ackLargestAcked >= incrementRoundEnd) {
            incrementRoundEnd = ackLargestSent + 1;
            multiplier = Math.min(multiplier + 1, MAX_MULTIPLIER);
        }
        // And at least what covers this packet's lateness beyond one smoothed RTT.
        long latenessNanos = (ackTimeNanos - sentTimeNanos) - ackRtt.smoothedRttNanos();
        if (latenessNanos > 0) {
            long unit = unitNanos(ackRtt);
            long needed = Math.min(MAX_MULTIPLIER, latenessNanos / unit + 1);
            multiplier = Math.max(multiplier, (int) needed);
        }
    }

    /** Losses shown spurious so far. */
    long spuriousLosses() {
        return spuriousLosses;
    }

    /** Whether a spurious loss was seen (RFC 8985 RACK.reordering_seen). */
    boolean reorderingSeen() {
        return reorderingSeen;
    }

    /** The current RFC 8985 reo_wnd_mult. */
    int multiplier() {
        return multiplier;
    }

    /** Forgets the remembered losses (the connection is closing); the window stays as it is. */
    void clearRecentLosses() {
        recentLosses.clear();
    }

    /** RFC 8985 §6.2: the window's unit, min_rtt / 4 (at least the timer granularity). */
    private static long unitNanos(RttEstimator rtt) {
        return Math.max(rtt.minRttNanos() / 4, RttEstimator.GRANULARITY_NANOS);
    }
}
