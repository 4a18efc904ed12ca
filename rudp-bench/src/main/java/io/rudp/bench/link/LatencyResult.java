package io.rudp.bench.link;

import io.rudp.core.CongestionControl;

/**
 * Round-trip times of echoed small messages ({@link ProxyPingPong}), in milliseconds.
 *
 * @param controller the controller of both ends
 * @param link the path
 * @param count messages echoed
 * @param p50Millis median
 * @param p99Millis 99th percentile
 * @param p999Millis 99.9th percentile
 * @param maxMillis the largest
 * @param retransmittedPackets both ends' retransmitted packets
 */
public record LatencyResult(CongestionControl controller, LinkParams link, long count,
        double p50Millis, double p99Millis, double p999Millis, double maxMillis,
        long retransmittedPackets) {
}
