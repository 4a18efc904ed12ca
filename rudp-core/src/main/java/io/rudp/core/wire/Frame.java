package io.rudp.core.wire;

/**
 * A frame inside a DATA packet (PROTOCOL.md §2). Frames are immutable values; encoding and
 * decoding live in {@link PacketCodec}.
 */
public sealed interface Frame permits PaddingFrame, PingFrame, AckFrame, StreamFrame,
        MaxDataFrame, DataBlockedFrame, HandshakeDoneFrame, CloseFrame {

    /**
     * Returns the exact number of bytes this frame takes on the wire, type byte included.
     *
     * @return the encoded length in bytes
     */
    int encodedLength();

    /**
     * Tells whether receiving this frame obliges the peer to acknowledge the packet (the
     * "ack-eliciting" column of PROTOCOL.md §2).
     *
     * @return {@code true} for every frame but PADDING, ACK and CLOSE
     */
    boolean ackEliciting();
}
