package io.rudp.cli.plot;

/**
 * What {@code rudp plot} draws from one trace, times in seconds since the connection began:
 * congestion window and bytes in flight (bytes), losses (at the window's value then), and the
 * latest, smoothed and minimum RTT (milliseconds); with the header's description and counts.
 */
final class TraceData {

    String role = "?";
    String connectionId = "?";
    String peer = "?";

    final Series congestionWindow = new Series();
    final Series bytesInFlight = new Series();
    final Series losses = new Series();
    final Series latestRtt = new Series();
    final Series smoothedRtt = new Series();
    final Series minRtt = new Series();

    long packetsSent;
    long packetsReceived;
    long packetsLost;
    boolean truncated;
    double lastTimeSeconds;

    /** Whether the trace holds anything to draw. */
    boolean hasMetrics() {
        return !congestionWindow.isEmpty() || !latestRtt.isEmpty();
    }
}
