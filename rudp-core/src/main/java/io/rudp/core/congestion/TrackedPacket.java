package io.rudp.core.congestion;

/**
 * One sent packet as congestion control sees it: when it was sent, its size, whether it counts
 * in flight (RFC 9002 §2), and the delivery-rate stamp of
 * draft-cheng-iccrg-delivery-rate-estimation that {@link DeliveryRateEstimator} takes when it is
 * sent. The loss detector's sent-packet record implements it, so this package does not depend on
 * loss recovery.
 */
public interface TrackedPacket {

    /** The full packet number. */
    long packetNumber();

    /** When the packet was sent, on the caller's clock. */
    long sentTimeNanos();

    /** The size of the UDP payload, in bytes. */
    int sizeBytes();

    /** Whether the packet counts towards bytes in flight (RFC 9002 §2). */
    boolean isInFlight();

    /** The draft's P.is_app_limited: whether the sender was application-limited at sending. */
    boolean isAppLimited();

    /** The draft's P.delivered: bytes the connection had delivered when the packet was sent. */
    long deliveredBytesAtSend();

    /** The draft's P.delivered_time: when that delivered count last grew. */
    long deliveredTimeNanosAtSend();

    /** The draft's P.first_sent_time: the send time of the newest packet then acknowledged. */
    long firstSentTimeNanosAtSend();

    /**
     * Records the connection's delivery state at sending (draft, "Transmitting a data packet").
     *
     * @param deliveredBytes the draft's C.delivered
     * @param deliveredTimeNanos the draft's C.delivered_time
     * @param firstSentTimeNanos the draft's C.first_sent_time
     * @param appLimited whether the connection is application-limited
     */
    void stampDelivery(long deliveredBytes, long deliveredTimeNanos, long firstSentTimeNanos, boolean appLimited);
}
