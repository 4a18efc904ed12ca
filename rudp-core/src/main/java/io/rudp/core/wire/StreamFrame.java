package io.rudp.core.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * A STREAM (type 0x03) or STREAM_FIN (type 0x04) frame (PROTOCOL.md §2): {@code dataLength}
 * stream bytes starting at stream offset {@code offset}. With {@code fin}, the stream ends at
 * {@code offset + dataLength}, its final size.
 *
 * <p>The data is <em>referenced, not copied</em>: the frame views
 * {@code data[dataOffset .. dataOffset + dataLength)}. A decoded frame may view the received
 * datagram's buffer, so consume it before the buffer is reused. Equality, hash code and string
 * form are over the bytes in that range, not the array's identity or {@code dataOffset}.
 *
 * @param offset the stream offset of the first byte, 0..2^62-1
 * @param fin whether this frame carries the end of the stream
 * @param data the array holding the bytes
 * @param dataOffset where the bytes start in {@code data}
 * @param dataLength how many bytes
 */
public record StreamFrame(long offset, boolean fin, byte[] data, int dataOffset, int dataLength)
        implements Frame {

    /** Wire type of a STREAM frame. */
    static final int TYPE_STREAM = 0x03;
    /** Wire type of a STREAM_FIN frame. */
    static final int TYPE_STREAM_FIN = 0x04;

    private static final int MAX_STRING_BYTES = 16;

    /**
     * Validates the components.
     *
     * @param offset the stream offset of the first byte, 0..2^62-1
     * @param fin whether this frame carries the end of the stream
     * @param data the array holding the bytes
     * @param dataOffset where the bytes start in {@code data}
     * @param dataLength how many bytes
     * @throws NullPointerException if {@code data} is {@code null}
     * @throws IndexOutOfBoundsException if the range is not inside {@code data}
     * @throws IllegalArgumentException if {@code offset} is negative or
     *     {@code offset + dataLength} exceeds 2^62-1 (RFC 9000 §19.8)
     */
    public StreamFrame {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(dataOffset, dataLength, data.length);
        if (offset < 0 || offset > Varint.MAX_VALUE - dataLength) {
            throw new IllegalArgumentException("stream offset out of range: " + offset
                    + " + " + dataLength);
        }
    }

    /**
     * Returns the bytes the type, offset and length fields take, i.e. the frame's size minus its
     * data.
     *
     * @param offset the stream offset, 0..2^62-1
     * @param length the data length, non-negative
     * @return {@code 1 + varint(offset) + varint(length)}
     * @throws IllegalArgumentException if either value is out of range
     */
    public static int overheadBytes(long offset, int length) {
        return 1 + Varint.encodedLength(offset) + Varint.encodedLength(length);
    }

    /** {@inheritDoc} */
    @Override
    public int encodedLength() {
        return overheadBytes(offset, dataLength) + dataLength;
    }

    /** {@inheritDoc} STREAM and STREAM_FIN are ack-eliciting. */
    @Override
    public boolean ackEliciting() {
        return true;
    }

    /** Compares offset, fin and the data bytes in range. */
    @Override
    public boolean equals(Object o) {
        return o instanceof StreamFrame other && offset == other.offset && fin == other.fin
                && Arrays.equals(data, dataOffset, dataOffset + dataLength,
                        other.data, other.dataOffset, other.dataOffset + other.dataLength);
    }

    /** Hashes offset, fin and the data bytes in range. */
    @Override
    public int hashCode() {
        int h = 31 * Long.hashCode(offset) + Boolean.hashCode(fin);
        for (int i = dataOffset; i < dataOffset + dataLength; i++) {
            h = 31 * h + data[i];
        }
        return h;
    }

    /** Shows offset, fin, length and the first bytes of data in hex. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("StreamFrame[offset=").append(offset)
                .append(", fin=").append(fin).append(", dataLength=").append(dataLength)
                .append(", data=");
        int shown = Math.min(dataLength, MAX_STRING_BYTES);
        for (int i = 0; i < shown; i++) {
            sb.append(Character.forDigit((data[dataOffset + i] >>> 4) & 0xF, 16))
                    .append(Character.forDigit(data[dataOffset + i] & 0xF, 16));
        }
        if (shown < dataLength) {
            sb.append("...");
        }
        return sb.append(']').toString();
    }
}
