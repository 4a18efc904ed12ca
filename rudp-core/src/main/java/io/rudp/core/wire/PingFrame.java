package io.rudp.core.wire;

/** A PING frame (type 0x01, PROTOCOL.md §2): no fields; it only elicits an acknowledgement. */
public record PingFrame() implements Frame {

    /** The shared instance (all PING frames are equal). */
    public static final PingFrame INSTANCE = new PingFrame();

    /** {@inheritDoc} The type byte only. */
    @Override
    public int encodedLength() {
        return 1;
    }

    /** {@inheritDoc} PING is ack-eliciting. */
    @Override
    public boolean ackEliciting() {
        return true;
    }
}
