package io.rudp.core.recovery;

/**
 * A congestion controller (RFC 9002 §7) behind a small interface, so the algorithm can be swapped.
 *
 * <p>Every method takes the current time; the controller has no clock of its own. The loss
 * detector owns bytes in flight and tells the controller what happened to in-flight packets.
 */
public interface CongestionController {

    /** The congestion window: how many bytes may be in flight (RFC 9002 §7). */
    long congestionWindowBytes();

    /**
     * An in-flight packet of {@code sizeBytes} was sent (RFC 9002 Appendix B.4).
     *
     * @param nowNanos the send time
     * @param sizeBytes the packet's size
     */
    void onPacketSent(long nowNanos, int sizeBytes);

    /**
     * An in-flight packet was newly acknowledged (RFC 9002 Appendix B.5). Called only for packets
     * with {@link SentPacket#inFlight} set.
     *
     * @param nowNanos when the acknowledgement was processed
     * @param packet the acknowledged packet
     */
    void onPacketAcked(long nowNanos, SentPacket packet);

    /**
     * In-flight packets were declared lost (RFC 9002 §7.3.2, Appendix B.8). Called once per ACK or
     * timeout that declared such losses.
     *
     * @param nowNanos when the losses were declared
     * @param newestLostSentTimeNanos the send time of the newest in-flight packet declared lost
     * @param lostBytes the in-flight bytes declared lost
     * @param persistentCongestion whether the losses establish persistent congestion (§7.6)
     */
    void onPacketsLost(long nowNanos, long newestLostSentTimeNanos, long lostBytes, boolean persistentCongestion);

    /** A short name of the algorithm, for logs and statistics. */
    String name();
}
