package io.rudp.core.wire;

import io.rudp.core.wire.MalformedPacketException.Reason;

/**
 * A bounds-checked cursor over a region of a byte array. Every read that would pass the end of
 * the region throws {@link Reason#TRUNCATED}; nothing here throws an unchecked exception for any
 * input bytes.
 */
final class WireReader {

    private byte[] buf;
    private int pos;
    private int end;

    /**
     * @param buf the bytes
     * @param pos first readable index
     * @param end index just past the last readable byte
     */
    WireReader(byte[] buf, int pos, int end) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
    }

    /** Points this reader at another region (a reused reader allocates nothing per datagram). */
    WireReader reset(byte[] buf, int pos, int end) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
        return this;
    }

    /** The backing array (STREAM frames reference it). */
    byte[] array() {
        return buf;
    }

    /** The index of the next byte to read. */
    int position() {
        return pos;
    }

    /** How many bytes are left in the region. */
    int remaining() {
        return end - pos;
    }

    /** Returns the next byte without consuming it; the caller checks {@link #remaining()}. */
    int peekU8() {
        return buf[pos] & 0xFF;
    }

    /** Reads an unsigned byte. */
    int readU8(String field) throws MalformedPacketException {
        require(1, field);
        return buf[pos++] & 0xFF;
    }

    /** Reads a big-endian unsigned 32-bit integer. */
    long readU32(String field) throws MalformedPacketException {
        require(4, field);
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (buf[pos + i] & 0xFF);
        }
        pos += 4;
        return value;
    }

    /** Reads a big-endian 64-bit integer. */
    long readU64(String field) throws MalformedPacketException {
        require(8, field);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (buf[pos + i] & 0xFF);
        }
        pos += 8;
        return value;
    }

    /** Reads a varint (RFC 9000 §16), accepting non-minimal encodings. */
    long readVarint(String field) throws MalformedPacketException {
        require(1, field);
        int first = buf[pos] & 0xFF;
        int length = 1 << (first >>> 6);
        require(length, field);
        long value = first & 0x3F;
        for (int i = 1; i < length; i++) {
            value = (value << 8) | (buf[pos + i] & 0xFF);
        }
        pos += length;
        return value;
    }

    /**
     * Reads a varint length field and checks that that many bytes follow.
     *
     * @param max the largest length allowed by the protocol ({@code INVALID_FIELD} above it)
     */
    int readLength(String field, int max) throws MalformedPacketException {
        long length = readVarint(field);
        if (length > max) {
            throw new MalformedPacketException(Reason.INVALID_FIELD,
                    field + " " + length + " exceeds " + max);
        }
        require((int) length, field);
        return (int) length;
    }

    /** Skips {@code count} bytes, which must be present. */
    void skip(int count, String field) throws MalformedPacketException {
        require(count, field);
        pos += count;
    }

    private void require(int count, String field) throws MalformedPacketException {
        if (count > end - pos) {
            throw new MalformedPacketException(Reason.TRUNCATED, field + " runs past the end");
        }
    }
}
