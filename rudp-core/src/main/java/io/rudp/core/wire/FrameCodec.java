package io.rudp.core.wire;

import io.rudp.core.wire.MalformedPacketException.Reason;
import java.util.ArrayList;
import java.util.List;

/** Encodes and decodes the frames of a DATA packet's payload (PROTOCOL.md §2). */
final class FrameCodec {

    static final int TYPE_PADDING = 0x00;
    static final int TYPE_PING = 0x01;
    static final int TYPE_ACK = 0x02;
    static final int TYPE_MAX_DATA = 0x05;
    static final int TYPE_DATA_BLOCKED = 0x06;
    static final int TYPE_HANDSHAKE_DONE = 0x07;
    static final int TYPE_CLOSE = 0x08;

    private FrameCodec() {
    }

    /** Writes {@code frame}; exactly {@code frame.encodedLength()} bytes. */
    static void write(WireWriter w, Frame frame) {
        if (frame instanceof PaddingFrame padding) {
            w.writeZeros(padding.length());
        } else if (frame instanceof PingFrame) {
            w.writeU8(TYPE_PING);
        } else if (frame instanceof AckFrame ack) {
            writeAck(w, ack);
        } else if (frame instanceof StreamFrame stream) {
            w.writeU8(stream.fin() ? StreamFrame.TYPE_STREAM_FIN : StreamFrame.TYPE_STREAM);
            w.writeVarint(stream.offset());
            w.writeVarint(stream.dataLength());
            w.writeBytes(stream.data(), stream.dataOffset(), stream.dataLength());
        } else if (frame instanceof MaxDataFrame maxData) {
            w.writeU8(TYPE_MAX_DATA);
            w.writeVarint(maxData.maximumData());
        } else if (frame instanceof DataBlockedFrame blocked) {
            w.writeU8(TYPE_DATA_BLOCKED);
            w.writeVarint(blocked.limit());
        } else if (frame instanceof HandshakeDoneFrame) {
            w.writeU8(TYPE_HANDSHAKE_DONE);
        } else {
            CloseFrame close = (CloseFrame) frame;
            w.writeU8(TYPE_CLOSE);
            w.writeVarint(close.errorCode().code());
            w.writeVarint(close.reasonWireBytes());
            w.writeUtf8(close.reason(), Utf8.MAX_REASON_BYTES);
        }
    }

    private static void writeAck(WireWriter w, AckFrame ack) {
        long[] ranges = ack.ranges();
        // RFC 9000 §19.3: Largest, Delay, Range Count (ranges after the first), First Range.
        w.writeU8(TYPE_ACK);
        w.writeVarint(ranges[0]);
        w.writeVarint(ack.ackDelayMicros());
        w.writeVarint(ack.rangeCount() - 1L);
        w.writeVarint(ranges[0] - ranges[1]);
        for (int i = 2; i < ranges.length; i += 2) {
            // RFC 9000 §19.3.1: Gap = previous smallest - largest - 2;
            // ACK Range Length = largest - smallest.
            w.writeVarint(ranges[i - 1] - ranges[i] - 2);
            w.writeVarint(ranges[i] - ranges[i + 1]);
        }
    }

    /**
     * Reads frames until the reader's end. Runs of PADDING are folded into one frame. STREAM
     * frames reference the reader's array.
     *
     * @return the frames, possibly empty
     */
    static List<Frame> readAll(WireReader r) throws MalformedPacketException {
        List<Frame> frames = new ArrayList<>();
        while (r.remaining() > 0) {
            frames.add(read(r));
        }
        return frames;
    }

    private static Frame read(WireReader r) throws MalformedPacketException {
        int type = r.readU8("frame type");
        switch (type) {
            case TYPE_PADDING: {
                int length = 1;
                while (r.remaining() > 0 && r.peekU8() == TYPE_PADDING) {
                    r.skip(1, "padding");
                    length++;
                }
                return new PaddingFrame(length);
            }
            case TYPE_PING:
                return PingFrame.INSTANCE;
            case TYPE_ACK:
                return readAck(r);
            case StreamFrame.TYPE_STREAM:
            case StreamFrame.TYPE_STREAM_FIN:
                return readStream(r, type == StreamFrame.TYPE_STREAM_FIN);
            case TYPE_MAX_DATA:
                return new MaxDataFrame(r.readVarint("MAX_DATA maximum data"));
            case TYPE_DATA_BLOCKED:
                return new DataBlockedFrame(r.readVarint("DATA_BLOCKED limit"));
            case TYPE_HANDSHAKE_DONE:
                return HandshakeDoneFrame.INSTANCE;
            case TYPE_CLOSE: {
                ErrorCode code = ErrorCode.fromCode(r.readVarint("CLOSE error code"));
                return new CloseFrame(code, readReason(r, "CLOSE reason"));
            }
            default:
                throw new MalformedPacketException(Reason.UNKNOWN_FRAME_TYPE,
                        "frame type 0x" + Integer.toHexString(type));
        }
    }

    private static AckFrame readAck(WireReader r) throws MalformedPacketException {
        long largest = r.readVarint("ACK largest acknowledged");
        long delayMicros = r.readVarint("ACK delay");
        long extraRanges = r.readVarint("ACK range count");
        if (extraRanges > AckFrame.MAX_RANGES - 1) {
            throw new MalformedPacketException(Reason.INVALID_FIELD,
                    "ACK with " + (extraRanges + 1) + " ranges, at most " + AckFrame.MAX_RANGES);
        }
        long[] ranges = new long[2 * ((int) extraRanges + 1)];
        long firstRange = r.readVarint("ACK first range");
        // RFC 9000 §19.3.1: smallest = largest - First ACK Range; below 0 is malformed.
        long smallest = largest - firstRange;
        if (smallest < 0) {
            throw new MalformedPacketException(Reason.INVALID_FIELD, "ACK range below 0");
        }
        ranges[0] = largest;
        ranges[1] = smallest;
        for (int i = 2; i < ranges.length; i += 2) {
            long gap = r.readVarint("ACK gap");
            long length = r.readVarint("ACK range length");
            // RFC 9000 §19.3.1: next largest = previous smallest - Gap - 2. Both operands are
            // below 2^62, so the differences cannot overflow.
            long high = smallest - gap - 2;
            long low = high - length;
            if (high < 0 || low < 0) {
                throw new MalformedPacketException(Reason.INVALID_FIELD, "ACK range below 0");
            }
            ranges[i] = high;
            ranges[i + 1] = low;
            smallest = low;
        }
        return new AckFrame(delayMicros, ranges);
    }

    private static StreamFrame readStream(WireReader r, boolean fin)
            throws MalformedPacketException {
        long offset = r.readVarint("STREAM offset");
        long length = r.readVarint("STREAM length");
        if (length > r.remaining()) {
            throw new MalformedPacketException(Reason.TRUNCATED,
                    "STREAM data runs past the end of the packet");
        }
        // RFC 9000 §19.8: offset + length may not exceed 2^62-1.
        if (offset > Varint.MAX_VALUE - length) {
            throw new MalformedPacketException(Reason.INVALID_FIELD,
                    "STREAM data ends beyond 2^62-1");
        }
        int dataLength = (int) length;
        int dataOffset = r.position();
        r.skip(dataLength, "STREAM data");
        return new StreamFrame(offset, fin, r.array(), dataOffset, dataLength);
    }

    /** Reads a reason phrase: varint length (at most 255), then strict UTF-8. */
    static String readReason(WireReader r, String field) throws MalformedPacketException {
        int length = r.readLength(field + " length", Utf8.MAX_REASON_BYTES);
        int start = r.position();
        r.skip(length, field);
        return Utf8.decodeStrict(r.array(), start, length, field);
    }
}
