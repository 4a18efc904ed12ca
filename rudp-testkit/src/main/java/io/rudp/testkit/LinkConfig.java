package io.rudp.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * The impairments of one direction of a link, applied by {@link Impairment} (in the simulator
 * and in real-time relays). Immutable; build one with
 * {@link #builder()} or take {@link #perfect()}.
 *
 * <p>A datagram crosses a link in this order (each step draws from its own seeded random stream,
 * so turning one impairment on does not change the decisions of the others):
 *
 * <ol>
 *   <li><b>path MTU</b> ({@link Builder#maxDatagramBytes}): a datagram larger than the link
 *       carries is dropped silently, as a router with a smaller MTU and no ICMP would (counted as
 *       {@code lost}; the random streams below do not step for it);
 *   <li><b>bottleneck</b> ({@link Builder#bandwidth}): the datagram waits until the link is free
 *       and then takes {@code size * 8 / bitsPerSecond} to serialize. If the link is busy and the
 *       bytes not yet serialized plus this datagram exceed the queue limit, it is dropped
 *       (drop-tail, counted as {@code queueDropped});
 *   <li><b>burst loss</b> ({@link Builder#burstLoss}): a Gilbert-Elliott chain steps once per
 *       datagram, then a datagram in the bad state is lost with the bad-state loss rate
 *       ({@code burstLost});
 *   <li><b>random loss</b> ({@link Builder#lossRate}): independent per datagram ({@code lost});
 *   <li><b>delay</b>: the one-way propagation delay plus a jitter drawn uniformly from
 *       {@code [-jitter, +jitter]}, never below zero. Jitter may reorder datagrams;
 *   <li><b>reordering</b> ({@link Builder#reorder}): with a probability, the datagram is held back
 *       by an extra delay ({@code reordered});
 *   <li><b>duplication</b> ({@link Builder#duplicateRate}): with a probability, a second copy
 *       arrives {@value #DUPLICATE_SPACING_NANOS} ns after the first ({@code duplicated});
 *   <li><b>corruption</b> ({@link Builder#corruptRate}): each copy independently, with a
 *       probability, has exactly one random bit flipped ({@code corrupted}).
 * </ol>
 */
public final class LinkConfig {

    /** How long after the original a duplicated datagram's second copy arrives, in nanoseconds. */
    public static final long DUPLICATE_SPACING_NANOS = 1_000;

    /** The longest accepted delay, jitter, reorder delay or bottleneck drain time: one day. */
    static final long MAX_DURATION_NANOS = Duration.ofDays(1).toNanos();

    /** The largest UDP payload; a bottleneck queue must drain this much on top of its limit. */
    static final int MAX_UDP_PAYLOAD_BYTES = 65_507;

    private static final LinkConfig PERFECT = new Builder().build();

    private final double lossRate;
    private final double burstEnterBadProbability;
    private final double burstLeaveBadProbability;
    private final double burstLossRateWhileBad;
    private final long delayNanos;
    private final long jitterNanos;
    private final double reorderProbability;
    private final long reorderExtraDelayNanos;
    private final double duplicateRate;
    private final double corruptRate;
    private final long bandwidthBitsPerSecond;
    private final int queueLimitBytes;
    private final int maxDatagramBytes;

    private LinkConfig(Builder b) {
        this.lossRate = b.lossRate;
        this.burstEnterBadProbability = b.burstEnterBadProbability;
        this.burstLeaveBadProbability = b.burstLeaveBadProbability;
        this.burstLossRateWhileBad = b.burstLossRateWhileBad;
        this.delayNanos = b.delayNanos;
        this.jitterNanos = b.jitterNanos;
        this.reorderProbability = b.reorderProbability;
        this.reorderExtraDelayNanos = b.reorderExtraDelayNanos;
        this.duplicateRate = b.duplicateRate;
        this.corruptRate = b.corruptRate;
        this.bandwidthBitsPerSecond = b.bandwidthBitsPerSecond;
        this.queueLimitBytes = b.queueLimitBytes;
        this.maxDatagramBytes = b.maxDatagramBytes;
    }

    /** A link with no impairment and no delay: every datagram arrives at the instant it is sent. */
    public static LinkConfig perfect() {
        return PERFECT;
    }

    /** A builder starting from a perfect link. */
    public static Builder builder() {
        return new Builder();
    }

    /** Probability in [0, 1] that a datagram is lost independently of any other. */
    public double lossRate() {
        return lossRate;
    }

    /** Gilbert-Elliott: probability in [0, 1], per datagram, of moving from good to bad. */
    public double burstEnterBadProbability() {
        return burstEnterBadProbability;
    }

    /** Gilbert-Elliott: probability in [0, 1], per datagram, of moving from bad to good. */
    public double burstLeaveBadProbability() {
        return burstLeaveBadProbability;
    }

    /** Gilbert-Elliott: probability in [0, 1] that a datagram is lost while the chain is bad. */
    public double burstLossRateWhileBad() {
        return burstLossRateWhileBad;
    }

    /** One-way propagation delay in nanoseconds. */
    public long delayNanos() {
        return delayNanos;
    }

    /** Maximum deviation, either way, from {@link #delayNanos()}, in nanoseconds. */
    public long jitterNanos() {
        return jitterNanos;
    }

    /** Probability in [0, 1] that a datagram is held back by {@link #reorderExtraDelayNanos()}. */
    public double reorderProbability() {
        return reorderProbability;
    }

    /** Extra delay of a held-back datagram, in nanoseconds. */
    public long reorderExtraDelayNanos() {
        return reorderExtraDelayNanos;
    }

    /** Probability in [0, 1] that a datagram is delivered twice. */
    public double duplicateRate() {
        return duplicateRate;
    }

    /** Probability in [0, 1] that a delivered copy has one bit flipped. */
    public double corruptRate() {
        return corruptRate;
    }

    /** Bottleneck rate in bits per second; 0 means unlimited. */
    public long bandwidthBitsPerSecond() {
        return bandwidthBitsPerSecond;
    }

    /** Drop-tail queue limit of the bottleneck in bytes; meaningful only with a bandwidth. */
    public int queueLimitBytes() {
        return queueLimitBytes;
    }

    /** The largest UDP payload the link carries; larger datagrams are dropped. Default 65,507 (no limit). */
    public int maxDatagramBytes() {
        return maxDatagramBytes;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LinkConfig)) {
            return false;
        }
        LinkConfig c = (LinkConfig) o;
        return Double.compare(lossRate, c.lossRate) == 0
                && Double.compare(burstEnterBadProbability, c.burstEnterBadProbability) == 0
                && Double.compare(burstLeaveBadProbability, c.burstLeaveBadProbability) == 0
                && Double.compare(burstLossRateWhileBad, c.burstLossRateWhileBad) == 0
                && delayNanos == c.delayNanos
                && jitterNanos == c.jitterNanos
                && Double.compare(reorderProbability, c.reorderProbability) == 0
                && reorderExtraDelayNanos == c.reorderExtraDelayNanos
                && Double.compare(duplicateRate, c.duplicateRate) == 0
                && Double.compare(corruptRate, c.corruptRate) == 0
                && bandwidthBitsPerSecond == c.bandwidthBitsPerSecond
                && queueLimitBytes == c.queueLimitBytes
                && maxDatagramBytes == c.maxDatagramBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lossRate, burstEnterBadProbability, burstLeaveBadProbability,
                burstLossRateWhileBad, delayNanos, jitterNanos, reorderProbability,
                reorderExtraDelayNanos, duplicateRate, corruptRate, bandwidthBitsPerSecond,
                queueLimitBytes, maxDatagramBytes);
    }

    @Override
    public String toString() {
        return "LinkConfig[loss=" + lossRate
                + ", burst(enterBad=" + burstEnterBadProbability
                + ", leaveBad=" + burstLeaveBadProbability
                + ", lossWhileBad=" + burstLossRateWhileBad
                + "), delayNanos=" + delayNanos
                + ", jitterNanos=" + jitterNanos
                + ", reorder(p=" + reorderProbability
                + ", extraDelayNanos=" + reorderExtraDelayNanos
                + "), duplicate=" + duplicateRate
                + ", corrupt=" + corruptRate
                + ", bandwidthBitsPerSecond=" + bandwidthBitsPerSecond
                + ", queueLimitBytes=" + queueLimitBytes
                + (maxDatagramBytes < MAX_UDP_PAYLOAD_BYTES ? ", maxDatagramBytes=" + maxDatagramBytes : "") + "]";
    }

    /**
     * Builds a {@link LinkConfig}. Every setter validates its arguments at once and throws
     * {@link IllegalArgumentException} naming the bad value; unset impairments stay off.
     */
    public static final class Builder {
        private double lossRate;
        private double burstEnterBadProbability;
        private double burstLeaveBadProbability;
        private double burstLossRateWhileBad;
        private long delayNanos;
        private long jitterNanos;
        private double reorderProbability;
        private long reorderExtraDelayNanos;
        private double duplicateRate;
        private double corruptRate;
        private long bandwidthBitsPerSecond;
        private int queueLimitBytes;
        private int maxDatagramBytes = MAX_UDP_PAYLOAD_BYTES;

        private Builder() {
        }

        /**
         * The path MTU as a UDP payload size: datagrams larger than {@code bytes} are dropped
         * silently (a black hole for them). 1 to 65,507; default 65,507 (every datagram passes).
         */
        public Builder maxDatagramBytes(int bytes) {
            if (bytes < 1 || bytes > MAX_UDP_PAYLOAD_BYTES) {
                throw new IllegalArgumentException("maxDatagramBytes must be between 1 and "
                        + MAX_UDP_PAYLOAD_BYTES + ", got " + bytes);
            }
            this.maxDatagramBytes = bytes;
            return this;
        }

        /** Independent loss: each datagram is lost with this probability, in [0, 1]. */
        public Builder lossRate(double probability) {
            this.lossRate = probability("lossRate", probability);
            return this;
        }

        /**
         * Burst loss after Gilbert-Elliott: a two-state chain that steps once per datagram.
         *
         * @param enterBadProbability chance, per datagram, of going from good to bad, in [0, 1]
         * @param leaveBadProbability chance, per datagram, of going from bad to good, in [0, 1]
         *     (0 with a positive enter probability makes the link fail for good once it turns bad)
         * @param lossRateWhileBad chance that a datagram is lost while bad, in [0, 1]
         */
        public Builder burstLoss(double enterBadProbability, double leaveBadProbability,
                double lossRateWhileBad) {
            this.burstEnterBadProbability = probability("burstLoss enterBadProbability",
                    enterBadProbability);
            this.burstLeaveBadProbability = probability("burstLoss leaveBadProbability",
                    leaveBadProbability);
            this.burstLossRateWhileBad = probability("burstLoss lossRateWhileBad",
                    lossRateWhileBad);
            return this;
        }

        /** One-way propagation delay, at least zero and at most one day. */
        public Builder delay(Duration delay) {
            return delayNanos(nanos("delay", delay));
        }

        /** One-way propagation delay in nanoseconds, at least zero and at most one day. */
        public Builder delayNanos(long nanos) {
            this.delayNanos = duration("delay", nanos);
            return this;
        }

        /**
         * Jitter: each datagram's delay deviates from the configured delay by a uniform amount in
         * {@code [-jitter, +jitter]} (the result is never below zero). May reorder datagrams.
         */
        public Builder jitter(Duration jitter) {
            this.jitterNanos = duration("jitter", nanos("jitter", jitter));
            return this;
        }

        /**
         * Reordering: with {@code probability} in [0, 1], a datagram is held back by
         * {@code extraDelay} (positive when the probability is), so later ones overtake it.
         */
        public Builder reorder(double probability, Duration extraDelay) {
            double p = probability("reorder probability", probability);
            long extra = duration("reorder extraDelay", nanos("reorder extraDelay", extraDelay));
            if (p > 0 && extra == 0) {
                throw new IllegalArgumentException(
                        "reorder extraDelay must be positive when the probability is " + p
                                + " (a zero hold-back reorders nothing)");
            }
            this.reorderProbability = p;
            this.reorderExtraDelayNanos = extra;
            return this;
        }

        /** Duplication: a datagram arrives twice with this probability, in [0, 1]. */
        public Builder duplicateRate(double probability) {
            this.duplicateRate = probability("duplicateRate", probability);
            return this;
        }

        /** Corruption: a delivered copy gets one random bit flipped with this probability. */
        public Builder corruptRate(double probability) {
            this.corruptRate = probability("corruptRate", probability);
            return this;
        }

        /**
         * A bottleneck of {@code bitsPerSecond} (0 = unlimited, the default) with a drop-tail
         * queue of {@code queueLimitBytes} (positive when a bandwidth is set). The queue plus one
         * largest datagram must drain within one day.
         */
        public Builder bandwidth(long bitsPerSecond, int queueLimitBytes) {
            if (bitsPerSecond < 0) {
                throw new IllegalArgumentException(
                        "bandwidth bitsPerSecond must be >= 0 (0 = unlimited), got "
                                + bitsPerSecond);
            }
            if (queueLimitBytes < 0 || (bitsPerSecond > 0 && queueLimitBytes == 0)) {
                throw new IllegalArgumentException("bandwidth queueLimitBytes must be > 0 when a "
                        + "bandwidth is set (and never negative), got " + queueLimitBytes);
            }
            if (bitsPerSecond > 0) {
                double drainNanos = ((double) queueLimitBytes + MAX_UDP_PAYLOAD_BYTES) * 8e9
                        / bitsPerSecond;
                if (drainNanos > MAX_DURATION_NANOS) {
                    throw new IllegalArgumentException("bandwidth queue of " + queueLimitBytes
                            + " bytes at " + bitsPerSecond
                            + " bit/s would take more than one day to drain");
                }
            }
            this.bandwidthBitsPerSecond = bitsPerSecond;
            this.queueLimitBytes = queueLimitBytes;
            return this;
        }

        /** The immutable configuration. The builder may be reused afterwards. */
        public LinkConfig build() {
            return new LinkConfig(this);
        }

        private static double probability(String name, double value) {
            if (!(value >= 0.0 && value <= 1.0)) { // also rejects NaN
                throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
            }
            return value;
        }

        private static long nanos(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + value);
            }
            if (value.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException(name + " must be at most one day, got "
                        + value);
            }
            return value.toNanos();
        }

        private static long duration(String name, long nanos) {
            if (nanos < 0) {
                throw new IllegalArgumentException(name + " must not be negative, got " + nanos
                        + " ns");
            }
            if (nanos > MAX_DURATION_NANOS) {
                throw new IllegalArgumentException(name + " must be at most one day, got "
                        + nanos + " ns");
            }
            return nanos;
        }
    }
}
