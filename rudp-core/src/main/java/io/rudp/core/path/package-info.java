/**
 * What a connection knows of its network path: the round-trip time
 * ({@link io.rudp.core.path.RttEstimator}, RFC 9002 §5: latest, minimum and smoothed RTT, RTT
 * variation, and the probe timeout period of §6.2.1) and the largest datagram the path carries
 * ({@link io.rudp.core.path.PathMtuDiscovery}, Datagram PLPMTUD, RFC 8899 §5).
 *
 * <p>Depends on {@code util} only; acknowledgement, loss recovery and congestion control read it.
 */
package io.rudp.core.path;
