package io.rudp.core.congestion;

import io.rudp.core.util.Durations;

/**
 * How far acknowledgements run ahead of the bandwidth estimate (a receiver or driver that
 * acknowledges in batches), as Linux BBR measures it: since an epoch began, the data acknowledged
 * minus what the bandwidth would have delivered; a new epoch begins whenever the ACKs fall back
 * to the bandwidth. The largest excess over the last rounds is room the window keeps, or the
 * sender would stall between batches. Not thread-safe.
 */
final class AckAggregation {

    /** The excess counts at most what the bandwidth delivers in this time. */
    static final long MAX_AGGREGATION_NANOS = 100_000_000L;

    private final WindowedMaxFilter extra;
    private boolean epochStarted;
    private long epochStartNanos;
    private long epochAckedBytes;

    /** @param windowRounds how many rounds an excess is remembered */
    AckAggregation(int windowRounds) {
        this.extra = new WindowedMaxFilter(windowRounds);
    }

    /**
     * An acknowledgement of {@code ackedBytes} at {@code nowNanos}.
     *
     * @param bandwidthBytesPerSecond the bandwidth estimate (nothing is measured without one)
     * @param windowBytes the excess counts at most this
     * @param round the current round trip
     */
    void onAck(long nowNanos, long ackedBytes, long bandwidthBytesPerSecond, long windowBytes, long round) {
        if (bandwidthBytesPerSecond <= 0 || ackedBytes <= 0) {
            return;
        }
        long expectedBytes = epochStarted ? bytesAtRate(bandwidthBytesPerSecond, nowNanos - epochStartNanos) : 0;
        if (!epochStarted || epochAckedBytes <= expectedBytes) {
            // The ACKs caught up with the bandwidth (or this is the first): a new epoch starts here.
            epochStarted = true;
            epochStartNanos = nowNanos;
            epochAckedBytes = 0;
            expectedBytes = 0;
        }
        epochAckedBytes = Durations.add(epochAckedBytes, ackedBytes);
        long excess = Math.min(Math.min(epochAckedBytes - expectedBytes, windowBytes),
                bytesAtRate(bandwidthBytesPerSecond, MAX_AGGREGATION_NANOS));
        extra.update(excess, round);
    }

    /** The largest excess over the last rounds, in bytes; 0 before any. */
    long extraBytes() {
        return extra.best();
    }

    /** {@code rate x nanos / 1e9}, exact, saturating at {@code Long.MAX_VALUE / 4}; 0 for a negative duration. */
    static long bytesAtRate(long bytesPerSecond, long nanos) {
        if (nanos <= 0 || bytesPerSecond <= 0) {
            return 0;
        }
        long high = Math.multiplyHigh(bytesPerSecond, nanos);
        long low = bytesPerSecond * nanos;
        if (high != 0 || low < 0) {
            return Long.MAX_VALUE / 4;
        }
        return Math.min(low / 1_000_000_000L, Long.MAX_VALUE / 4);
    }
}
