package io.rudp.core.loss;

import io.rudp.core.path.RttEstimator;
import io.rudp.core.util.Durations;

/**
 * The probe timeout schedule of one connection (RFC 9002 §6.2): the period from the RTT estimate
 * and the peer's max_ack_delay (§6.2.1), kept within the configured bounds, doubled with each
 * consecutive timeout up to a backoff ceiling, and how many probes each timeout calls for
 * (§6.2.4). The {@code LossDetector} decides when the timer is armed and counts the timeouts
 * here. Not thread-safe.
 */
final class ProbeTimeout {

    /** See {@code LossDetector.MAX_PROBE_BACKOFF_NANOS}: 500 ms. */
    static final long MAX_BACKOFF_NANOS = 500_000_000L;

    private final RttEstimator rtt;
    private final long minPeriodNanos;
    private final long maxPeriodNanos;
    private long peerMaxAckDelayNanos;
    /** RFC 9002 A.3 pto_count: consecutive probe timeouts since the last newly acknowledged packet. */
    private int count;

    /**
     * @param rtt the RTT estimator the period is computed from
     * @param peerMaxAckDelayNanos the peer's max_ack_delay (negative counts as zero)
     * @param minPeriodNanos the shortest period; positive
     * @param maxPeriodNanos the longest period, backoff included; at least the minimum
     * @throws IllegalArgumentException if the bounds are not as described
     */
    ProbeTimeout(RttEstimator rtt, long peerMaxAckDelayNanos, long minPeriodNanos, long maxPeriodNanos) {
        if (minPeriodNanos <= 0 || maxPeriodNanos < minPeriodNanos) {
            throw new IllegalArgumentException("need 0 < minProbeTimeoutNanos <= maxProbeTimeoutNanos: "
                    + minPeriodNanos + ", " + maxPeriodNanos);
        }
        this.rtt = rtt;
        this.minPeriodNanos = minPeriodNanos;
        this.maxPeriodNanos = maxPeriodNanos;
        this.peerMaxAckDelayNanos = Durations.nonNegative(peerMaxAckDelayNanos);
    }

    /** The peer's max_ack_delay, never negative. */
    long peerMaxAckDelayNanos() {
        return peerMaxAckDelayNanos;
    }

    /** Sets the peer's max_ack_delay (negative counts as zero). */
    void setPeerMaxAckDelayNanos(long nanos) {
        this.peerMaxAckDelayNanos = Durations.nonNegative(nanos);
    }

    /**
     * RFC 9002 §6.2.1: {@code smoothed_rtt + max(4 * rttvar, kGranularity) + max_ack_delay},
     * without bounds or backoff (the unit of the §7.6.1 persistent congestion duration).
     */
    long basePeriodNanos() {
        return rtt.probeTimeoutBaseNanos(peerMaxAckDelayNanos);
    }

    /** RFC 9002 A.3 pto_count. */
    int count() {
        return count;
    }

    /** A probe timeout fired (RFC 9002 A.9: pto_count++, saturating). */
    void onTimeout() {
        if (count < Integer.MAX_VALUE) {
            count++;
        }
    }

    /** An acknowledgement newly acknowledged a packet, or all was discarded (RFC 9002 A.7: pto_count = 0). */
    void reset() {
        count = 0;
    }

    /** The period with backoff (RFC 9002 §6.2.1, A.8 GetPtoTimeAndSpace). */
    long periodNanos() {
        long period = unbackedOffPeriodNanos();
        if (count == 0) {
            return period;
        }
        // RFC 9002 §6.2.1: the period doubles with each consecutive PTO, here up to the backoff ceiling.
        long ceiling = backoffCeilingNanos(period);
        if (count >= Long.SIZE - 1 || period > (ceiling >> count)) {
            return ceiling;
        }
        return Math.min(period << count, ceiling);
    }

    /**
     * How many probes the timeout that just fired calls for (RFC 9002 §6.2.4 allows one or two):
     * two while the period is still doubling, one from the second consecutive timeout on once the
     * period has reached the backoff ceiling, where probes follow each other closely enough that
     * a lost one is soon replaced.
     */
    int probesDue() {
        if (count < 2) {
            return 2;
        }
        return periodNanos() >= backoffCeilingNanos(unbackedOffPeriodNanos()) ? 1 : 2;
    }

    /** The §6.2.1 period within the configured bounds, before backoff. */
    private long unbackedOffPeriodNanos() {
        return Math.min(Math.max(basePeriodNanos(), minPeriodNanos), maxPeriodNanos);
    }

    /**
     * How far apart consecutive probes get at most: {@code max(MAX_BACKOFF_NANOS, period)} for an
     * un-backed-off period, never above the configured maximum. Liveness is a matter of time
     * elsewhere (the peer timeout), so backoff only has to keep probing cheap (docs/DESIGN.md,
     * "Probe backoff").
     */
    private long backoffCeilingNanos(long periodNanos) {
        return Math.min(maxPeriodNanos, Math.max(MAX_BACKOFF_NANOS, periodNanos));
    }
}
