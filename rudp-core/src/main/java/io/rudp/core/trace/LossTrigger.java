package io.rudp.core.trace;

/**
 * Why a packet was declared lost (RFC 9002 §6.1). A probe timeout (§6.2) declares nothing lost by
 * itself: the acknowledgement of the probe lets one of these two thresholds do it.
 */
public enum LossTrigger {
    /** RFC 9002 §6.1.1: {@code kPacketThreshold} (3) later packets were acknowledged. */
    PACKET_THRESHOLD,
    /** RFC 9002 §6.1.2: it was sent more than 9/8 of an RTT before a later packet was acknowledged. */
    TIME_THRESHOLD
}
