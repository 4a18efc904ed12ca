package io.rudp.core.wire;

/**
 * A DATA_BLOCKED frame (type 0x06, PROTOCOL.md §2): the sender has data but no credit.
 *
 * @param limit the stream offset at which the sender is blocked, 0..2^62-1
 */
public record DataBlockedFrame(long limit) implements Frame {

    /**
     * Validates the value.
     *
     * @param limit the stream offset at which the sender is blocked, 0..2^62-1
     * @throws IllegalArgumentException if {@code limit} is not a varint value
     */
    public DataBlockedFrame {
        Varint.encodedLength(limit);
    }

    /** {@inheritDoc} */
    @Override
    public int encodedLength() {
        return 1 + Varint.encodedLength(limit);
    }

    /** {@inheritDoc} DATA_BLOCKED is ack-eliciting. */
    @Override
    public boolean ackEliciting() {
        return true;
    }
}
