package io.rudp.core.util;

/**
 * Wrap-safe comparisons of {@code long} nanosecond readings, whose origin is arbitrary and which
 * may wrap past {@link Long#MAX_VALUE}: two readings are compared by the sign of their
 * difference, never with {@code <}, as for any monotonic nanosecond clock.
 *
 * <p>{@link Long#MAX_VALUE} is the engine's "no deadline" sentinel
 * ({@code DatagramEngine.NO_DEADLINE}). Every method here checks it explicitly before any
 * arithmetic and treats it as later than every real time, so {@code isAtOrAfter(now,
 * NO_DEADLINE)} is {@code false} whatever {@code now} is. For any two values other than the
 * sentinel, {@code isBefore(a, b)} is exactly {@code a - b < 0}.
 */
public final class TimeMath {

    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private TimeMath() {
    }

    /**
     * Tells whether {@code aNanos} comes strictly before {@code bNanos}.
     *
     * @param aNanos a time reading, or the sentinel {@code Long.MAX_VALUE} (never before anything)
     * @param bNanos a time reading, or the sentinel {@code Long.MAX_VALUE} (after every reading)
     * @return {@code a - b < 0} for real readings; with the sentinel, {@code true} exactly when
     *     only {@code bNanos} is the sentinel
     */
    public static boolean isBefore(long aNanos, long bNanos) {
        if (aNanos == NO_DEADLINE) {
            return false;
        }
        if (bNanos == NO_DEADLINE) {
            return true;
        }
        return aNanos - bNanos < 0;
    }

    /**
     * Tells whether {@code aNanos} is at or after {@code bNanos}: the negation of
     * {@link #isBefore}. Typical use: {@code isAtOrAfter(nowNanos, deadlineNanos)} asks whether a
     * deadline has come; it never has when the deadline is the sentinel.
     *
     * @param aNanos a time reading, or the sentinel
     * @param bNanos a time reading, or the sentinel
     * @return {@code !isBefore(aNanos, bNanos)}
     */
    public static boolean isAtOrAfter(long aNanos, long bNanos) {
        return !isBefore(aNanos, bNanos);
    }

    /**
     * Returns the earlier of two deadlines, wrap-safe; the sentinel {@code Long.MAX_VALUE}
     * ("none") loses to any real time.
     *
     * @param a a deadline, or the sentinel
     * @param b a deadline, or the sentinel
     * @return the earlier one; the sentinel only if both are the sentinel
     */
    public static long earliest(long a, long b) {
        return isBefore(b, a) ? b : a;
    }
}
