package io.rudp.core.wire;

import io.rudp.core.wire.MalformedPacketException.Reason;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Decodes one DATA datagram at a time into reused primitive arrays, with no frame records and no
 * allocation on the hot path: the engine's receive path. It accepts and rejects exactly the
 * datagrams {@link PacketCodec#decode} does, for the same {@link Reason}, and reports the same
 * frames (runs of PADDING folded into one), so a packet is checked whole before any frame is
 * acted on.
 *
 * <p>After a successful {@link #read}, frame {@code i} ({@code 0 <= i < frameCount()}) is read
 * with the accessors for its {@link #frameType}. STREAM data stays in the datagram's array
 * ({@link #array()}); consume it before the array is reused. Only CLOSE frames, which end a
 * connection, are decoded into a record.
 *
 * <p>Reusable and not thread-safe (one per engine thread). Its arrays grow with the largest frame
 * count seen, which a datagram's length bounds.
 */
public final class DataPacketReader {

    /** Frame type codes, as on the wire (PROTOCOL.md §2). */
    public static final int PADDING = FrameCodec.TYPE_PADDING;
    /** PING. */
    public static final int PING = FrameCodec.TYPE_PING;
    /** ACK. */
    public static final int ACK = FrameCodec.TYPE_ACK;
    /** STREAM. */
    public static final int STREAM = StreamFrame.TYPE_STREAM;
    /** STREAM_FIN. */
    public static final int STREAM_FIN = StreamFrame.TYPE_STREAM_FIN;
    /** MAX_DATA. */
    public static final int MAX_DATA = FrameCodec.TYPE_MAX_DATA;
    /** DATA_BLOCKED. */
    public static final int DATA_BLOCKED = FrameCodec.TYPE_DATA_BLOCKED;
    /** HANDSHAKE_DONE. */
    public static final int HANDSHAKE_DONE = FrameCodec.TYPE_HANDSHAKE_DONE;
    /** CLOSE. */
    public static final int CLOSE = FrameCodec.TYPE_CLOSE;

    private static final int MIN_DATAGRAM_BYTES = PacketCodec.PREFIX_BYTES + PacketCodec.CHECKSUM_BYTES;

    private final CRC32C crc = new CRC32C();
    private final WireReader reader = new WireReader(null, 0, 0);
    private byte[] buf;
    private long destinationConnectionId;
    private long packetNumber;
    private int frameCount;
    private int[] types = new int[8];
    /** ACK: delay; STREAM: offset; MAX_DATA, DATA_BLOCKED: the value; PADDING: the run length. */
    private long[] values = new long[8];
    /** ACK: index of its first range in {@link #ranges}; STREAM: data index in {@link #buf}. */
    private int[] starts = new int[8];
    /** ACK: range count; STREAM: data length. */
    private int[] lengths = new int[8];
    private CloseFrame[] closes = new CloseFrame[8];
    private long[] ranges = new long[2 * AckFrame.MAX_RANGES];
    private int rangesUsed;

    /**
     * Decodes the DATA datagram {@code buf[offset, offset + length)}. On failure the reader holds
     * no packet.
     *
     * @throws MalformedPacketException for any datagram that is not a valid DATA packet (the same
     *     reason {@link PacketCodec#decode} gives; a valid packet of another type is
     *     {@link Reason#INVALID_FIELD})
     */
    public void read(byte[] buf, int offset, int length) throws MalformedPacketException {
        this.buf = buf;
        frameCount = 0;
        rangesUsed = 0;
        try {
            decode(buf, offset, length);
        } catch (MalformedPacketException e) {
            frameCount = 0;
            throw e;
        }
    }

    private void decode(byte[] buf, int start, int length) throws MalformedPacketException {
        if (length < MIN_DATAGRAM_BYTES) {
            throw new MalformedPacketException(Reason.TRUNCATED,
                    length + "-byte datagram, at least " + MIN_DATAGRAM_BYTES + " needed");
        }
        int crcAt = start + length - PacketCodec.CHECKSUM_BYTES;
        // PROTOCOL.md §1: CRC32C over bytes 0 .. length-5, checked before anything else.
        crc.reset();
        crc.update(buf, start, length - PacketCodec.CHECKSUM_BYTES);
        if (readU32(buf, crcAt) != crc.getValue()) {
            throw new MalformedPacketException(Reason.BAD_CHECKSUM, "CRC32C mismatch");
        }
        WireReader r = reader.reset(buf, start, crcAt);
        int version = r.readU8("version");
        if (version != PacketCodec.VERSION) {
            throw new MalformedPacketException(Reason.UNKNOWN_VERSION, "version " + version);
        }
        int typeCode = r.readU8("type");
        if (typeCode != PacketType.DATA.code()) {
            throw new MalformedPacketException(Reason.INVALID_FIELD,
                    "packet type 0x" + Integer.toHexString(typeCode) + " is not DATA");
        }
        destinationConnectionId = r.readU64("destination connection id");
        if (destinationConnectionId == 0) {
            throw new MalformedPacketException(Reason.INVALID_FIELD, "destination connection id is 0");
        }
        packetNumber = r.readU32("packet number");
        while (r.remaining() > 0) {
            readFrame(r);
        }
        if (frameCount == 0) {
            throw new MalformedPacketException(Reason.INVALID_FIELD, "DATA packet without frames");
        }
    }

    private void readFrame(WireReader r) throws MalformedPacketException {
        int i = newFrame();
        int type = r.readU8("frame type");
        types[i] = type;
        switch (type) {
            case PADDING: {
                int run = 1;
                while (r.remaining() > 0 && r.peekU8() == PADDING) {
                    r.skip(1, "padding");
                    run++;
                }
                values[i] = run;
                return;
            }
            case PING:
            case HANDSHAKE_DONE:
                return;
            case ACK:
                readAck(r, i);
                return;
            case STREAM:
            case STREAM_FIN:
                readStream(r, i);
                return;
            case MAX_DATA:
                values[i] = r.readVarint("MAX_DATA maximum data");
                return;
            case DATA_BLOCKED:
                values[i] = r.readVarint("DATA_BLOCKED limit");
                return;
            case CLOSE: {
                ErrorCode code = ErrorCode.fromCode(r.readVarint("CLOSE error code"));
                closes[i] = new CloseFrame(code, FrameCodec.readReason(r, "CLOSE reason"));
                return;
            }
            default:
                throw new MalformedPacketException(Reason.UNKNOWN_FRAME_TYPE,
                        "frame type 0x" + Integer.toHexString(type));
        }
    }

    /** RFC 9000 §19.3, with the checks of {@code FrameCodec}: at most 64 ranges, none below 0. */
    private void readAck(WireReader r, int i) throws MalformedPacketException {
        long largest = r.readVarint("ACK largest acknowledged");
        values[i] = r.readVarint("ACK delay");
        long extraRanges = r.readVarint("ACK range count");
        if (extraRanges > AckFrame.MAX_RANGES - 1) {
            throw new MalformedPacketException(Reason.INVALID_FIELD,
                    "ACK with " + (extraRanges + 1) + " ranges, at most " + AckFrame.MAX_RANGES);
        }
        int count = (int) extraRanges + 1;
        if (rangesUsed + 2 * count > ranges.length) {
            ranges = Arrays.copyOf(ranges, Math.max(2 * ranges.length, rangesUsed + 2 * count));
        }
        int at = rangesUsed;
        long firstRange = r.readVarint("ACK first range");
        // RFC 9000 §19.3.1: smallest = largest - First ACK Range; below 0 is malformed.
        long smallest = largest - firstRange;
        if (smallest < 0) {
            throw new MalformedPacketException(Reason.INVALID_FIELD, "ACK range below 0");
        }
        ranges[at] = largest;
        ranges[at + 1] = smallest;
        for (int k = 1; k < count; k++) {
            long gap = r.readVarint("ACK gap");
            long length = r.readVarint("ACK range length");
            // RFC 9000 §19.3.1: next largest = previous smallest - Gap - 2 (no overflow below 2^62).
            long high = smallest - gap - 2;
            long low = high - length;
            if (high < 0 || low < 0) {
                throw new MalformedPacketException(Reason.INVALID_FIELD, "ACK range below 0");
            }
            ranges[at + 2 * k] = high;
            ranges[at + 2 * k + 1] = low;
            smallest = low;
        }
        starts[i] = at;
        lengths[i] = count;
        rangesUsed = at + 2 * count;
    }

    private void readStream(WireReader r, int i) throws MalformedPacketException {
        long offset = r.readVarint("STREAM offset");
        long length = r.readVarint("STREAM length");
        if (length > r.remaining()) {
            throw new MalformedPacketException(Reason.TRUNCATED, "STREAM data runs past the end of the packet");
        }
        // RFC 9000 §19.8: offset + length may not exceed 2^62-1.
        if (offset > Varint.MAX_VALUE - length) {
            throw new MalformedPacketException(Reason.INVALID_FIELD, "STREAM data ends beyond 2^62-1");
        }
        values[i] = offset;
        starts[i] = r.position();
        lengths[i] = (int) length;
        r.skip((int) length, "STREAM data");
    }

    private int newFrame() {
        if (frameCount == types.length) {
            int capacity = 2 * types.length;
            types = Arrays.copyOf(types, capacity);
            values = Arrays.copyOf(values, capacity);
            starts = Arrays.copyOf(starts, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
            closes = Arrays.copyOf(closes, capacity);
        }
        closes[frameCount] = null;
        return frameCount++;
    }

    private static long readU32(byte[] buf, int at) {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (buf[at + i] & 0xFF);
        }
        return value;
    }

    // ---------------------------------------------------------------- the decoded packet

    /** The destination connection id. */
    public long destinationConnectionId() {
        return destinationConnectionId;
    }

    /** The truncated packet number, 0..2^32-1 (restore it with {@link PacketNumbers#restore}). */
    public long packetNumber() {
        return packetNumber;
    }

    /** How many frames the packet holds (a run of PADDING counts once). */
    public int frameCount() {
        return frameCount;
    }

    /** The wire type of frame {@code i}: one of the constants of this class. */
    public int frameType(int i) {
        return types[check(i)];
    }

    /** Whether frame {@code i} is ack-eliciting (every type but PADDING, ACK and CLOSE). */
    public boolean isAckEliciting(int i) {
        int type = frameType(i);
        return type != PADDING && type != ACK && type != CLOSE;
    }

    /** The datagram's array, which STREAM data indexes point into. */
    public byte[] array() {
        return buf;
    }

    /** ACK frame {@code i}: the ACK Delay field in microseconds. */
    public long ackDelayMicros(int i) {
        return values[check(i, ACK)];
    }

    /** ACK frame {@code i}: how many ranges, 1..64. */
    public int ackRangeCount(int i) {
        return lengths[check(i, ACK)];
    }

    /**
     * ACK frame {@code i}: copies its ranges as {@code [high0, low0, high1, low1, ...]},
     * highest first, into {@code dst}, which must hold {@code 2 * ackRangeCount(i)} values.
     *
     * @return the number of ranges copied
     */
    public int copyAckRanges(int i, long[] dst) {
        int count = ackRangeCount(i);
        System.arraycopy(ranges, starts[i], dst, 0, 2 * count);
        return count;
    }

    /** STREAM frame {@code i}: the stream offset of its first byte. */
    public long streamOffset(int i) {
        return values[checkStream(i)];
    }

    /** STREAM frame {@code i}: whether it is STREAM_FIN. */
    public boolean streamFin(int i) {
        return types[checkStream(i)] == STREAM_FIN;
    }

    /** STREAM frame {@code i}: where its data starts in {@link #array()}. */
    public int streamDataOffset(int i) {
        return starts[checkStream(i)];
    }

    /** STREAM frame {@code i}: how many data bytes. */
    public int streamDataLength(int i) {
        return lengths[checkStream(i)];
    }

    /** MAX_DATA or DATA_BLOCKED frame {@code i}: its value; PADDING: the run's length. */
    public long value(int i) {
        int type = frameType(i);
        if (type != MAX_DATA && type != DATA_BLOCKED && type != PADDING) {
            throw new IllegalStateException("frame " + i + " has type " + type + ", no single value");
        }
        return values[i];
    }

    /** CLOSE frame {@code i}, as a record. */
    public CloseFrame closeFrame(int i) {
        return closes[check(i, CLOSE)];
    }

    private int check(int i) {
        if (i < 0 || i >= frameCount) {
            throw new IndexOutOfBoundsException("frame " + i + " of " + frameCount);
        }
        return i;
    }

    private int check(int i, int type) {
        if (frameType(i) != type) {
            throw new IllegalStateException("frame " + i + " has type " + types[i] + ", not " + type);
        }
        return i;
    }

    private int checkStream(int i) {
        int type = frameType(i);
        if (type != STREAM && type != STREAM_FIN) {
            throw new IllegalStateException("frame " + i + " has type " + type + ", not STREAM");
        }
        return i;
    }
}
