package io.rudp.core.path;

import io.rudp.core.util.Durations;

/**
 * Round-trip time estimation as RFC 9002 §5 describes it: the latest sample, the minimum, an
 * exponentially weighted smoothed RTT and its mean deviation.
 *
 * <p>All values are in nanoseconds. Before the first sample the smoothed RTT is the configured
 * initial RTT and the variation half of it (RFC 9002 §6.2.2); the minimum and latest RTT read 0
 * (RFC 9002 Appendix A.4). Not thread-safe.
 */
public final class RttEstimator {

    /** RFC 9002 §6.1.2 kGranularity: the timer granularity, 1 ms. */
    public static final long GRANULARITY_NANOS = 1_000_000;

    private long latestRttNanos;
    private long smoothedRttNanos;
    private long rttVarNanos;
    private long minRttNanos;
    private boolean hasSample;

    /**
     * Creates an estimator with no sample yet.
     *
     * @param initialRttNanos the RTT assumed until the first sample (RFC 9002 §6.2.2 suggests
     *     333 ms); must be positive
     * @throws IllegalArgumentException if {@code initialRttNanos} is not positive
     */
    public RttEstimator(long initialRttNanos) {
        if (initialRttNanos <= 0) {
            throw new IllegalArgumentException("initialRttNanos must be positive: " + initialRttNanos);
        }
        // RFC 9002 §6.2.2 and A.4: smoothed_rtt = kInitialRtt, rttvar = kInitialRtt / 2.
        this.smoothedRttNanos = initialRttNanos;
        this.rttVarNanos = initialRttNanos / 2;
    }

    /**
     * Takes one RTT sample (RFC 9002 §5.3, Appendix A.7 UpdateRtt).
     *
     * <p>The first sample sets the estimate outright and ignores the ACK delay. Later samples
     * subtract the peer's ACK delay, capped at {@code maxAckDelayNanos}, but only if that leaves
     * the sample at or above the minimum RTT. The minimum RTT never subtracts ACK delay. Negative
     * inputs count as zero.
     *
     * @param latestRttNanos time from sending the largest newly acknowledged packet to receiving
     *     its acknowledgement
     * @param ackDelayNanos the ACK Delay the peer reported
     * @param maxAckDelayNanos the peer's max_ack_delay transport parameter
     */
    public void onSample(long latestRttNanos, long ackDelayNanos, long maxAckDelayNanos) {
        long latest = Durations.nonNegative(latestRttNanos);
        this.latestRttNanos = latest;
        if (!hasSample) {
            // RFC 9002 §5.3: the first sample initialises the estimator.
            minRttNanos = latest;
            smoothedRttNanos = latest;
            rttVarNanos = latest / 2;
            hasSample = true;
            return;
        }
        // RFC 9002 §5.2: min_rtt is the minimum of latest_rtt, without ack delay adjustment.
        minRttNanos = Math.min(minRttNanos, latest);
        // RFC 9002 §5.3: ack_delay = min(ack_delay, max_ack_delay) once the handshake is confirmed
        // (our numbered packets only flow after it).
        long ackDelay = Math.min(Durations.nonNegative(ackDelayNanos), Durations.nonNegative(maxAckDelayNanos));
        // RFC 9002 §5.3: subtract ack delay only if the result does not fall below min_rtt.
        long adjusted = latest;
        if (latest >= Durations.add(minRttNanos, ackDelay)) {
            adjusted = latest - ackDelay;
        }
        // RFC 9002 §5.3: rttvar = 3/4 rttvar + 1/4 |smoothed_rtt - adjusted_rtt| (old smoothed_rtt).
        long deviation = Math.abs(smoothedRttNanos - adjusted);
        rttVarNanos = rttVarNanos + (deviation - rttVarNanos) / 4;
        // RFC 9002 §5.3: smoothed_rtt = 7/8 smoothed_rtt + 1/8 adjusted_rtt.
        smoothedRttNanos = smoothedRttNanos + (adjusted - smoothedRttNanos) / 8;
    }

    /**
     * Persistent congestion was established: the minimum RTT restarts from the newest sample
     * (RFC 9002 §5.2), so a path that got longer is not judged by its old minimum.
     */
    public void onPersistentCongestion() {
        if (hasSample) {
            // RFC 9002 §5.2: set min_rtt to the newest RTT sample after persistent congestion.
            minRttNanos = latestRttNanos;
        }
    }

    /** Whether at least one sample has been taken. */
    public boolean hasSample() {
        return hasSample;
    }

    /** The smoothed RTT (RFC 9002 §5.3); the initial RTT before any sample. */
    public long smoothedRttNanos() {
        return smoothedRttNanos;
    }

    /** The RTT variation (RFC 9002 §5.3); half the initial RTT before any sample. */
    public long rttVarNanos() {
        return rttVarNanos;
    }

    /** The minimum RTT seen (RFC 9002 §5.2); 0 before any sample. */
    public long minRttNanos() {
        return minRttNanos;
    }

    /** The most recent sample (RFC 9002 §5.1); 0 before any sample. */
    public long latestRttNanos() {
        return latestRttNanos;
    }

    /**
     * The probe timeout before backoff: {@code smoothed_rtt + max(4 * rttvar, kGranularity) +
     * max_ack_delay} (RFC 9002 §6.2.1), saturating at {@link Long#MAX_VALUE}.
     *
     * @param maxAckDelayNanos the peer's max_ack_delay; negative counts as zero
     */
    public long probeTimeoutBaseNanos(long maxAckDelayNanos) {
        // RFC 9002 §6.2.1: PTO = smoothed_rtt + max(4*rttvar, kGranularity) + max_ack_delay.
        long variance = Math.max(Durations.multiply(rttVarNanos, 4), GRANULARITY_NANOS);
        return Durations.add(Durations.add(smoothedRttNanos, variance), Durations.nonNegative(maxAckDelayNanos));
    }
}
