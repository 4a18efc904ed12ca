package io.rudp.core.loss;

import io.rudp.core.congestion.CongestionController;
import io.rudp.core.congestion.DeliveryRateEstimator;
import io.rudp.core.congestion.RateSample;
import io.rudp.core.path.RttEstimator;
import io.rudp.core.util.Durations;
import java.util.List;
import java.util.Objects;

/**
 * Loss detection for one packet number space, as RFC 9002 §6 and Appendix A describe it:
 * acknowledgement processing, packet and time threshold loss, the probe timeout, and persistent
 * congestion (§7.6), feeding a {@link CongestionController}. The thresholds widen when a loss
 * proves spurious, as RFC 8985 §6.2 widens RACK's reordering window ({@link ReorderingWindow}).
 *
 * <p>Sent packets are kept in sending order; an acknowledgement costs O(ranges * log n + newly
 * acknowledged + lost), never a walk over the whole window. Nothing in an ACK frame can make this
 * class throw. Times are compared wrap-safe; sending times are assumed not to go backwards.
 *
 * <p>Not thread-safe. A {@link Listener} may send packets but must not call
 * {@link #onAckReceived} or {@link #onTimeout} from its callbacks.
 */
public final class LossDetector {

    /** RFC 9002 §6.1.1 kPacketThreshold. */
    public static final int PACKET_THRESHOLD = ReorderingWindow.PACKET_THRESHOLD;

    /**
     * The backoff ceiling of the probe timeout for paths whose un-backed-off probe timeout is
     * shorter: 500 ms. RFC 9002 §6.2.1 lets the period double without bound; capping it bounds the
     * time from a path's return to the next probe. Once the period has stopped at the ceiling,
     * each timeout sends one probe instead of two ({@link #probesDue()}), so a silent peer costs
     * at most two probe packets a second, as a 1 s ceiling with two probes would, while a path that
     * comes back is probed within half a second and each probe gets its own answer.
     */
    public static final long MAX_PROBE_BACKOFF_NANOS = ProbeTimeout.MAX_BACKOFF_NANOS;

    /**
     * Once this many slots are held, the oldest packets that are neither ack-eliciting nor in
     * flight (ACK-only packets, which a peer is never obliged to acknowledge) are forgotten, so a
     * connection that only acknowledges cannot grow the window without bound.
     */
    static final int EVICTION_THRESHOLD_PACKETS = 1 << 16;

    /**
     * Told what happened to each packet; called after all state has been updated. A record made
     * by {@link #newSentPacket} is reused once the callback returns: read its fields, never keep
     * it.
     */
    public interface Listener {

        /** {@code p} was newly acknowledged. */
        void onPacketAcked(SentPacket p);

        /** {@code p} was declared lost; its content must be sent again if still needed. */
        void onPacketLost(SentPacket p);

        /**
         * This acknowledgement showed {@code packets} earlier losses spurious: packets declared
         * lost were acknowledged after all (RFC 8985 §6.2); the reordering window is already
         * widened. Told after the packets it newly acknowledges and the losses it declares.
         */
        default void onSpuriousLosses(int packets) {
        }
    }

    private final RttEstimator rtt;
    private final CongestionController congestionController;
    /** The probe timeout period, its backoff and pto_count (RFC 9002 §6.2). */
    private final ProbeTimeout probeTimeout;

    private final SentPacketWindow sent = new SentPacketWindow();
    private final InFlight inFlight = new InFlight();
    private long largestSentPacketNumber = -1;
    private long largestAckedPacketNumber = -1;
    /** Losses by packet and time threshold (§6.1), widened when losses prove spurious (RFC 8985 §6.2). */
    private final ThresholdLoss thresholdLoss = new ThresholdLoss();
    private final DeliveryRateEstimator deliveryRate = new DeliveryRateEstimator();

    /** Spare records for {@link #newSentPacket}; at most this many are kept (RFC 9002 A.1.1 records). */
    static final int MAX_SPARE_RECORDS = 1024;
    private final SentPacketPool pool = new SentPacketPool(MAX_SPARE_RECORDS);
    /** The packets the current acknowledgement or timeout acknowledged and declared lost. */
    private final PacketOutcomes outcomes = new PacketOutcomes(pool);

    /**
     * Creates a detector with nothing sent.
     *
     * @param rtt the RTT estimator this detector feeds and reads
     * @param cc the congestion controller told of sends, acknowledgements and losses
     * @param peerMaxAckDelayNanos the peer's max_ack_delay (negative counts as zero)
     * @param minProbeTimeoutNanos the shortest probe timeout period; positive
     * @param maxProbeTimeoutNanos the longest probe timeout period, backoff included; at least the
     *     minimum (backoff stops sooner: see {@link #MAX_PROBE_BACKOFF_NANOS})
     * @throws IllegalArgumentException if the probe timeout bounds are not as described
     */
    public LossDetector(RttEstimator rtt, CongestionController cc, long peerMaxAckDelayNanos,
                        long minProbeTimeoutNanos, long maxProbeTimeoutNanos) {
        this.rtt = Objects.requireNonNull(rtt, "rtt");
        this.congestionController = Objects.requireNonNull(cc, "cc");
        this.probeTimeout = new ProbeTimeout(rtt, peerMaxAckDelayNanos, minProbeTimeoutNanos, maxProbeTimeoutNanos);
    }

    /** Sets the peer's max_ack_delay, once its transport parameters are known (negative counts as zero). */
    public void setPeerMaxAckDelayNanos(long nanos) {
        probeTimeout.setPeerMaxAckDelayNanos(nanos);
    }

    /**
     * A record for a packet about to be passed to {@link #onPacketSent}, reused from earlier
     * packets when one is spare (so sending allocates nothing). The detector takes it back once
     * it is acknowledged, declared lost (after the listener was told) or discarded: callers and
     * listeners must not keep it.
     *
     * @param packetNumber the full packet number
     * @param sentTimeNanos when it was sent
     * @param sizeBytes its UDP payload size in bytes
     * @param ackEliciting whether it elicits an acknowledgement
     * @param inFlight whether it counts towards bytes in flight
     * @return a record with those fields and every content field at its "not carried" default
     */
    public SentPacket newSentPacket(long packetNumber, long sentTimeNanos, int sizeBytes, boolean ackEliciting,
                                    boolean inFlight) {
        return pool.acquire(packetNumber, sentTimeNanos, sizeBytes, ackEliciting, inFlight);
    }

    /**
     * Records a sent packet (RFC 9002 Appendix A.5 OnPacketSent). Adds it to bytes in flight and
     * tells the congestion controller if it is in flight.
     *
     * @throws IllegalArgumentException if its number does not exceed every number sent before, is
     *     negative, or its size is negative
     */
    public void onPacketSent(SentPacket p) {
        Objects.requireNonNull(p, "p");
        if (p.packetNumber < 0 || p.packetNumber <= largestSentPacketNumber) {
            throw new IllegalArgumentException("packet numbers must strictly increase: " + p.packetNumber
                    + " after " + largestSentPacketNumber);
        }
        if (p.sizeBytes < 0) {
            throw new IllegalArgumentException("negative packet size: " + p.sizeBytes);
        }
        sent.evictOldestUnacknowledgeable(EVICTION_THRESHOLD_PACKETS, pool);
        // RFC 9002 A.5: sent_packets[pn] = sent_packet.
        sent.add(p);
        largestSentPacketNumber = p.packetNumber;
        if (p.inFlight) {
            // draft-cheng-iccrg-delivery-rate-estimation: stamp the packet with the delivery state.
            deliveryRate.onPacketSent(p, inFlight.bytes());
            // RFC 9002 A.5 time_of_last_ack_eliciting_packet, B.4 bytes_in_flight += sent_bytes.
            inFlight.onSent(p);
            congestionController.onPacketSent(p.sentTimeNanos, p.sizeBytes);
        }
    }

    /**
     * Processes an ACK frame (RFC 9002 Appendix A.7 OnAckReceived).
     *
     * <p>Ranges use the layout {@code [high0, low0, high1, low1, ...]}, strictly descending.
     * Numbers above the largest sent are ignored, never thrown on (the caller checks
     * {@link #largestSentPacketNumber()} to decide whether that is a protocol violation); so are
     * malformed ranges. The listener hears of every newly acknowledged packet in ascending order,
     * then of every packet this acknowledgement declared lost. The congestion controller hears of
     * losses, then of each acknowledged in-flight packet, then of the delivery-rate sample.
     *
     * @param nowNanos when the ACK was received
     * @param ranges the acknowledged ranges
     * @param rangeCount how many pairs of {@code ranges} are valid
     * @param ackDelayNanos the ACK Delay field, converted to nanoseconds
     * @param listener told of acknowledged and lost packets
     * @return whether at least one packet was newly acknowledged
     */
    public boolean onAckReceived(long nowNanos, long[] ranges, int rangeCount, long ackDelayNanos,
                                 Listener listener) {
        Objects.requireNonNull(listener, "listener");
        outcomes.open();
        try {
            int count = Math.max(0, Math.min(rangeCount, ranges.length / 2));
            long ackLargest = SentPacketWindow.largestNamed(ranges, count, largestSentPacketNumber);
            if (ackLargest < 0) {
                return false;
            }
            // RFC 9002 A.7: largest_acked_packet = max(largest_acked_packet, ack.largest_acked).
            largestAckedPacketNumber = Math.max(largestAckedPacketNumber, ackLargest);
            // RFC 8985 §6.2: an acknowledgement of a packet declared lost widens the reordering
            // window before this ACK's own loss detection runs.
            int spurious = thresholdLoss.onAckReceived(nowNanos, ranges, count, largestAckedPacketNumber,
                    largestSentPacketNumber, rtt);
            // RFC 9002 A.7 DetectAndRemoveAckedPackets.
            SentPacket largestNewlyAcked = sent.removeAcknowledged(ranges, count, largestSentPacketNumber, outcomes.acked());
            if (largestNewlyAcked == null) {
                if (spurious > 0) {
                    listener.onSpuriousLosses(spurious);
                }
                return false;
            }
            List<SentPacket> newlyAcked = outcomes.acked();
            long priorBytesInFlight = inFlight.bytes();
            deliveryRate.startAck();
            for (int i = 0; i < newlyAcked.size(); i++) {
                SentPacket packet = newlyAcked.get(i);
                inFlight.forget(packet);
                if (packet.inFlight) {
                    deliveryRate.onPacketDelivered(nowNanos, packet);
                }
            }
            // RFC 9002 §5.1 and A.7: sample the RTT if the largest acknowledged is newly acknowledged
            // and at least one newly acknowledged packet is ack-eliciting.
            if (largestNewlyAcked.packetNumber == ackLargest && outcomes.ackedIncludesAckEliciting()) {
                takeRttSample(nowNanos, nowNanos - largestNewlyAcked.sentTimeNanos, ackDelayNanos);
            }
            // RFC 9002 A.7: detect losses, tell the controller of them before the acknowledgements.
            long lostBytes = detectAndRemoveLostPackets(nowNanos);
            for (int i = 0; i < newlyAcked.size(); i++) {
                SentPacket packet = newlyAcked.get(i);
                if (packet.inFlight) {
                    congestionController.onPacketAcked(nowNanos, packet);
                }
            }
            // draft-cheng-iccrg-delivery-rate-estimation: one rate sample per acknowledgement.
            RateSample sample = deliveryRate.finishAck(rtt.hasSample() ? rtt.minRttNanos() : 0, lostBytes,
                    priorBytesInFlight, inFlight.bytes());
            congestionController.onAckProcessed(nowNanos, sample);
            // RFC 9002 A.7: pto_count = 0 (our packets flow only after address validation).
            probeTimeout.reset();
            for (int i = 0; i < newlyAcked.size(); i++) {
                listener.onPacketAcked(newlyAcked.get(i));
            }
            List<SentPacket> newlyLost = outcomes.lost();
            for (int i = 0; i < newlyLost.size(); i++) {
                listener.onPacketLost(newlyLost.get(i));
            }
            if (spurious > 0) {
                listener.onSpuriousLosses(spurious);
            }
            return true;
        } finally {
            outcomes.close();
        }
    }

    /**
     * Handles the loss detection timer (RFC 9002 Appendix A.9 OnLossDetectionTimeout). Calling it
     * before {@link #deadlineNanos()} does nothing.
     *
     * @param nowNanos the current time
     * @param listener told of packets declared lost by time threshold
     * @return true if a probe timeout fired: the caller must send one or two ack-eliciting probe
     *     packets, which may exceed the congestion window (RFC 9002 §6.2.4); false if losses were
     *     declared by time threshold or nothing was due
     */
    public boolean onTimeout(long nowNanos, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        long deadline = deadlineNanos();
        if (deadline == Long.MAX_VALUE || nowNanos - deadline < 0) {
            return false;
        }
        outcomes.open();
        try {
            if (thresholdLoss.lossTimeArmed()) {
                // RFC 9002 A.9: time threshold loss detection.
                detectAndRemoveLostPackets(nowNanos);
                List<SentPacket> newlyLost = outcomes.lost();
                for (int i = 0; i < newlyLost.size(); i++) {
                    listener.onPacketLost(newlyLost.get(i));
                }
                return false;
            }
            if (!inFlight.hasAckEliciting()) {
                return false;
            }
            // RFC 9002 A.9: PTO; the caller sends probes, pto_count++.
            probeTimeout.onTimeout();
            return true;
        } finally {
            outcomes.close();
        }
    }

    /**
     * When {@link #onTimeout} is next due (RFC 9002 Appendix A.8 SetLossDetectionTimer): the
     * earliest time threshold loss time if one is armed; else, if an ack-eliciting packet is in
     * flight, the time the last ack-eliciting packet was sent plus the probe timeout period
     * {@code clamp(smoothed_rtt + max(4 * rttvar, kGranularity) + max_ack_delay, min, max) *
     * 2^ptoCount}, the backoff capped at {@code max(}{@link #MAX_PROBE_BACKOFF_NANOS}{@code ,
     * un-backed-off period)} and at the maximum; else {@link Long#MAX_VALUE}.
     */
    public long deadlineNanos() {
        if (thresholdLoss.lossTimeArmed()) {
            return thresholdLoss.lossTimeNanos();
        }
        if (!inFlight.hasAckEliciting()) {
            return Long.MAX_VALUE;
        }
        return Durations.deadline(inFlight.lastAckElicitingSentNanos(), probeTimeout.periodNanos());
    }

    /**
     * The sender had nothing to send although the congestion window and the pacer would have let
     * it (RFC 9002 §7.8): marks the packets that follow as application-limited until the data now
     * in flight is delivered, and tells the congestion controller.
     *
     * @param nowNanos the current time
     */
    public void onAppLimited(long nowNanos) {
        deliveryRate.onAppLimited(inFlight.bytes());
        congestionController.onAppLimited(nowNanos, inFlight.bytes());
    }

    /** Bytes of in-flight packets the peer acknowledged so far. */
    public long deliveredBytes() {
        return deliveryRate.deliveredBytes();
    }

    /**
     * How many probes the probe timeout that just fired calls for (RFC 9002 §6.2.4 allows one or
     * two): two while the period is still doubling, one from the second consecutive timeout on
     * once the period has reached the backoff ceiling ({@link #MAX_PROBE_BACKOFF_NANOS}), where
     * probes follow each other closely enough that a lost one is soon replaced.
     */
    public int probesDue() {
        return probeTimeout.probesDue();
    }

    /** Consecutive probe timeouts since the last acknowledgement that newly acknowledged a packet. */
    public int ptoCount() {
        return probeTimeout.count();
    }

    /** Bytes of in-flight packets neither acknowledged nor declared lost. */
    public long bytesInFlight() {
        return inFlight.bytes();
    }

    /** Tracked packets, of any kind, neither acknowledged nor declared lost. */
    public int packetsInFlight() {
        return sent.trackedCount();
    }

    /** Whether an ack-eliciting in-flight packet awaits acknowledgement. */
    public boolean hasAckElicitingInFlight() {
        return inFlight.hasAckEliciting();
    }

    /** The largest packet number the peer acknowledged, or -1 if none. */
    public long largestAckedPacketNumber() {
        return largestAckedPacketNumber;
    }

    /** The largest packet number sent, or -1 if none. */
    public long largestSentPacketNumber() {
        return largestSentPacketNumber;
    }

    /** Packets of any kind declared lost so far. */
    public long packetsLostTotal() {
        return thresholdLoss.packetsLostTotal();
    }

    /**
     * Packets declared lost and acknowledged afterwards (the loss was spurious: packet numbers are
     * never reused, so the acknowledgement is the original's), among the last
     * {@value RecentLosses#CAPACITY} declared lost at any time.
     */
    public long spuriousLossesTotal() {
        return thresholdLoss.spuriousLosses();
    }

    /**
     * The packet threshold in force (RFC 9002 §6.1.1): {@link #PACKET_THRESHOLD} until a loss
     * proved spurious, then {@link Long#MAX_VALUE}: only time declares loss (RFC 8985 §6.2).
     */
    public long packetThreshold() {
        return thresholdLoss.packetThreshold();
    }

    /**
     * The reordering window in force: how much later than max(smoothed RTT, latest RTT) after
     * its sending a packet is declared lost by time (RFC 9002 §6.1.2, RFC 8985 §6.2).
     */
    public long reorderingWindowNanos() {
        return Math.max(0, thresholdLoss.lossDelayNanos(rtt) - Math.max(rtt.latestRttNanos(), rtt.smoothedRttNanos()));
    }

    /**
     * Gives back storage grown while busy (spare records, a window that held many packets, the
     * lists of one ACK's packets) once nothing is in flight; the owner calls it when the
     * connection has been quiet for a while. Busy again, it regrows by doubling.
     */
    public void trimStorage() {
        if (sent.size() == 0) {
            sent.shrinkIfEmpty();
        }
        pool.releaseSpares();
        outcomes.trimToSize();
    }

    /** Slots of the sent-packet window (tests). */
    int windowCapacity() {
        return sent.capacity();
    }

    /** Spare sent-packet records kept for reuse (tests). */
    int spareRecords() {
        return pool.spareCount();
    }

    /**
     * Forgets every tracked packet without declaring any lost (RFC 9002 §6.4, for a closing
     * connection). Bytes in flight become 0 and no timer stays armed; packet numbers keep
     * increasing from the largest sent.
     */
    public void discardAll() {
        sent.clear(pool);
        inFlight.clear();
        probeTimeout.reset();
        thresholdLoss.discardAll();
    }

    /** The record pool, for tests. */
    SentPacketPool pool() {
        return pool;
    }

    /** Slot reads and search probes so far, to check that acknowledgements cost what they should. */
    long workUnits() {
        return sent.workUnits();
    }

    /**
     * RFC 9002 Appendix A.10 DetectAndRemoveLostPackets into this batch, plus B.8 OnPacketsLost:
     * the RTT estimator hears of persistent congestion, the controller of in-flight losses.
     *
     * @return the in-flight bytes declared lost
     */
    private long detectAndRemoveLostPackets(long nowNanos) {
        thresholdLoss.declare(nowNanos, sent, largestAckedPacketNumber, largestSentPacketNumber, rtt,
                probeTimeout.basePeriodNanos(), inFlight, outcomes.lost());
        if (thresholdLoss.inFlightLost()) {
            boolean persistent = thresholdLoss.persistentCongestion();
            if (persistent) {
                rtt.onPersistentCongestion();
            }
            congestionController.onPacketsLost(nowNanos, thresholdLoss.newestLostSentNanos(),
                    thresholdLoss.lostBytes(), persistent);
        }
        return thresholdLoss.lostBytes();
    }

    private void takeRttSample(long nowNanos, long latestRttNanos, long ackDelayNanos) {
        if (!rtt.hasSample()) {
            thresholdLoss.onFirstRttSample(nowNanos);
        }
        rtt.onSample(latestRttNanos, ackDelayNanos, probeTimeout.peerMaxAckDelayNanos());
    }
}
