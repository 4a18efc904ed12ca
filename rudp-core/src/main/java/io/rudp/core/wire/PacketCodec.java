package io.rudp.core.wire;

import io.rudp.core.wire.MalformedPacketException.Reason;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Encodes packets into datagrams and decodes datagrams into packets (PROTOCOL.md §1-§3).
 *
 * <p>Every datagram is: Version (8), Type (8), Destination Connection ID (64), type-specific
 * fields, CRC32C (32) over all bytes before it. Stateless and thread-safe.
 */
public final class PacketCodec {

    /** The protocol version this codec speaks. */
    public static final int VERSION = 1;
    /** Version, type and DCID. */
    public static final int PREFIX_BYTES = 10;
    /** The CRC32C trailer. */
    public static final int CHECKSUM_BYTES = 4;
    /** Prefix plus the 32-bit truncated packet number of a DATA packet. */
    public static final int DATA_HEADER_BYTES = 14;
    /** INITIAL and RESPONSE datagrams are padded to at least this many bytes. */
    public static final int MIN_HANDSHAKE_DATAGRAM_BYTES = 1200;

    /** PROTOCOL.md §1: prefix plus CRC; no packet is shorter. */
    private static final int MIN_DATAGRAM_BYTES = PREFIX_BYTES + CHECKSUM_BYTES;
    private static final int CONNECTION_ID_BYTES = 8;

    private PacketCodec() {
    }

    /**
     * Encodes {@code p} at {@code out}'s position, advancing the position past the datagram.
     * INITIAL and RESPONSE are zero-padded to 1,200 bytes; the CRC32C is appended.
     *
     * @param p the packet
     * @param out the destination; written through its backing array when it has one, otherwise
     *     with one bulk put
     * @return the datagram length in bytes, {@code encodedLength(p)}
     * @throws IllegalArgumentException if {@code out} has fewer than {@code encodedLength(p)}
     *     bytes remaining; {@code out} is then unchanged
     */
    public static int encode(Packet p, ByteBuffer out) {
        int length = encodedLength(p);
        if (out.remaining() < length) {
            throw new IllegalArgumentException("packet needs " + length + " bytes, buffer has "
                    + out.remaining());
        }
        int position = out.position();
        if (out.hasArray()) {
            writeDatagram(p, out.array(), out.arrayOffset() + position, length);
            out.position(position + length);
        } else {
            byte[] datagram = new byte[length];
            writeDatagram(p, datagram, 0, length);
            out.put(datagram);
        }
        return length;
    }

    /**
     * Returns the exact datagram size {@link #encode} produces for {@code p}, padding and
     * checksum included.
     *
     * @param p the packet
     * @return the size in bytes
     * @throws IllegalArgumentException if the packet could never fit a datagram (over 2 GiB)
     */
    public static int encodedLength(Packet p) {
        return PREFIX_BYTES + bodyLength(p) + paddingLength(p) + CHECKSUM_BYTES;
    }

    /**
     * Decodes the datagram between {@code in}'s position and limit. The CRC is checked first,
     * then the version, the type and the fields. On success the position is moved to the limit;
     * on failure it is unchanged.
     *
     * <p>STREAM frames of a decoded DATA packet reference {@code in}'s backing array when
     * {@code in.hasArray()}; otherwise they reference a private copy of the datagram. A decoded
     * DATA packet's {@code packetNumber} is the truncated value 0..2^32-1.
     *
     * @param in the received datagram
     * @return the packet
     * @throws MalformedPacketException for any datagram that is not a valid packet; no other
     *     exception is thrown for any content of {@code in}
     */
    public static Packet decode(ByteBuffer in) throws MalformedPacketException {
        int length = in.remaining();
        if (length < MIN_DATAGRAM_BYTES) {
            throw new MalformedPacketException(Reason.TRUNCATED,
                    length + "-byte datagram, at least " + MIN_DATAGRAM_BYTES + " needed");
        }
        byte[] buf;
        int start;
        if (in.hasArray()) {
            buf = in.array();
            start = in.arrayOffset() + in.position();
        } else {
            buf = new byte[length];
            in.get(in.position(), buf);
            start = 0;
        }
        Packet packet = decode(buf, start, length);
        in.position(in.limit());
        return packet;
    }

    private static Packet decode(byte[] buf, int start, int length)
            throws MalformedPacketException {
        int crcAt = start + length - CHECKSUM_BYTES;
        // PROTOCOL.md §1: CRC32C over bytes 0 .. length-5, checked before anything else.
        WireReader trailer = new WireReader(buf, crcAt, crcAt + CHECKSUM_BYTES);
        if (trailer.readU32("CRC32C") != crc(buf, start, length - CHECKSUM_BYTES)) {
            throw new MalformedPacketException(Reason.BAD_CHECKSUM, "CRC32C mismatch");
        }
        WireReader r = new WireReader(buf, start, crcAt);
        int version = r.readU8("version");
        if (version != VERSION) {
            throw new MalformedPacketException(Reason.UNKNOWN_VERSION, "version " + version);
        }
        int typeCode = r.readU8("type");
        PacketType type = PacketType.fromCode(typeCode);
        if (type == null) {
            throw new MalformedPacketException(Reason.UNKNOWN_PACKET_TYPE,
                    "packet type 0x" + Integer.toHexString(typeCode));
        }
        if ((type == PacketType.INITIAL || type == PacketType.RESPONSE)
                && length < MIN_HANDSHAKE_DATAGRAM_BYTES) {
            throw new MalformedPacketException(Reason.HANDSHAKE_TOO_SMALL,
                    type + " datagram of " + length + " bytes");
        }
        long dcid = r.readU64("destination connection id");
        return switch (type) {
            case INITIAL -> decodeInitial(r, dcid);
            case CHALLENGE, RESPONSE -> decodeHandshake(r, type, dcid);
            case DATA -> decodeData(r, dcid);
            case REFUSE -> decodeRefuse(r, dcid);
        };
    }

    private static InitialPacket decodeInitial(WireReader r, long dcid)
            throws MalformedPacketException {
        // PROTOCOL.md §1: the DCID of an INITIAL is 0; the rest after the SCID is padding,
        // whose content is ignored.
        if (dcid != 0) {
            throw invalid("INITIAL with a non-zero destination connection id");
        }
        long scid = readConnectionId(r, "source connection id");
        return new InitialPacket(dcid, scid);
    }

    private static Packet decodeHandshake(WireReader r, PacketType type, long dcid)
            throws MalformedPacketException {
        requireNonZero(dcid, "destination connection id");
        long scid = readConnectionId(r, "source connection id");
        int tokenLength = r.readLength("token length", ChallengePacket.MAX_TOKEN_BYTES);
        int tokenStart = r.position();
        r.skip(tokenLength, "token");
        byte[] token = Arrays.copyOfRange(r.array(), tokenStart, tokenStart + tokenLength);
        TransportParameters params = TransportParametersCodec.read(r);
        if (type == PacketType.CHALLENGE) {
            requireEnd(r, "CHALLENGE");
            return new ChallengePacket(dcid, scid, token, params);
        }
        return new ResponsePacket(dcid, scid, token, params); // the rest is padding
    }

    private static DataPacket decodeData(WireReader r, long dcid)
            throws MalformedPacketException {
        requireNonZero(dcid, "destination connection id");
        long packetNumber = r.readU32("packet number");
        List<Frame> frames = FrameCodec.readAll(r);
        if (frames.isEmpty()) {
            throw invalid("DATA packet without frames");
        }
        return new DataPacket(dcid, packetNumber, frames);
    }

    private static RefusePacket decodeRefuse(WireReader r, long dcid)
            throws MalformedPacketException {
        requireNonZero(dcid, "destination connection id");
        ErrorCode code = ErrorCode.fromCode(r.readVarint("REFUSE error code"));
        String reason = FrameCodec.readReason(r, "REFUSE reason");
        requireEnd(r, "REFUSE");
        return new RefusePacket(dcid, code, reason);
    }

    private static long readConnectionId(WireReader r, String field)
            throws MalformedPacketException {
        long id = r.readU64(field);
        requireNonZero(id, field);
        return id;
    }

    private static void requireNonZero(long id, String field) throws MalformedPacketException {
        if (id == 0) {
            throw invalid(field + " is 0");
        }
    }

    private static void requireEnd(WireReader r, String what) throws MalformedPacketException {
        if (r.remaining() != 0) {
            throw invalid(r.remaining() + " trailing bytes after " + what);
        }
    }

    private static MalformedPacketException invalid(String detail) {
        return new MalformedPacketException(Reason.INVALID_FIELD, detail);
    }

    /** Bytes between the prefix and the padding/CRC. */
    private static int bodyLength(Packet p) {
        if (p instanceof InitialPacket) {
            return CONNECTION_ID_BYTES;
        }
        if (p instanceof ChallengePacket challenge) {
            return handshakeBodyLength(challenge.token(), challenge.params());
        }
        if (p instanceof ResponsePacket response) {
            return handshakeBodyLength(response.token(), response.params());
        }
        if (p instanceof DataPacket data) {
            long length = DATA_HEADER_BYTES - PREFIX_BYTES;
            for (Frame frame : data.frames()) {
                length += frame.encodedLength();
            }
            if (length > Integer.MAX_VALUE - PREFIX_BYTES - CHECKSUM_BYTES) {
                throw new IllegalArgumentException("DATA packet too large: " + length);
            }
            return (int) length;
        }
        RefusePacket refuse = (RefusePacket) p;
        int reasonBytes = Utf8.cutLength(refuse.reason(), Utf8.MAX_REASON_BYTES);
        return Varint.encodedLength(refuse.errorCode().code())
                + Varint.encodedLength(reasonBytes) + reasonBytes;
    }

    private static int handshakeBodyLength(byte[] token, TransportParameters params) {
        return CONNECTION_ID_BYTES + Varint.encodedLength(token.length) + token.length
                + TransportParametersCodec.encodedLength(params);
    }

    private static int paddingLength(Packet p) {
        if (p instanceof InitialPacket || p instanceof ResponsePacket) {
            int unpadded = PREFIX_BYTES + bodyLength(p) + CHECKSUM_BYTES;
            return Math.max(0, MIN_HANDSHAKE_DATAGRAM_BYTES - unpadded);
        }
        return 0;
    }

    private static void writeDatagram(Packet p, byte[] buf, int start, int length) {
        WireWriter w = new WireWriter(buf, start);
        w.writeU8(VERSION);
        w.writeU8(p.type().code());
        w.writeU64(p.destinationConnectionId());
        if (p instanceof InitialPacket initial) {
            w.writeU64(initial.sourceConnectionId());
        } else if (p instanceof ChallengePacket challenge) {
            writeHandshake(w, challenge.sourceConnectionId(), challenge.token(),
                    challenge.params());
        } else if (p instanceof ResponsePacket response) {
            writeHandshake(w, response.sourceConnectionId(), response.token(), response.params());
        } else if (p instanceof DataPacket data) {
            // PROTOCOL.md §1: only the low 32 bits of the packet number are sent.
            w.writeU32(data.packetNumber());
            for (Frame frame : data.frames()) {
                FrameCodec.write(w, frame);
            }
        } else {
            RefusePacket refuse = (RefusePacket) p;
            w.writeVarint(refuse.errorCode().code());
            w.writeVarint(Utf8.cutLength(refuse.reason(), Utf8.MAX_REASON_BYTES));
            w.writeUtf8(refuse.reason(), Utf8.MAX_REASON_BYTES);
        }
        int crcAt = start + length - CHECKSUM_BYTES;
        w.writeZeros(crcAt - w.position()); // INITIAL/RESPONSE padding; zero elsewhere
        w.writeU32(crc(buf, start, length - CHECKSUM_BYTES));
    }

    private static void writeHandshake(WireWriter w, long scid, byte[] token,
                                       TransportParameters params) {
        w.writeU64(scid);
        w.writeVarint(token.length);
        w.writeBytes(token, 0, token.length);
        TransportParametersCodec.write(w, params);
    }

    private static long crc(byte[] buf, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buf, offset, length);
        return crc.getValue();
    }
}
