package io.rudp.core.wire;

/**
 * A HANDSHAKE_DONE frame (type 0x07, PROTOCOL.md §2): no fields; sent by the server only, to
 * confirm the handshake to the client.
 */
public record HandshakeDoneFrame() implements Frame {

    /** The shared instance (all HANDSHAKE_DONE frames are equal). */
    public static final HandshakeDoneFrame INSTANCE = new HandshakeDoneFrame();

    /** {@inheritDoc} The type byte only. */
    @Override
    public int encodedLength() {
        return 1;
    }

    /** {@inheritDoc} HANDSHAKE_DONE is ack-eliciting. */
    @Override
    public boolean ackEliciting() {
        return true;
    }
}
