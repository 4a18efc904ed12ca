package io.rudp.core.congestion;



/**
 * A congestion controller (RFC 9002 §7) behind a small interface, so the algorithm can be swapped.
 *
 * <p>Every event method takes the current time; the controller has no clock of its own. The loss
 * detector owns bytes in flight and tells the controller what happened to in-flight packets, in
 * this order for one acknowledgement: {@link #onPacketsLost} (if it declared losses), then
 * {@link #onPacketAcked} for each newly acknowledged in-flight packet, then
 * {@link #onAckProcessed} once with the acknowledgement's delivery-rate sample.
 *
 * <p>The controller answers two questions: how many bytes may be in flight
 * ({@link #congestionWindowBytes()}) and how fast they may be sent
 * ({@link #pacingRateBytesPerSecond()}, RFC 9002 §7.7).
 */
public interface CongestionController {

    /** A pacing rate meaning "do not pace". */
    long UNPACED = Long.MAX_VALUE;

    /** The congestion window: how many bytes may be in flight (RFC 9002 §7). */
    long congestionWindowBytes();

    /**
     * The rate at which ack-eliciting packets should be spread (RFC 9002 §7.7), in bytes per
     * second; positive, or {@link #UNPACED} while there is no basis for a rate (no RTT sample yet).
     */
    long pacingRateBytesPerSecond();

    /**
     * An in-flight packet of {@code sizeBytes} was sent (RFC 9002 Appendix B.4).
     *
     * @param nowNanos the send time
     * @param sizeBytes the packet's size
     */
    void onPacketSent(long nowNanos, int sizeBytes);

    /**
     * An in-flight packet was newly acknowledged (RFC 9002 Appendix B.5). Called only for packets
     * with {@link TrackedPacket#isInFlight()} set; {@link TrackedPacket#isAppLimited()} tells whether the sender
     * was application-limited when it went (RFC 9002 §7.8: then the window must not grow).
     *
     * @param nowNanos when the acknowledgement was processed
     * @param packet the acknowledged packet
     */
    void onPacketAcked(long nowNanos, TrackedPacket packet);

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

    /**
     * An acknowledgement that newly acknowledged at least one packet was processed: called once,
     * after {@link #onPacketsLost} and {@link #onPacketAcked}, with its delivery-rate sample
     * (draft-cheng-iccrg-delivery-rate-estimation). The sample is reused: do not keep it.
     *
     * @param nowNanos when the acknowledgement was processed
     * @param sample what the acknowledgement measured
     */
    void onAckProcessed(long nowNanos, RateSample sample);

    /**
     * The sender had nothing to send although the window and the pacer would have let it (RFC
     * 9002 §7.8): the window is not being used, so it must not grow on what follows.
     *
     * @param nowNanos when the sender found itself idle
     * @param bytesInFlight bytes in flight at that time
     */
    void onAppLimited(long nowNanos, long bytesInFlight);

    /** A short name of the algorithm, for logs and statistics. */
    String name();
}
