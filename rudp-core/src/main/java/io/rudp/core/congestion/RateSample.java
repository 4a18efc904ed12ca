package io.rudp.core.congestion;

/**
 * What one acknowledgement taught about the path (draft-cheng-iccrg-delivery-rate-estimation,
 * "rate sample"): the delivery rate over the interval it covers, whether the sender was
 * application-limited during that interval, the round-trip time of the newest packet it
 * acknowledged, and the bytes it newly acknowledged and declared lost.
 *
 * <p>One instance is reused for every acknowledgement (no allocation per ACK); a controller reads
 * it during {@link CongestionController#onAckProcessed} and must not keep it.
 */
public final class RateSample {

    private boolean rateValid;
    private long deliveryRateBytesPerSecond;
    private long deliveredBytes;
    private long intervalNanos;
    private long priorDeliveredBytes;
    private long totalDeliveredBytes;
    private boolean appLimited;
    private long rttNanos;
    private long newlyAckedBytes;
    private long newlyLostBytes;
    private long priorBytesInFlight;
    private long bytesInFlight;

    /** An empty sample: no rate, no RTT, nothing acknowledged. */
    public RateSample() {
        clear();
    }

    /** Whether {@link #deliveryRateBytesPerSecond()} is a usable measurement. */
    public boolean isRateValid() {
        return rateValid;
    }

    /** Bytes delivered per second over the sample's interval; 0 when the rate is not valid. */
    public long deliveryRateBytesPerSecond() {
        return deliveryRateBytesPerSecond;
    }

    /** Bytes delivered during the sample's interval. */
    public long deliveredBytes() {
        return deliveredBytes;
    }

    /** The interval the rate is measured over: the longer of the send and the ACK phase. */
    public long intervalNanos() {
        return intervalNanos;
    }

    /**
     * The connection's delivered-bytes count when the newest acknowledged packet was sent; a
     * controller counts round trips with it (a round ends when this passes the count it noted).
     */
    public long priorDeliveredBytes() {
        return priorDeliveredBytes;
    }

    /** Every byte of in-flight packets the peer acknowledged so far, this ACK included. */
    public long totalDeliveredBytes() {
        return totalDeliveredBytes;
    }

    /**
     * Whether the newest acknowledged packet was sent while the sender was application-limited
     * (RFC 9002 §7.8): the rate then reflects the application, not the path.
     */
    public boolean isAppLimited() {
        return appLimited;
    }

    /** From sending the newest acknowledged packet to this ACK, ACK delay included; -1 if none. */
    public long rttNanos() {
        return rttNanos;
    }

    /** In-flight bytes this ACK newly acknowledged. */
    public long newlyAckedBytes() {
        return newlyAckedBytes;
    }

    /** In-flight bytes this ACK declared lost. */
    public long newlyLostBytes() {
        return newlyLostBytes;
    }

    /** Bytes in flight just before this ACK was processed. */
    public long priorBytesInFlight() {
        return priorBytesInFlight;
    }

    /** Bytes in flight after this ACK was processed. */
    public long bytesInFlight() {
        return bytesInFlight;
    }

    @Override
    public String toString() {
        return "RateSample{rate=" + (rateValid ? deliveryRateBytesPerSecond + " B/s" : "invalid")
                + ", delivered=" + deliveredBytes + " in " + intervalNanos + " ns"
                + (appLimited ? ", app-limited" : "") + ", rtt=" + rttNanos
                + ", acked=" + newlyAckedBytes + ", lost=" + newlyLostBytes
                + ", inFlight=" + priorBytesInFlight + "->" + bytesInFlight + '}';
    }

    // ---------------------------------------------------------------- filled by the estimator

    void clear() {
        rateValid = false;
        deliveryRateBytesPerSecond = 0;
        deliveredBytes = 0;
        intervalNanos = 0;
        priorDeliveredBytes = 0;
        totalDeliveredBytes = 0;
        appLimited = false;
        rttNanos = -1;
        newlyAckedBytes = 0;
        newlyLostBytes = 0;
        priorBytesInFlight = 0;
        bytesInFlight = 0;
    }

    void setNewestPacket(long priorDeliveredBytes, boolean appLimited, long rttNanos) {
        this.priorDeliveredBytes = priorDeliveredBytes;
        this.appLimited = appLimited;
        this.rttNanos = rttNanos;
    }

    void setRate(boolean valid, long deliveredBytes, long intervalNanos, long rateBytesPerSecond) {
        this.rateValid = valid;
        this.deliveredBytes = deliveredBytes;
        this.intervalNanos = intervalNanos;
        this.deliveryRateBytesPerSecond = valid ? rateBytesPerSecond : 0;
    }

    void setTotals(long totalDeliveredBytes, long newlyAckedBytes, long newlyLostBytes,
                   long priorBytesInFlight, long bytesInFlight) {
        this.totalDeliveredBytes = totalDeliveredBytes;
        this.newlyAckedBytes = newlyAckedBytes;
        this.newlyLostBytes = newlyLostBytes;
        this.priorBytesInFlight = priorBytesInFlight;
        this.bytesInFlight = bytesInFlight;
    }

    /**
     * A sample with the given values, for tests of controllers (which otherwise only ever see
     * samples the {@link DeliveryRateEstimator} made).
     *
     * @param rateBytesPerSecond the delivery rate; 0 or less makes the rate invalid
     * @param appLimited whether the sender was application-limited
     * @param rttNanos the round-trip time of the newest acknowledged packet, or -1
     * @param priorDeliveredBytes the delivered count when the newest acknowledged packet was sent
     * @param totalDeliveredBytes the delivered count after this ACK
     * @param newlyAckedBytes bytes this ACK acknowledged
     * @param newlyLostBytes bytes this ACK declared lost
     * @param bytesInFlight bytes in flight after this ACK
     * @return a new sample
     */
    public static RateSample of(long rateBytesPerSecond, boolean appLimited, long rttNanos,
                                long priorDeliveredBytes, long totalDeliveredBytes,
                                long newlyAckedBytes, long newlyLostBytes, long bytesInFlight) {
        RateSample s = new RateSample();
        s.setNewestPacket(priorDeliveredBytes, appLimited, rttNanos);
        s.setRate(rateBytesPerSecond > 0, Math.max(0, totalDeliveredBytes - priorDeliveredBytes), 0,
                rateBytesPerSecond);
        s.setTotals(totalDeliveredBytes, newlyAckedBytes, newlyLostBytes,
                bytesInFlight + newlyAckedBytes + newlyLostBytes, bytesInFlight);
        return s;
    }
}
