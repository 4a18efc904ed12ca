package io.rudp.core.congestion;

/**
 * Spreads ack-eliciting packets over time at the congestion controller's pacing rate (RFC 9002
 * §7.7): a token bucket, in bytes, refilled at the rate and holding at most a small burst.
 *
 * <p>The burst is what the rate allows in {@value #BURST_NANOS} ns, but at least
 * {@value #MIN_BURST_DATAGRAMS} datagrams: drivers wake up with about a millisecond's
 * granularity, and a bucket smaller than that would leave the path idle between wake-ups. An
 * unpaced packet (a probe, RFC 9002 §6.2.4) still takes its tokens, so the bucket can run below
 * zero, never below minus one burst.
 *
 * <p>Arithmetic is exact: the fraction of a byte earned between calls is carried over, so the
 * long-run rate is the configured one whatever the call pattern. Times are compared wrap-safe.
 * Not thread-safe; no clock of its own.
 */
public final class Pacer {

    /** The burst allowance as a duration at the pacing rate: one millisecond. */
    public static final long BURST_NANOS = 1_000_000L;
    /** The burst allowance never holds fewer datagrams than this. */
    public static final int MIN_BURST_DATAGRAMS = 2;
    /** Rates at or above this (8 Tbit/s) are not paced at all; it keeps the arithmetic in range. */
    static final long MAX_PACED_RATE_BYTES_PER_SECOND = 1_000_000_000_000L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int maxDatagramBytes;
    private boolean started;
    private long tokenBytes;
    /** Earned but not yet whole bytes, in units of 1e-9 byte (always below one byte). */
    private long remainderNanoBytes;
    private long lastRefillNanos;

    /**
     * Creates a pacer whose bucket starts full on first use.
     *
     * @param maxDatagramBytes the largest datagram the connection sends; positive
     * @throws IllegalArgumentException if {@code maxDatagramBytes} is not positive
     */
    public Pacer(int maxDatagramBytes) {
        if (maxDatagramBytes <= 0) {
            throw new IllegalArgumentException("maxDatagramBytes must be positive: " + maxDatagramBytes);
        }
        this.maxDatagramBytes = maxDatagramBytes;
    }

    /**
     * The bucket's capacity at {@code rateBytesPerSecond}: one millisecond's worth, at least two
     * datagrams.
     */
    public long burstBytes(long rateBytesPerSecond) {
        long perBurst = effectiveRate(rateBytesPerSecond) / (NANOS_PER_SECOND / BURST_NANOS);
        return Math.max(perBurst, (long) MIN_BURST_DATAGRAMS * maxDatagramBytes);
    }

    /**
     * The earliest time a packet of {@code packetBytes} may be sent: {@code nowNanos} if the
     * bucket holds enough (or the rate is not paced), otherwise the moment it will, always
     * strictly later than {@code nowNanos} and never {@link Long#MAX_VALUE}.
     *
     * @param nowNanos the current time
     * @param rateBytesPerSecond the pacing rate; below 1 counts as 1, {@link
     *     CongestionController#UNPACED} (or anything at or above 8 Tbit/s) means no pacing
     * @param packetBytes the size of the packet to send, at most the maximum datagram size
     */
    public long nextSendTimeNanos(long nowNanos, long rateBytesPerSecond, int packetBytes) {
        if (isUnpaced(rateBytesPerSecond)) {
            started = false;
            return nowNanos;
        }
        long rate = effectiveRate(rateBytesPerSecond);
        refill(nowNanos, rate);
        long needBytes = Math.min(packetBytes, burstBytes(rate)) - tokenBytes;
        if (needBytes <= 0) {
            return nowNanos;
        }
        // The wait after which refill() will have earned needBytes: ceil((need * 1e9 - remainder) / rate).
        long needNanoBytes = needBytes * NANOS_PER_SECOND - remainderNanoBytes;
        long waitNanos = Math.max(1, ceilDiv(needNanoBytes, rate));
        long at = nowNanos + waitNanos;
        return at == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : at;
    }

    /** Whether a packet of {@code packetBytes} may be sent now: {@link #nextSendTimeNanos} is now. */
    public boolean canSend(long nowNanos, long rateBytesPerSecond, int packetBytes) {
        return nextSendTimeNanos(nowNanos, rateBytesPerSecond, packetBytes) == nowNanos;
    }

    /**
     * An ack-eliciting packet of {@code sizeBytes} was sent, paced or not: it takes its tokens.
     *
     * @param nowNanos the send time
     * @param rateBytesPerSecond the pacing rate in force
     * @param sizeBytes the packet's size
     */
    public void onPacketSent(long nowNanos, long rateBytesPerSecond, int sizeBytes) {
        if (isUnpaced(rateBytesPerSecond)) {
            started = false;
            return;
        }
        long rate = effectiveRate(rateBytesPerSecond);
        refill(nowNanos, rate);
        tokenBytes = Math.max(tokenBytes - Math.max(0, sizeBytes), -burstBytes(rate));
    }

    /** Whole bytes in the bucket now (for tests and statistics); negative after unpaced sends. */
    public long tokenBytes() {
        return tokenBytes;
    }

    private static boolean isUnpaced(long rateBytesPerSecond) {
        return rateBytesPerSecond >= MAX_PACED_RATE_BYTES_PER_SECOND;
    }

    private static long effectiveRate(long rateBytesPerSecond) {
        return Math.min(Math.max(rateBytesPerSecond, 1), MAX_PACED_RATE_BYTES_PER_SECOND - 1);
    }

    /** RFC 9002 §7.7: the bucket earns {@code rate} bytes per second, up to one burst. */
    private void refill(long nowNanos, long rate) {
        long burst = burstBytes(rate);
        if (!started) {
            started = true;
            lastRefillNanos = nowNanos;
            tokenBytes = burst;
            remainderNanoBytes = 0;
            return;
        }
        long elapsedNanos = nowNanos - lastRefillNanos; // wrap-safe
        if (elapsedNanos > 0) {
            lastRefillNanos = nowNanos;
        }
        if (tokenBytes >= burst) {
            tokenBytes = burst; // the rate fell: a smaller bucket
            remainderNanoBytes = 0;
            return;
        }
        if (elapsedNanos <= 0) {
            return;
        }
        // |tokens| <= burst <= 1e9 bytes, so missing * 1e9 stays below 2^63.
        long missingNanoBytes = (burst - tokenBytes) * NANOS_PER_SECOND - remainderNanoBytes;
        if (elapsedNanos >= ceilDiv(missingNanoBytes, rate)) {
            tokenBytes = burst;
            remainderNanoBytes = 0;
            return;
        }
        // elapsed < missing / rate, so elapsed * rate < missing: no overflow.
        long earnedNanoBytes = elapsedNanos * rate + remainderNanoBytes;
        tokenBytes += earnedNanoBytes / NANOS_PER_SECOND;
        remainderNanoBytes = earnedNanoBytes % NANOS_PER_SECOND;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
