package io.rudp.core.wire;

/**
 * A cursor that writes into a byte array. Callers size the array with the exact encoded length
 * first, so no bounds are checked here beyond the array's own.
 */
final class WireWriter {

    private final byte[] buf;
    private int pos;

    WireWriter(byte[] buf, int pos) {
        this.buf = buf;
        this.pos = pos;
    }

    /** The index of the next byte to write. */
    int position() {
        return pos;
    }

    void writeU8(int value) {
        buf[pos++] = (byte) value;
    }

    void writeU32(long value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (value >>> shift);
        }
    }

    void writeU64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (value >>> shift);
        }
    }

    void writeVarint(long value) {
        pos = Varint.write(buf, pos, value);
    }

    void writeBytes(byte[] src, int offset, int length) {
        System.arraycopy(src, offset, buf, pos, length);
        pos += length;
    }

    /** Writes {@code count} zero bytes (the array may hold stale data). */
    void writeZeros(int count) {
        java.util.Arrays.fill(buf, pos, pos + count, (byte) 0);
        pos += count;
    }

    /** Writes {@code s} as UTF-8 cut to {@code maxBytes} bytes (see {@link Utf8}). */
    void writeUtf8(String s, int maxBytes) {
        pos = Utf8.write(s, maxBytes, buf, pos);
    }
}
