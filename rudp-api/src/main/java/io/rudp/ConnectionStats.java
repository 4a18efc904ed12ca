package io.rudp;

/**
 * A snapshot of one connection's counters and estimates, as {@link RudpConnection#stats()} returns it.
 *
 * @param packetsSent DATA packets sent (including retransmissions and pure acknowledgements)
 * @param packetsReceived DATA packets received and accepted (duplicates excluded)
 * @param bytesSent UDP payload bytes sent, handshake included
 * @param bytesReceived UDP payload bytes received and accepted, handshake included
 * @param streamBytesSent stream bytes sent for the first time
 * @param streamBytesReceived in-order stream bytes delivered to the receive buffer
 * @param retransmittedPackets packets that carried stream data sent before
 * @param lostPackets packets declared lost (RFC 9002 §6.1)
 * @param probeTimeouts probe timeouts that fired (RFC 9002 §6.2)
 * @param duplicatePackets packets received more than once, discarded and re-acknowledged
 * @param corruptPackets datagrams addressed to this connection that failed the integrity check
 * @param smoothedRttNanos smoothed round-trip time (RFC 9002 §5.3)
 * @param rttVarianceNanos round-trip time variation (RFC 9002 §5.3)
 * @param minRttNanos smallest round-trip time seen, 0 before the first sample
 * @param congestionWindowBytes current congestion window
 * @param bytesInFlight bytes sent, not yet acknowledged nor declared lost
 * @param spuriousLosses packets declared lost that the peer acknowledged afterwards: the path
 *     reordered (or delayed) them rather than losing them, and what they carried was sent again
 *     needlessly; each one widens the reordering window (RFC 8985 §6.2, docs/DESIGN.md)
 */
public record ConnectionStats(
        long packetsSent,
        long packetsReceived,
        long bytesSent,
        long bytesReceived,
        long streamBytesSent,
        long streamBytesReceived,
        long retransmittedPackets,
        long lostPackets,
        long probeTimeouts,
        long duplicatePackets,
        long corruptPackets,
        long smoothedRttNanos,
        long rttVarianceNanos,
        long minRttNanos,
        long congestionWindowBytes,
        long bytesInFlight,
        long spuriousLosses) {
}
