package io.rudp.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.wire.MalformedPacketException.Reason;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** CRC32C detects every single-bit error (PROTOCOL.md §1: a mismatch drops the datagram). */
class SingleBitCorruptionTest {

    private static List<Packet> samples() {
        RandomPackets random = new RandomPackets(new Random(99));
        return List.of(
                new InitialPacket(0, 0x1234_5678_9ABC_DEF0L),
                new ChallengePacket(3, 4, new byte[255], TransportParameters.DEFAULTS),
                new ResponsePacket(4, 3, new byte[] {1, 2, 3}, TransportParameters.DEFAULTS),
                new RefusePacket(3, ErrorCode.SERVER_BUSY, "full"),
                new DataPacket(4, 17, List.of(
                        PingFrame.INSTANCE,
                        new AckFrame(10, new long[] {100, 90, 50, 1}),
                        new StreamFrame(1 << 20, true, new byte[300], 0, 300),
                        new MaxDataFrame(1 << 22),
                        new DataBlockedFrame(99),
                        HandshakeDoneFrame.INSTANCE,
                        new CloseFrame(ErrorCode.NO_ERROR, "ok"),
                        new PaddingFrame(5))),
                random.data(),
                random.data());
    }

    @Test
    void rejectsEverySingleBitFlipOfAValidPacketAsABadChecksum() throws Exception {
        int flips = 0;
        for (Packet packet : samples()) {
            byte[] datagram = Datagrams.encode(packet);
            assertThat(Datagrams.decode(datagram)).isNotNull(); // the original is valid
            for (int bit = 0; bit < datagram.length * 8; bit++) {
                byte[] corrupt = datagram.clone();
                corrupt[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(Datagrams.rejection(corrupt)).as("%s, bit %d", packet.type(), bit)
                        .isEqualTo(Reason.BAD_CHECKSUM);
                flips++;
            }
        }
        assertThat(flips).isGreaterThan(2 * 1200 * 8);
    }
}
