package io.rudp.core;

import io.rudp.core.wire.Packet;
import io.rudp.core.wire.PacketCodec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** Helpers to build raw datagrams for tests. */
final class WireFixtures {

    private WireFixtures() {
    }

    static byte[] encode(Packet p) {
        ByteBuffer b = ByteBuffer.allocate(70_000);
        int n = PacketCodec.encode(p, b);
        return Arrays.copyOf(b.array(), n);
    }

    /** The first {@code length - 4} bytes of {@code datagram}, followed by a correct CRC32C. */
    static byte[] withFreshChecksum(byte[] datagram, int length) {
        byte[] copy = Arrays.copyOf(datagram, length);
        CRC32C crc = new CRC32C();
        crc.update(copy, 0, length - 4);
        ByteBuffer.wrap(copy).putInt(length - 4, (int) crc.getValue());
        return copy;
    }
}
