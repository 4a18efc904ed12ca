package io.rudp.core.loss;

/**
 * Recognises persistent congestion in one batch of lost packets, walked in sending order
 * (RFC 9002 §7.6.2): two lost ack-eliciting packets, both sent after the first RTT sample, sent
 * more than the persistent congestion duration apart, with no packet sent between them
 * acknowledged.
 */
final class PersistentCongestion {

    private boolean firstRttSampleTimeKnown;
    private long firstRttSampleNanos;

    private boolean rttSampled;
    private long durationNanos;
    private boolean periodStarted;
    private long periodStartNanos;
    private boolean established;

    /** RFC 9002 A.7 UpdateRtt: first_rtt_sample = now(). */
    void onFirstRttSample(long nowNanos) {
        firstRttSampleTimeKnown = true;
        firstRttSampleNanos = nowNanos;
    }

    /**
     * Starts a batch of losses.
     *
     * @param durationNanos the persistent congestion duration (RFC 9002 §7.6.1)
     * @param rttSampled whether an RTT sample exists; without one nothing counts (§7.6.2)
     */
    void startBatch(long durationNanos, boolean rttSampled) {
        this.durationNanos = durationNanos;
        this.rttSampled = rttSampled;
        this.periodStarted = false;
        this.established = false;
    }

    /** A packet sent after the lost ones so far was acknowledged: a period must start afresh. */
    void onAcknowledgedInBetween() {
        periodStarted = false;
    }

    /** The next lost packet of the batch, in sending order. */
    void onLost(SentPacket packet) {
        if (!packet.ackEliciting || !packet.inFlight || !sentAfterFirstRttSample(packet)) {
            return;
        }
        if (!periodStarted) {
            periodStarted = true;
            periodStartNanos = packet.sentTimeNanos;
        } else if (packet.sentTimeNanos - periodStartNanos > durationNanos) {
            // RFC 9002 §7.6.2: the lost packets span more than the duration.
            established = true;
        }
    }

    /** Whether the batch so far establishes persistent congestion. */
    boolean established() {
        return established;
    }

    /** RFC 9002 §7.6.2: only packets sent after the first RTT sample count. */
    private boolean sentAfterFirstRttSample(SentPacket packet) {
        if (!rttSampled) {
            return false;
        }
        // An estimator that came with a sample: every packet the detector saw was sent after it.
        return !firstRttSampleTimeKnown || packet.sentTimeNanos - firstRttSampleNanos > 0;
    }
}
