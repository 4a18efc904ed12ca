package io.rudp.core.congestion;

import io.rudp.core.path.RttEstimator;

/**
 * The pacing rate of a window-based controller (RFC 9002 §7.7): the window spread over a little
 * less than one smoothed round trip, {@code N x cwnd / smoothed_rtt} with N = 1.25, so pacing
 * itself never keeps the window from being used.
 */
final class WindowPacing {

    /** RFC 9002 §7.7: N, the factor that lets a window go out in less than one round trip. */
    static final double WINDOW_PACING_GAIN = 1.25;

    private WindowPacing() {
    }

    /**
     * {@code 1.25 x cwnd / smoothed RTT} in bytes per second, at least 1; unpaced until the
     * estimator has a sample (the initial RTT is a guess, and the initial window bounds the
     * first flight anyway).
     */
    static long rateBytesPerSecond(long congestionWindowBytes, RttEstimator rtt) {
        if (!rtt.hasSample()) {
            return CongestionController.UNPACED;
        }
        // RFC 9002 §7.7: rate = N * congestion_window / smoothed_rtt.
        double srttSeconds = Math.max(1L, rtt.smoothedRttNanos()) / 1e9;
        return clampRate(WINDOW_PACING_GAIN * congestionWindowBytes / srttSeconds);
    }

    /** A rate in bytes per second as a long in {@code [1, UNPACED - 1]}. */
    static long clampRate(double bytesPerSecond) {
        if (!(bytesPerSecond >= 1)) {
            return 1;
        }
        return bytesPerSecond >= CongestionController.UNPACED - 1 ? CongestionController.UNPACED - 1 : (long) bytesPerSecond;
    }
}
