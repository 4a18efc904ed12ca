package io.rudp.core.congestion;

import io.rudp.core.util.Durations;

/**
 * The model-based controller's answer to congestion it cannot model: an upper bound on data in
 * flight (after the BBRv2 idea of {@code inflight_hi}), judged once per round trip.
 *
 * <p>A round is <em>congestive</em> when it lost at least {@value #MIN_LOST_DATAGRAMS} datagrams
 * and either more than {@link BbrController#HEAVY_LOSS_RATE} of its data, or more than
 * {@link BbrController#QUEUE_LOSS_RATE} while a queue stood all round (its smallest RTT at least
 * {@link BbrController#STANDING_QUEUE_RTT_FACTOR} x the minimum). Random loss comes without a
 * standing queue and, below the heavy rate, never counts. A congestive round (or persistent
 * congestion, RFC 9002 §7.6) sets the bound to {@value #LOSS_BETA} x the most that was in flight
 * in it (persistent congestion: the minimum window); each later round that the bound limited and
 * that was not congestive raises it by 1, 2, 4 ... datagrams. Not thread-safe.
 */
final class InflightBound {

    /** Fewer lost datagrams than this in a round never count as congestion (too few to tell). */
    static final int MIN_LOST_DATAGRAMS = 3;
    /** A congestive round caps in flight at this fraction of what was in flight. */
    static final double LOSS_BETA = 0.7;
    /** Weight of one round in the random-loss average (an exponentially weighted mean). */
    static final double RANDOM_LOSS_WEIGHT = 1.0 / 8;

    private final int maxDatagramBytes;
    private final long minimumWindowBytes;
    private long boundBytes = Long.MAX_VALUE;
    private long probeStepBytes;
    private long roundLostBytes;
    private long roundAckedBytes;
    private long roundMaxInFlightBytes;
    private long roundMinRttNanos = Long.MAX_VALUE;
    /** Average fraction of data lost in rounds without congestion or a standing queue. */
    private double randomLossFraction;

    InflightBound(int maxDatagramBytes, long minimumWindowBytes) {
        this.maxDatagramBytes = maxDatagramBytes;
        this.minimumWindowBytes = minimumWindowBytes;
        this.probeStepBytes = maxDatagramBytes;
    }

    /** The bound; {@link Long#MAX_VALUE} while there is none. */
    long boundBytes() {
        return boundBytes;
    }

    /**
     * The fraction of data that random loss takes, averaged over rounds: each round that was not
     * congestive and had no standing queue contributes its loss fraction; other rounds count as
     * loss-free (their loss is the queue's, not the path's).
     */
    double randomLossFraction() {
        return randomLossFraction;
    }

    /** In-flight bytes were declared lost. */
    void onLoss(long lostBytes) {
        roundLostBytes += Math.max(0, lostBytes);
    }

    /** Persistent congestion (RFC 9002 §7.6.2): the bound collapses to the minimum window. */
    void onPersistentCongestion() {
        boundBytes = minimumWindowBytes;
        probeStepBytes = maxDatagramBytes;
    }

    /** An acknowledgement: what it acknowledged, what was in flight before it, its RTT (-1: none). */
    void onAck(long ackedBytes, long priorInFlightBytes, long rttNanos) {
        roundAckedBytes += Math.max(0, ackedBytes);
        roundMaxInFlightBytes = Math.max(roundMaxInFlightBytes, priorInFlightBytes);
        if (rttNanos >= 0) {
            roundMinRttNanos = Math.min(roundMinRttNanos, rttNanos);
        }
    }

    /**
     * A round trip ended: judges it and starts the next.
     *
     * @param minRttNanos the path's minimum RTT, or 0 if unknown
     * @return whether the round was congestive
     */
    boolean onRoundEnd(long minRttNanos) {
        long lost = roundLostBytes;
        long total = lost + roundAckedBytes;
        boolean standingQueue = minRttNanos > 0 && roundMinRttNanos != Long.MAX_VALUE
                && roundMinRttNanos >= BbrController.STANDING_QUEUE_RTT_FACTOR * minRttNanos;
        boolean congestive = lost >= (long) MIN_LOST_DATAGRAMS * maxDatagramBytes
                && (lost > BbrController.HEAVY_LOSS_RATE * total
                        || (standingQueue && lost > BbrController.QUEUE_LOSS_RATE * total));
        if (congestive) {
            long reference = Math.min(boundBytes, Math.max(roundMaxInFlightBytes, minimumWindowBytes));
            boundBytes = Math.max(minimumWindowBytes, (long) (LOSS_BETA * reference));
            probeStepBytes = maxDatagramBytes;
        } else if (boundBytes != Long.MAX_VALUE && roundMaxInFlightBytes + maxDatagramBytes >= boundBytes) {
            // The bound limited this round and loss stayed low: probe upwards, faster each round.
            boundBytes = Durations.add(boundBytes, probeStepBytes);
            probeStepBytes = Math.min(Durations.multiply(probeStepBytes, 2), Long.MAX_VALUE / 4);
        }
        if (total > 0) {
            double sample = congestive || standingQueue ? 0 : (double) lost / total;
            randomLossFraction += RANDOM_LOSS_WEIGHT * (sample - randomLossFraction);
        }
        roundLostBytes = 0;
        roundAckedBytes = 0;
        roundMaxInFlightBytes = 0;
        roundMinRttNanos = Long.MAX_VALUE;
        return congestive;
    }
}
