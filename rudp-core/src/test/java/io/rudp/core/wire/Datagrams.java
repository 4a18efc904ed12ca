package io.rudp.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** Test helpers: encode/decode round trips and hand-built datagrams with a valid CRC. */
final class Datagrams {

    private Datagrams() {
    }

    /** Encodes {@code p}, checks the reported length, and returns the datagram bytes. */
    static byte[] encode(Packet p) {
        ByteBuffer out = ByteBuffer.allocate(PacketCodec.encodedLength(p) + 7);
        out.position(3); // not at index 0, to catch offset mistakes
        int length = PacketCodec.encode(p, out);
        assertThat(length).isEqualTo(PacketCodec.encodedLength(p));
        assertThat(out.position()).isEqualTo(3 + length);
        return Arrays.copyOfRange(out.array(), 3, 3 + length);
    }

    /** Decodes a whole byte array. */
    static Packet decode(byte[] datagram) throws MalformedPacketException {
        ByteBuffer in = ByteBuffer.wrap(datagram);
        Packet p = PacketCodec.decode(in);
        assertThat(in.hasRemaining()).isFalse();
        return p;
    }

    /** Encodes then decodes. */
    static Packet roundTrip(Packet p) throws MalformedPacketException {
        return decode(encode(p));
    }

    /** The reason {@code datagram} is rejected with; fails if it decodes. */
    static MalformedPacketException.Reason rejection(byte[] datagram) {
        MalformedPacketException e = catchThrowableOfType(MalformedPacketException.class,
                () -> decode(datagram));
        assertThat(e).as("expected the datagram to be rejected").isNotNull();
        return e.reason();
    }

    /** Overwrites the last four bytes with the CRC32C of the rest. */
    static byte[] resealed(byte[] datagram) {
        CRC32C crc = new CRC32C();
        crc.update(datagram, 0, datagram.length - 4);
        long value = crc.getValue();
        for (int i = 0; i < 4; i++) {
            datagram[datagram.length - 1 - i] = (byte) (value >>> (8 * i));
        }
        return datagram;
    }

    /** Builds raw datagram bytes field by field; {@link #seal()} appends the CRC. */
    static final class Builder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        /** Starts with version 1, {@code type} and {@code dcid}. */
        static Builder packet(int type, long dcid) {
            return new Builder().u8(PacketCodec.VERSION).u8(type).u64(dcid);
        }

        Builder u8(int value) {
            bytes.write(value);
            return this;
        }

        Builder u32(long value) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes.write((int) (value >>> shift));
            }
            return this;
        }

        Builder u64(long value) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes.write((int) (value >>> shift));
            }
            return this;
        }

        Builder varint(long value) {
            ByteBuffer b = ByteBuffer.allocate(8);
            Varint.write(b, value);
            bytes.write(b.array(), 0, b.position());
            return this;
        }

        Builder raw(int... raw) {
            for (int b : raw) {
                bytes.write(b);
            }
            return this;
        }

        /** Pads with {@code fill} so that the sealed datagram is {@code total} bytes long. */
        Builder padTo(int total, int fill) {
            while (bytes.size() < total - 4) {
                bytes.write(fill);
            }
            return this;
        }

        byte[] seal() {
            byte[] body = bytes.toByteArray();
            return resealed(Arrays.copyOf(body, body.length + 4));
        }
    }
}
