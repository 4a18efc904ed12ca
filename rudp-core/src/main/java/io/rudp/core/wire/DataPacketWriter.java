package io.rudp.core.wire;

import java.util.zip.CRC32C;

/**
 * Writes one DATA packet at a time straight into a byte array, frame by frame, with no frame
 * records and no allocation: the engine's send path. The bytes are exactly those
 * {@link PacketCodec#encode} produces for the equivalent {@link DataPacket} (PROTOCOL.md §1-§2).
 *
 * <p>Use: {@link #begin}, then frames in wire order, then {@link #finish}, which appends the
 * CRC32C and returns the datagram's length. STREAM data is not passed in: {@link #reserveStream}
 * writes the frame's header and returns where in {@link #array()} the caller copies the data, so
 * stream bytes are copied once, from the send buffer into the datagram.
 *
 * <p>Reusable and not thread-safe (one per engine thread). Writing past the capacity given to
 * {@link #begin} throws {@link IllegalArgumentException}: the caller sizes packets, a peer never
 * does.
 */
public final class DataPacketWriter {

    private final CRC32C crc = new CRC32C();
    private byte[] buf;
    private int start;
    private int pos;
    private int end;

    /**
     * Starts a DATA packet: writes the version, type, destination connection id and the low 32
     * bits of the packet number (PROTOCOL.md §1).
     *
     * @param buf where the datagram goes
     * @param offset the index of its first byte
     * @param capacity the most bytes the datagram may take, checksum included
     * @param destinationConnectionId the receiver's connection id, non-zero
     * @param packetNumber the full packet number, 0..2^62-1
     * @throws IllegalArgumentException if the capacity cannot hold a header and checksum, or a
     *     field is out of range
     */
    public void begin(byte[] buf, int offset, int capacity, long destinationConnectionId, long packetNumber) {
        ConnectionIds.requireNonZero(destinationConnectionId, "destinationConnectionId");
        if (packetNumber < 0 || packetNumber > Varint.MAX_VALUE) {
            throw new IllegalArgumentException("packet number out of range: " + packetNumber);
        }
        if (offset < 0 || capacity < PacketCodec.DATA_HEADER_BYTES + PacketCodec.CHECKSUM_BYTES
                || capacity > buf.length - offset) {
            throw new IllegalArgumentException("no room for a DATA packet: capacity " + capacity
                    + " at " + offset + " of " + buf.length);
        }
        this.buf = buf;
        this.start = offset;
        this.pos = offset;
        this.end = offset + capacity - PacketCodec.CHECKSUM_BYTES;
        buf[pos++] = (byte) PacketCodec.VERSION;
        buf[pos++] = (byte) PacketType.DATA.code();
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (destinationConnectionId >>> shift);
        }
        // PROTOCOL.md §1: only the low 32 bits of the packet number travel.
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (packetNumber >>> shift);
        }
    }

    /** The array the datagram is written into. */
    public byte[] array() {
        return buf;
    }

    /** Bytes written so far (header and frames). */
    public int length() {
        return pos - start;
    }

    /** Bytes frames may still take before the checksum. */
    public int remaining() {
        return end - pos;
    }

    /**
     * The encoded size of an ACK frame (RFC 9000 §19.3) with these ranges.
     *
     * @param ackDelayMicros the ACK Delay field
     * @param ranges {@code [high0, low0, high1, low1, ...]}, strictly descending with gaps
     * @param rangeCount how many pairs are used, at least 1
     * @return the frame's size in bytes
     */
    public static int ackLength(long ackDelayMicros, long[] ranges, int rangeCount) {
        int length = 1 + Varint.encodedLength(ranges[0]) + Varint.encodedLength(ackDelayMicros)
                + Varint.encodedLength(rangeCount - 1L) + Varint.encodedLength(ranges[0] - ranges[1]);
        for (int i = 2; i < 2 * rangeCount; i += 2) {
            length += Varint.encodedLength(ranges[i - 1] - ranges[i] - 2)
                    + Varint.encodedLength(ranges[i] - ranges[i + 1]);
        }
        return length;
    }

    /**
     * Writes an ACK frame.
     *
     * @param ackDelayMicros the ACK Delay field
     * @param ranges {@code [high0, low0, high1, low1, ...]}, strictly descending with a gap
     *     between ranges (as {@link AckFrame} requires)
     * @param rangeCount how many pairs to write, 1..{@link AckFrame#MAX_RANGES}
     * @throws IllegalArgumentException if the ranges are malformed or do not fit
     */
    public void ack(long ackDelayMicros, long[] ranges, int rangeCount) {
        if (rangeCount < 1 || rangeCount > AckFrame.MAX_RANGES || 2 * rangeCount > ranges.length) {
            throw new IllegalArgumentException("need 1.." + AckFrame.MAX_RANGES + " ranges, got " + rangeCount);
        }
        for (int i = 0; i < 2 * rangeCount; i += 2) {
            if (ranges[i + 1] < 0 || ranges[i + 1] > ranges[i] || (i > 0 && ranges[i] > ranges[i - 1] - 2)) {
                throw new IllegalArgumentException("ACK ranges not strictly descending with gaps at range " + i / 2);
            }
        }
        require(ackLength(ackDelayMicros, ranges, rangeCount));
        // RFC 9000 §19.3: Largest, Delay, Range Count (ranges after the first), First Range.
        buf[pos++] = (byte) FrameCodec.TYPE_ACK;
        pos = Varint.write(buf, pos, ranges[0]);
        pos = Varint.write(buf, pos, ackDelayMicros);
        pos = Varint.write(buf, pos, rangeCount - 1L);
        pos = Varint.write(buf, pos, ranges[0] - ranges[1]);
        for (int i = 2; i < 2 * rangeCount; i += 2) {
            // RFC 9000 §19.3.1: Gap = previous smallest - largest - 2; Length = largest - smallest.
            pos = Varint.write(buf, pos, ranges[i - 1] - ranges[i] - 2);
            pos = Varint.write(buf, pos, ranges[i] - ranges[i + 1]);
        }
    }

    /**
     * Writes the header of a STREAM (or STREAM_FIN) frame and reserves room for its data.
     *
     * @param offset the stream offset of the first byte
     * @param fin whether the stream ends after these bytes
     * @param length how many data bytes follow
     * @return the index in {@link #array()} where the caller puts the {@code length} data bytes
     * @throws IllegalArgumentException if the frame does not fit or the offsets are out of range
     */
    public int reserveStream(long offset, boolean fin, int length) {
        if (length < 0 || offset < 0 || offset > Varint.MAX_VALUE - length) {
            throw new IllegalArgumentException("stream range out of range: " + offset + " + " + length);
        }
        require(StreamFrame.overheadBytes(offset, length) + length);
        buf[pos++] = (byte) (fin ? StreamFrame.TYPE_STREAM_FIN : StreamFrame.TYPE_STREAM);
        pos = Varint.write(buf, pos, offset);
        pos = Varint.write(buf, pos, length);
        int dataAt = pos;
        pos += length;
        return dataAt;
    }

    /** Writes a MAX_DATA frame. */
    public void maxData(long maximumData) {
        varintFrame(FrameCodec.TYPE_MAX_DATA, maximumData);
    }

    /** Writes a DATA_BLOCKED frame. */
    public void dataBlocked(long limit) {
        varintFrame(FrameCodec.TYPE_DATA_BLOCKED, limit);
    }

    /** Writes a HANDSHAKE_DONE frame. */
    public void handshakeDone() {
        require(1);
        buf[pos++] = (byte) FrameCodec.TYPE_HANDSHAKE_DONE;
    }

    /** Writes a PING frame. */
    public void ping() {
        require(1);
        buf[pos++] = (byte) FrameCodec.TYPE_PING;
    }

    /** Writes any frame from its record (the rare ones, such as CLOSE). */
    public void frame(Frame frame) {
        require(frame.encodedLength());
        WireWriter w = new WireWriter(buf, pos);
        FrameCodec.write(w, frame);
        pos = w.position();
    }

    /**
     * Appends the CRC32C over everything written (PROTOCOL.md §1) and ends the packet.
     *
     * @return the datagram's length in bytes
     */
    public int finish() {
        crc.reset();
        crc.update(buf, start, pos - start);
        long value = crc.getValue();
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (value >>> shift);
        }
        int length = pos - start;
        buf = null;
        return length;
    }

    private void varintFrame(int type, long value) {
        require(1 + Varint.encodedLength(value));
        buf[pos++] = (byte) type;
        pos = Varint.write(buf, pos, value);
    }

    private void require(int bytes) {
        if (buf == null) {
            throw new IllegalStateException("begin() a packet first");
        }
        if (bytes > end - pos) {
            throw new IllegalArgumentException("frame of " + bytes + " bytes does not fit: " + (end - pos) + " left");
        }
    }
}
