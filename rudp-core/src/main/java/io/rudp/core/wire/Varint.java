package io.rudp.core.wire;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * QUIC variable-length integers (RFC 9000 §16): the two high bits of the first byte give the
 * encoded length (1, 2, 4 or 8 bytes), the remaining bits hold the value, big-endian.
 */
public final class Varint {

    /** The largest encodable value, 2^62-1 (RFC 9000 §16). */
    public static final long MAX_VALUE = (1L << 62) - 1;

    private static final long MAX_1_BYTE = (1L << 6) - 1;
    private static final long MAX_2_BYTES = (1L << 14) - 1;
    private static final long MAX_4_BYTES = (1L << 30) - 1;

    private Varint() {
    }

    /**
     * Returns how many bytes the shortest encoding of {@code value} takes.
     *
     * @param value a value in {@code 0..MAX_VALUE}
     * @return 1, 2, 4 or 8
     * @throws IllegalArgumentException if {@code value} is negative or above {@link #MAX_VALUE}
     */
    public static int encodedLength(long value) {
        // RFC 9000 §16, Table 4: usable bits 6, 14, 30, 62.
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException("varint out of range: " + value);
        }
        if (value <= MAX_1_BYTE) {
            return 1;
        }
        if (value <= MAX_2_BYTES) {
            return 2;
        }
        return value <= MAX_4_BYTES ? 4 : 8;
    }

    /**
     * Writes the shortest encoding of {@code value} at {@code out}'s position, advancing it.
     *
     * @param out the destination buffer
     * @param value a value in {@code 0..MAX_VALUE}
     * @throws IllegalArgumentException if {@code value} is out of range
     * @throws BufferOverflowException if {@code out} has too little room (nothing is written)
     */
    public static void write(ByteBuffer out, long value) {
        int length = encodedLength(value);
        if (out.remaining() < length) {
            throw new BufferOverflowException();
        }
        // RFC 9000 §16: the length prefix (00, 01, 10, 11) goes in the two high bits.
        switch (length) {
            case 1 -> out.put((byte) value);
            case 2 -> out.putShort((short) (value | 0x4000L));
            case 4 -> out.putInt((int) (value | 0x8000_0000L));
            default -> out.putLong(value | 0xC000_0000_0000_0000L);
        }
    }

    /**
     * Reads one varint at {@code in}'s position, advancing it past the encoding. Non-minimal
     * encodings are accepted (PROTOCOL.md conventions).
     *
     * @param in the source buffer
     * @return the value, in {@code 0..MAX_VALUE}
     * @throws MalformedPacketException with reason {@code TRUNCATED} if the buffer ends inside the
     *     varint (then the position is unchanged)
     */
    public static long read(ByteBuffer in) throws MalformedPacketException {
        int position = in.position();
        if (!in.hasRemaining()) {
            throw truncated();
        }
        int first = in.get(position) & 0xFF;
        int length = 1 << (first >>> 6);
        if (in.remaining() < length) {
            throw truncated();
        }
        long value = first & 0x3F;
        for (int i = 1; i < length; i++) {
            value = (value << 8) | (in.get(position + i) & 0xFF);
        }
        in.position(position + length);
        return value;
    }

    /**
     * Writes the shortest encoding of {@code value} into {@code buf} at {@code pos}.
     *
     * @return the index just past the written bytes
     */
    static int write(byte[] buf, int pos, long value) {
        int length = encodedLength(value);
        long prefixed = switch (length) {
            case 1 -> value;
            case 2 -> value | 0x4000L;
            case 4 -> value | 0x8000_0000L;
            default -> value | 0xC000_0000_0000_0000L;
        };
        for (int i = length - 1; i >= 0; i--) {
            buf[pos + i] = (byte) prefixed;
            prefixed >>>= 8;
        }
        return pos + length;
    }

    private static MalformedPacketException truncated() {
        return new MalformedPacketException(MalformedPacketException.Reason.TRUNCATED,
                "varint runs past the end of the buffer");
    }
}
