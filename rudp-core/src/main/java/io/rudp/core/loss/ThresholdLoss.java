package io.rudp.core.loss;

import io.rudp.core.path.RttEstimator;
import io.rudp.core.util.Durations;
import java.util.List;

/**
 * Declares packets lost by packet and time threshold (RFC 9002 §6.1, Appendix A.10
 * DetectAndRemoveLostPackets), with the thresholds the {@link ReorderingWindow} has now (RFC 8985
 * §6.2), arms the loss time for the oldest packet not yet lost, and finds persistent congestion
 * among the losses ({@link PersistentCongestion}, RFC 9002 §7.6). The {@code LossDetector} owns
 * the sent packets and tells the congestion controller what one batch found. Not thread-safe.
 */
final class ThresholdLoss {

    /** RFC 9002 §7.6.1 kPersistentCongestionThreshold. */
    private static final int PERSISTENT_CONGESTION_THRESHOLD = 3;

    private final ReorderingWindow reordering = new ReorderingWindow();
    private final PersistentCongestion persistentCongestion = new PersistentCongestion();
    private boolean lossTimeArmed;
    private long lossTimeNanos;
    private long packetsLostTotal;

    // What the last batch found (RFC 9002 B.8 OnPacketsLost's inputs).
    private long lostBytes;
    private boolean inFlightLost;
    private long newestLostSentNanos;
    private boolean persistent;

    /**
     * Declares the packets of {@code sent} that are lost now, removing them from the window and
     * the in-flight counts into {@code lostOut}, and re-arms the loss time.
     *
     * <p>A packet is lost once it is the packet threshold below the largest acknowledged or was
     * sent a loss delay before now. Both conditions hold for a prefix of the window in sending
     * order, so the walk stops at the first packet that is not lost yet.
     *
     * @param probeTimeoutBaseNanos the un-backed-off probe timeout, unit of the §7.6.1 duration
     */
    void declare(long nowNanos, SentPacketWindow sent, long largestAckedPacketNumber, long largestSentPacketNumber,
                 RttEstimator rtt, long probeTimeoutBaseNanos, InFlight inFlight, List<SentPacket> lostOut) {
        lossTimeArmed = false;
        lostBytes = 0;
        inFlightLost = false;
        newestLostSentNanos = 0;
        persistent = false;
        if (largestAckedPacketNumber < 0) {
            return;
        }
        // RFC 9002 §6.1.2 loss_delay and §6.1.1 kPacketThreshold, as the reordering window has them now.
        long lossDelayNanos = reordering.lossDelayNanos(rtt);
        long packetThreshold = reordering.packetThreshold();
        long lostSendTimeNanos = nowNanos - lossDelayNanos;
        // RFC 9002 §7.6.1: persistent congestion duration.
        persistentCongestion.startBatch(Durations.multiply(probeTimeoutBaseNanos, PERSISTENT_CONGESTION_THRESHOLD),
                rtt.hasSample());
        boolean anyLost = false;
        for (int position = 0; position < sent.size(); position++) {
            if (sent.packetNumberAt(position) > largestAckedPacketNumber) {
                break;
            }
            SentPacket packet = sent.packetAt(position);
            if (packet == null) {
                // RFC 9002 §7.6.2: an acknowledged packet sent in between ends the period.
                if (sent.wasAckedAt(position)) {
                    persistentCongestion.onAcknowledgedInBetween();
                }
                continue;
            }
            // RFC 9002 §6.1.1 packet threshold, §6.1.2 time threshold.
            boolean lostByTime = packet.sentTimeNanos - lostSendTimeNanos <= 0;
            boolean lostByCount = largestAckedPacketNumber - packet.packetNumber >= packetThreshold;
            if (!lostByTime && !lostByCount) {
                // RFC 9002 A.10: loss_time = time_sent + loss_delay of the oldest packet not yet lost.
                lossTimeArmed = true;
                lossTimeNanos = Durations.deadline(packet.sentTimeNanos, lossDelayNanos);
                break;
            }
            sent.removeAt(position, false);
            inFlight.forget(packet);
            lostOut.add(packet);
            packetsLostTotal++;
            anyLost = true;
            reordering.onPacketLost(packet.packetNumber, packet.sentTimeNanos);
            if (!packet.inFlight || packet.pmtuProbe) {
                continue; // RFC 9000 §14.4: a lost PMTU probe is not a congestion signal
            }
            // RFC 9002 B.8: bytes lost and the send time of the newest lost packet.
            lostBytes += packet.sizeBytes;
            if (!inFlightLost || packet.sentTimeNanos - newestLostSentNanos > 0) {
                newestLostSentNanos = packet.sentTimeNanos;
            }
            inFlightLost = true;
            persistentCongestion.onLost(packet);
        }
        sent.trimHead();
        if (anyLost) {
            reordering.onLossesDeclared(largestAckedPacketNumber, largestSentPacketNumber);
        }
        if (inFlightLost) {
            persistent = persistentCongestion.established();
        }
    }

    /** Whether the last batch declared an in-flight packet (other than a PMTU probe) lost. */
    boolean inFlightLost() {
        return inFlightLost;
    }

    /** In-flight bytes the last batch declared lost (PMTU probes not counted). */
    long lostBytes() {
        return lostBytes;
    }

    /** When the newest in-flight packet the last batch declared lost was sent. */
    long newestLostSentNanos() {
        return newestLostSentNanos;
    }

    /** Whether the last batch's losses establish persistent congestion (RFC 9002 §7.6.2). */
    boolean persistentCongestion() {
        return persistent;
    }

    /** Whether a loss time is armed (RFC 9002 A.8: loss_time != 0). */
    boolean lossTimeArmed() {
        return lossTimeArmed;
    }

    /** The armed loss time. */
    long lossTimeNanos() {
        return lossTimeNanos;
    }

    /** The first RTT sample was taken: persistent congestion counts only packets sent after it. */
    void onFirstRttSample(long nowNanos) {
        persistentCongestion.onFirstRttSample(nowNanos);
    }

    /**
     * RFC 8985 §6.2: an acknowledgement of packets declared lost widens the reordering window
     * before that acknowledgement's own loss detection runs.
     *
     * @return how many earlier losses it showed spurious
     */
    int onAckReceived(long nowNanos, long[] ranges, int rangeCount, long largestAckedPacketNumber,
                      long largestSentPacketNumber, RttEstimator rtt) {
        return reordering.onAckReceived(nowNanos, ranges, rangeCount, largestAckedPacketNumber,
                largestSentPacketNumber, rtt);
    }

    /** Everything was discarded (RFC 9002 §6.4): no loss time, no recent losses to match. */
    void discardAll() {
        lossTimeArmed = false;
        reordering.clearRecentLosses();
    }

    /** Packets declared lost so far. */
    long packetsLostTotal() {
        return packetsLostTotal;
    }

    /** Losses shown spurious so far (RFC 8985 §6.2). */
    long spuriousLosses() {
        return reordering.spuriousLosses();
    }

    /** The packet threshold in force (RFC 9002 §6.1.1, unlimited once reordering was seen). */
    long packetThreshold() {
        return reordering.packetThreshold();
    }

    /** The time threshold in force (RFC 9002 §6.1.2 loss_delay, widened by RFC 8985 §6.2). */
    long lossDelayNanos(RttEstimator rtt) {
        return reordering.lossDelayNanos(rtt);
    }
}
