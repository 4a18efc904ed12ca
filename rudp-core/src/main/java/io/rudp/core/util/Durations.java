package io.rudp.core.util;

/**
 * Saturating arithmetic on non-negative durations in nanoseconds, and the one rule for turning an
 * absolute time into a deadline.
 *
 * <p>Durations here derive from values a peer chooses (its ACK delay, its max_ack_delay), so every
 * sum and product saturates at {@link Long#MAX_VALUE} instead of wrapping. Absolute times are
 * different: their origin is arbitrary and they wrap on purpose, so they are only ever compared
 * as {@code a - b < 0}.
 */
public final class Durations {

    private Durations() {
    }

    /** {@code a + b} for non-negative durations, saturating at {@link Long#MAX_VALUE}. */
    public static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** {@code a * factor} for a non-negative duration and a small positive factor, saturating. */
    public static long multiply(long a, int factor) {
        return a > Long.MAX_VALUE / factor ? Long.MAX_VALUE : a * factor;
    }

    /** A negative duration (a caller or peer oddity) is taken as zero. */
    public static long nonNegative(long nanos) {
        return Math.max(0L, nanos);
    }

    /**
     * The absolute time {@code startNanos + durationNanos} as a deadline. Absolute times wrap, so
     * the sum may land anywhere, including on {@link Long#MAX_VALUE}, which callers read as "no
     * deadline"; that one value is moved back by a nanosecond.
     */
    public static long deadline(long startNanos, long durationNanos) {
        long at = startNanos + durationNanos;
        return at == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : at;
    }
}
