package io.rudp.core.congestion;

/**
 * The steps the two loss-based controllers ({@link NewRenoController}, {@link CubicController})
 * share: the minimum window (RFC 9002 §7.2), the slow start threshold (§7.3.1), the recovery
 * period that a congestion event begins (§7.3.2), and the collapse on persistent congestion
 * (§7.6.2). Each controller keeps its own window and grows it its own way; this part says when it
 * may grow, when it is cut, and to what floor. Not thread-safe.
 */
final class SlowStartAndRecovery {

    private final long minimumWindowBytes;
    private long thresholdBytes = Long.MAX_VALUE;
    private boolean recovering;
    private long recoveryStartNanos;

    /**
     * @param maxDatagramBytes the maximum datagram size, in bytes; must be positive
     * @throws IllegalArgumentException if {@code maxDatagramBytes} is not positive
     */
    SlowStartAndRecovery(int maxDatagramBytes) {
        if (maxDatagramBytes <= 0) {
            throw new IllegalArgumentException("maxDatagramBytes must be positive: " + maxDatagramBytes);
        }
        this.minimumWindowBytes = Windows.minimumWindowBytes(maxDatagramBytes);
    }

    /** The window never goes below this: two maximum datagrams (RFC 9002 §7.2). */
    long minimumWindowBytes() {
        return minimumWindowBytes;
    }

    /** The slow start threshold; {@link Long#MAX_VALUE} until the first congestion event. */
    long thresholdBytes() {
        return thresholdBytes;
    }

    /** RFC 9002 §7.3.1: a window below the slow start threshold is in slow start. */
    boolean inSlowStart(long congestionWindowBytes) {
        return congestionWindowBytes < thresholdBytes;
    }

    /** RFC 9002 B.5 InCongestionRecovery: sent_time <= congestion_recovery_start_time. */
    boolean sentBeforeRecoveryBegan(long sentTimeNanos) {
        return recovering && sentTimeNanos - recoveryStartNanos <= 0;
    }

    /**
     * RFC 9002 B.8 and §7.3.2: whether a loss starts a congestion event, that is, in-flight bytes
     * were lost (or persistent congestion was found) and the newest lost packet was sent after the
     * current recovery period began.
     */
    boolean startsCongestionEvent(long lostBytes, boolean persistentCongestion, long newestLostSentTimeNanos) {
        return (lostBytes > 0 || persistentCongestion) && !sentBeforeRecoveryBegan(newestLostSentTimeNanos);
    }

    /**
     * RFC 9002 B.6 OnCongestionEvent: enters a recovery period now and sets the slow start
     * threshold.
     *
     * @param nowNanos when the congestion event happened
     * @param newThresholdBytes the controller's reduced window
     * @return the window to continue with: the threshold, but never below the minimum window
     */
    long enterRecovery(long nowNanos, long newThresholdBytes) {
        recovering = true;
        recoveryStartNanos = nowNanos;
        thresholdBytes = newThresholdBytes;
        return Math.max(newThresholdBytes, minimumWindowBytes);
    }

    /**
     * RFC 9002 §7.6.2 and B.8: persistent congestion leaves recovery; the window collapses to
     * the minimum and slow start begins again from there (the threshold stays as the congestion
     * event set it).
     *
     * @return the window to continue with: the minimum window
     */
    long onPersistentCongestion() {
        recovering = false;
        return minimumWindowBytes;
    }
}
