package io.rudp.core.congestion;

/**
 * Delivery-rate estimation as draft-cheng-iccrg-delivery-rate-estimation describes it: each sent
 * packet records how many bytes the connection had delivered, and when, at its sending; the ACK
 * of that packet then yields the rate at which the path delivered data in between.
 *
 * <p>It also tracks application-limited phases (RFC 9002 §7.8, the draft's "app-limited"
 * marker): once the sender had nothing to send while the window was open, every packet sent
 * before the data then in flight is delivered is marked, and so are the samples its ACKs make.
 *
 * <p>Constant work per packet; no allocation (the sample is reused). Not thread-safe.
 */
public final class DeliveryRateEstimator {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** The draft's C.delivered: bytes of in-flight packets acknowledged so far. */
    private long deliveredBytes;
    /** The draft's C.delivered_time: when {@link #deliveredBytes} last grew. */
    private long deliveredTimeNanos;
    /** The draft's C.first_sent_time: the send time of the newest packet acknowledged. */
    private long firstSentTimeNanos;
    /** The draft's C.app_limited: the delivered count that ends the app-limited phase, or 0. */
    private long appLimitedUntilBytes;

    private final RateSample sample = new RateSample();
    private boolean sampleHasNewest;
    private long sampleSendElapsedNanos;
    private long sampleAckElapsedNanos;
    private long sampleAckedBytes;

    /** Creates an estimator with nothing delivered. */
    public DeliveryRateEstimator() {
    }

    /** Bytes of in-flight packets acknowledged so far (the draft's C.delivered). */
    public long deliveredBytes() {
        return deliveredBytes;
    }

    /** Whether packets sent now are marked application-limited. */
    public boolean isAppLimited() {
        return appLimitedUntilBytes != 0;
    }

    /**
     * Stamps an in-flight packet about to be recorded as sent with the connection's delivery
     * state (draft, "Transmitting a data packet").
     *
     * @param packet the packet; its delivery fields are set
     * @param bytesInFlightBefore bytes in flight before this packet
     */
    public void onPacketSent(TrackedPacket packet, long bytesInFlightBefore) {
        if (bytesInFlightBefore == 0) {
            // Draft: with nothing in flight the send and ACK phases restart at this packet.
            firstSentTimeNanos = packet.sentTimeNanos();
            deliveredTimeNanos = packet.sentTimeNanos();
        }
        packet.stampDelivery(deliveredBytes, deliveredTimeNanos, firstSentTimeNanos, appLimitedUntilBytes != 0);
    }

    /**
     * The sender had nothing to send although the window and the pacer would have let it (RFC
     * 9002 §7.8; draft, "Detecting application-limited phases"): packets are marked until the
     * data now in flight is delivered.
     *
     * <p>Deviation from the draft, which marks even an idle new connection: with nothing ever
     * sent or in flight there is no window that went unused, and marking would keep the first
     * flight from growing the window.
     *
     * @param bytesInFlight bytes in flight now
     */
    public void onAppLimited(long bytesInFlight) {
        long mark = deliveredBytes + Math.max(0, bytesInFlight);
        if (mark > 0) {
            appLimitedUntilBytes = mark;
        }
    }

    /** Starts the sample of one acknowledgement. */
    public void startAck() {
        sample.clear();
        sampleHasNewest = false;
        sampleAckedBytes = 0;
    }

    /**
     * An in-flight packet was newly acknowledged (draft, "Upon receiving an ACK", per packet).
     * Call in ascending packet number order.
     */
    public void onPacketDelivered(long nowNanos, TrackedPacket packet) {
        long size = Math.max(0, packet.sizeBytes());
        deliveredBytes += size;
        deliveredTimeNanos = nowNanos;
        sampleAckedBytes += size;
        // Draft: the sample follows the most recently sent packet acknowledged; packets come in
        // sending order, so each one replaces the last.
        if (!sampleHasNewest || packet.deliveredBytesAtSend() >= sample.priorDeliveredBytes()) {
            sampleHasNewest = true;
            sample.setNewestPacket(packet.deliveredBytesAtSend(), packet.isAppLimited(), nowNanos - packet.sentTimeNanos());
            sampleSendElapsedNanos = packet.sentTimeNanos() - packet.firstSentTimeNanosAtSend();
            sampleAckElapsedNanos = deliveredTimeNanos - packet.deliveredTimeNanosAtSend();
            firstSentTimeNanos = packet.sentTimeNanos();
        }
    }

    /**
     * Completes the sample of this acknowledgement (draft, "Upon receiving an ACK", after the
     * packets).
     *
     * @param minRttNanos the connection's minimum RTT, or 0 if unknown: a sample over a shorter
     *     interval is not trusted (ACK compression would inflate it)
     * @param lostBytes in-flight bytes this ACK declared lost
     * @param priorBytesInFlight bytes in flight before the ACK
     * @param bytesInFlight bytes in flight after it
     * @return the sample, valid until the next acknowledgement
     */
    public RateSample finishAck(long minRttNanos, long lostBytes, long priorBytesInFlight, long bytesInFlight) {
        // Draft: the app-limited phase ends once its last packet is delivered.
        if (appLimitedUntilBytes != 0 && deliveredBytes > appLimitedUntilBytes) {
            appLimitedUntilBytes = 0;
        }
        sample.setTotals(deliveredBytes, sampleAckedBytes, lostBytes, priorBytesInFlight, bytesInFlight);
        if (!sampleHasNewest) {
            return sample;
        }
        long delivered = deliveredBytes - sample.priorDeliveredBytes();
        // Draft: the interval is the longer of the send and ACK phases, so neither a burst of
        // sends nor a burst of ACKs makes the rate look higher than the path delivers.
        long interval = Math.max(sampleSendElapsedNanos, sampleAckElapsedNanos);
        boolean valid = interval > 0 && delivered > 0 && (minRttNanos <= 0 || interval >= minRttNanos);
        sample.setRate(valid, delivered, interval, valid ? rate(delivered, interval) : 0);
        return sample;
    }

    /** The sample of the last acknowledgement. */
    RateSample lastSample() {
        return sample;
    }

    /**
     * {@code floor(bytes * 1e9 / nanos)} for non-negative bytes and positive nanos, saturating at
     * {@link Long#MAX_VALUE} instead of overflowing.
     */
    static long rate(long bytes, long nanos) {
        long whole = bytes / nanos;
        long rest = bytes % nanos;
        if (whole > Long.MAX_VALUE / NANOS_PER_SECOND) {
            return Long.MAX_VALUE;
        }
        // rest < nanos: rest * 1e9 fits unless the interval exceeds about 9 seconds.
        long fraction = rest <= Long.MAX_VALUE / NANOS_PER_SECOND
                ? rest * NANOS_PER_SECOND / nanos
                : (long) ((double) rest * NANOS_PER_SECOND / nanos);
        long sum = whole * NANOS_PER_SECOND + fraction;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
