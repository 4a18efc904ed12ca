package io.rudp.core.loss;

/**
 * What is in flight (RFC 9002 §2, A.5, B.4): bytes of in-flight packets neither acknowledged nor
 * declared lost, how many of those packets are ack-eliciting, and when the last ack-eliciting one
 * was sent (the probe timeout counts from it). Not thread-safe.
 */
final class InFlight {

    private long bytes;
    private int ackElicitingPackets;
    private long lastAckElicitingSentNanos;

    /** RFC 9002 B.4 bytes_in_flight. */
    long bytes() {
        return bytes;
    }

    /** Whether an ack-eliciting in-flight packet awaits acknowledgement. */
    boolean hasAckEliciting() {
        return ackElicitingPackets > 0;
    }

    /** RFC 9002 A.5 time_of_last_ack_eliciting_packet. */
    long lastAckElicitingSentNanos() {
        return lastAckElicitingSentNanos;
    }

    /** An in-flight packet was sent (RFC 9002 A.5 and B.4 OnPacketSentCC). */
    void onSent(SentPacket packet) {
        if (packet.ackEliciting) {
            lastAckElicitingSentNanos = packet.sentTimeNanos;
            ackElicitingPackets++;
        }
        bytes += packet.sizeBytes;
    }

    /** A packet left the window, acknowledged or lost: off the counts if it was in flight. */
    void forget(SentPacket packet) {
        if (packet.inFlight) {
            bytes -= packet.sizeBytes;
            if (packet.ackEliciting) {
                ackElicitingPackets--;
            }
        }
    }

    /** Nothing is in flight any more (RFC 9002 §6.4). */
    void clear() {
        bytes = 0;
        ackElicitingPackets = 0;
    }
}
