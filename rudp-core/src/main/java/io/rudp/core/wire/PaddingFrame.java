package io.rudp.core.wire;

/**
 * A run of PADDING frames (type 0x00, PROTOCOL.md §2): {@code length} zero bytes. The decoder
 * folds consecutive padding bytes into one value.
 *
 * @param length the number of zero bytes, at least 1
 */
public record PaddingFrame(int length) implements Frame {

    /**
     * Validates the length.
     *
     * @param length the number of zero bytes, at least 1
     * @throws IllegalArgumentException if {@code length} is below 1
     */
    public PaddingFrame {
        if (length < 1) {
            throw new IllegalArgumentException("padding length must be at least 1: " + length);
        }
    }

    /** {@inheritDoc} One byte per PADDING frame. */
    @Override
    public int encodedLength() {
        return length;
    }

    /** {@inheritDoc} PADDING is not ack-eliciting. */
    @Override
    public boolean ackEliciting() {
        return false;
    }
}
