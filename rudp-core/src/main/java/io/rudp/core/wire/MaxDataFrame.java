package io.rudp.core.wire;

/**
 * A MAX_DATA frame (type 0x05, PROTOCOL.md §2): raises the peer's flow-control credit.
 *
 * @param maximumData the stream offset the peer may send up to (exclusive), 0..2^62-1
 */
public record MaxDataFrame(long maximumData) implements Frame {

    /**
     * Validates the value.
     *
     * @param maximumData the stream offset the peer may send up to (exclusive), 0..2^62-1
     * @throws IllegalArgumentException if {@code maximumData} is not a varint value
     */
    public MaxDataFrame {
        Varint.encodedLength(maximumData);
    }

    /** {@inheritDoc} */
    @Override
    public int encodedLength() {
        return 1 + Varint.encodedLength(maximumData);
    }

    /** {@inheritDoc} MAX_DATA is ack-eliciting. */
    @Override
    public boolean ackEliciting() {
        return true;
    }
}
