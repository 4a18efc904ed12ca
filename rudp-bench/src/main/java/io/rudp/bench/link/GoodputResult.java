package io.rudp.bench.link;

import io.rudp.core.CongestionControl;

/**
 * What one {@link ProxyGoodput} run measured.
 *
 * @param controller the sender's congestion controller
 * @param link the emulated path
 * @param steadyMbps goodput over the steady window (after the warm-up): the figure the targets
 *     use
 * @param wholeRunMbps goodput from the end of the handshake to the end of the run
 * @param idealMbps {@code (1 - loss) x capacity}
 * @param steadyBytes application bytes read during the steady window
 * @param totalBytes application bytes read in the whole run
 * @param steadySeconds length of the steady window
 * @param totalSeconds length of the whole run
 * @param retransmittedPackets the sender's retransmitted packets (ConnectionStats)
 * @param cpuSeconds CPU time of the process during the run, without the proxy's thread
 * @param proxyQueueDrops datagrams the proxy's bottleneck queue dropped, both directions
 * @param senderPackets packets the sender sent (data, probes, its ACKs)
 * @param receiverPackets packets the receiver sent (acknowledgements, mostly)
 */
public record GoodputResult(CongestionControl controller, LinkParams link, double steadyMbps,
        double wholeRunMbps, double idealMbps, long steadyBytes, long totalBytes,
        double steadySeconds, double totalSeconds, long retransmittedPackets, double cpuSeconds,
        long proxyQueueDrops, long senderPackets, long receiverPackets) {

    /** Receiver packets per sender packet: the acknowledgement frequency's cost. */
    public double ackRatio() {
        return senderPackets > 0 ? (double) receiverPackets / senderPackets : 0;
    }

    /** Steady goodput as a fraction of the ideal. */
    public double ofIdeal() {
        return idealMbps > 0 ? steadyMbps / idealMbps : 0;
    }
}
