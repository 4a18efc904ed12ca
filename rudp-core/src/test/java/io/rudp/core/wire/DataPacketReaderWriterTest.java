package io.rudp.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rudp.core.wire.MalformedPacketException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free DATA codec ({@link DataPacketWriter}, {@link DataPacketReader}) against the
 * record codec ({@link PacketCodec}): the same bytes out, the same frames in, and the same
 * rejections for every mutation of a valid datagram.
 */
class DataPacketReaderWriterTest {

    private static final long SEED = 0xDA7A_C0DEL;
    private final Random random = new Random(SEED);
    private final RandomPackets packets = new RandomPackets(random);
    private final DataPacketWriter writer = new DataPacketWriter();
    private final DataPacketReader reader = new DataPacketReader();

    @Test
    void theWriterProducesTheRecordCodecsBytesAndTheReaderItsFrames() throws MalformedPacketException {
        for (int i = 0; i < 20_000; i++) {
            DataPacket packet = packets.data();
            byte[] expected = Datagrams.encode(packet);
            int offset = random.nextInt(16);
            byte[] buf = new byte[offset + expected.length + random.nextInt(16)];
            Arrays.fill(buf, (byte) 0x5A); // stale bytes must not leak into the datagram
            int length = write(packet, buf, offset, expected.length);

            assertThat(length).isEqualTo(expected.length);
            assertThat(Arrays.copyOfRange(buf, offset, offset + length)).isEqualTo(expected);

            reader.read(buf, offset, length);
            DataPacket decoded = (DataPacket) PacketCodec.decode(java.nio.ByteBuffer.wrap(expected));
            assertThat(reader.destinationConnectionId()).isEqualTo(decoded.destinationConnectionId());
            assertThat(reader.packetNumber()).isEqualTo(decoded.packetNumber());
            assertThat(frames(reader)).isEqualTo(decoded.frames());
        }
    }

    @Test
    void theReaderRejectsExactlyWhatTheRecordCodecRejectsForTheSameReason() {
        int rejected = 0;
        for (int i = 0; i < 40_000; i++) {
            byte[] datagram = Datagrams.encode(packets.data());
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(datagram.length);
                datagram[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : datagram[at] ^ (1 << random.nextInt(8)));
            }
            if (random.nextInt(4) == 0) {
                datagram = Arrays.copyOf(datagram, random.nextInt(datagram.length + 1));
            }
            if (random.nextBoolean() && datagram.length >= 4) {
                datagram = Datagrams.resealed(datagram);
            }
            if (datagram.length > 1 && random.nextInt(3) != 0) {
                datagram[1] = (byte) PacketType.DATA.code(); // mostly DATA, as the engine routes them
                if (datagram.length >= 4) {
                    datagram = Datagrams.resealed(datagram);
                }
            }
            Reason expected = recordCodecRejection(datagram);
            Reason actual = readerRejection(datagram);
            boolean isData = datagram.length > 1 && (datagram[1] & 0xFF) == PacketType.DATA.code();
            if (isData || expected == Reason.BAD_CHECKSUM || expected == Reason.TRUNCATED && datagram.length < 14) {
                assertThat(actual).as("datagram %d", i).isEqualTo(expected);
            } else if (expected == null || expected == Reason.UNKNOWN_VERSION || expected == Reason.UNKNOWN_PACKET_TYPE) {
                // Not DATA: the engine never gives it to the reader, which refuses it anyway.
                assertThat(actual).isNotNull();
            }
            if (expected == null && isData) {
                assertThat(frames(reader)).isEqualTo(((DataPacket) decodeOrNull(datagram)).frames());
            }
            if (actual != null) {
                rejected++;
            }
        }
        assertThat(rejected).as("the mutations hit the checks").isGreaterThan(1_000);
    }

    @Test
    void theWriterRefusesFramesThatDoNotFitAndMalformedAckRanges() {
        byte[] buf = new byte[40];
        writer.begin(buf, 0, 40, 7, 1);
        assertThat(writer.remaining()).isEqualTo(40 - PacketCodec.DATA_HEADER_BYTES - PacketCodec.CHECKSUM_BYTES);
        assertThatThrownBy(() -> writer.reserveStream(0, false, 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.ack(0, new long[] {5, 6}, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.ack(0, new long[] {9, 5, 4, 1}, 2)).isInstanceOf(IllegalArgumentException.class);
        writer.ping();
        int length = writer.finish();
        assertThat(length).isEqualTo(PacketCodec.DATA_HEADER_BYTES + 1 + PacketCodec.CHECKSUM_BYTES);
        assertThatThrownBy(writer::ping).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theReaderGrowsForManyFramesAndForgetsAFailedPacket() throws MalformedPacketException {
        List<Frame> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(i % 2 == 0 ? PingFrame.INSTANCE : new AckFrame(i, new long[] {1_000 + i, 10, 5, 0}));
        }
        byte[] datagram = Datagrams.encode(new DataPacket(99, 12, many));
        reader.read(datagram, 0, datagram.length);
        assertThat(frames(reader)).isEqualTo(many);

        datagram[datagram.length - 1] ^= 1;
        assertThatThrownBy(() -> reader.read(datagram, 0, datagram.length)).isInstanceOf(MalformedPacketException.class);
        assertThat(reader.frameCount()).isZero();
    }

    private static Reason recordCodecRejection(byte[] datagram) {
        try {
            Datagrams.decode(datagram);
            return null;
        } catch (MalformedPacketException e) {
            return e.reason();
        }
    }

    private Reason readerRejection(byte[] datagram) {
        try {
            reader.read(datagram, 0, datagram.length);
            return null;
        } catch (MalformedPacketException e) {
            return e.reason();
        }
    }

    private static Packet decodeOrNull(byte[] datagram) {
        try {
            return Datagrams.decode(datagram);
        } catch (MalformedPacketException e) {
            return null;
        }
    }

    /** Writes {@code packet} with the writer's frame methods; returns the datagram length. */
    private int write(DataPacket packet, byte[] buf, int offset, int capacity) {
        writer.begin(buf, offset, capacity, packet.destinationConnectionId(), packet.packetNumber());
        for (Frame frame : packet.frames()) {
            if (frame instanceof AckFrame ack) {
                writer.ack(ack.ackDelayMicros(), ack.ranges(), ack.rangeCount());
            } else if (frame instanceof StreamFrame stream) {
                int at = writer.reserveStream(stream.offset(), stream.fin(), stream.dataLength());
                System.arraycopy(stream.data(), stream.dataOffset(), writer.array(), at, stream.dataLength());
            } else if (frame instanceof MaxDataFrame maxData) {
                writer.maxData(maxData.maximumData());
            } else if (frame instanceof DataBlockedFrame blocked) {
                writer.dataBlocked(blocked.limit());
            } else if (frame instanceof PingFrame) {
                writer.ping();
            } else if (frame instanceof HandshakeDoneFrame) {
                writer.handshakeDone();
            } else {
                writer.frame(frame); // PADDING, CLOSE
            }
        }
        return writer.finish();
    }

    /** The reader's frames as records, for comparison with the record codec. */
    private static List<Frame> frames(DataPacketReader r) {
        List<Frame> frames = new ArrayList<>();
        long[] ranges = new long[128];
        for (int i = 0; i < r.frameCount(); i++) {
            switch (r.frameType(i)) {
                case DataPacketReader.PADDING -> frames.add(new PaddingFrame((int) r.value(i)));
                case DataPacketReader.PING -> frames.add(PingFrame.INSTANCE);
                case DataPacketReader.ACK -> {
                    int count = r.copyAckRanges(i, ranges);
                    frames.add(new AckFrame(r.ackDelayMicros(i), Arrays.copyOf(ranges, 2 * count)));
                }
                case DataPacketReader.STREAM, DataPacketReader.STREAM_FIN -> frames.add(new StreamFrame(
                        r.streamOffset(i), r.streamFin(i), r.array(), r.streamDataOffset(i), r.streamDataLength(i)));
                case DataPacketReader.MAX_DATA -> frames.add(new MaxDataFrame(r.value(i)));
                case DataPacketReader.DATA_BLOCKED -> frames.add(new DataBlockedFrame(r.value(i)));
                case DataPacketReader.HANDSHAKE_DONE -> frames.add(HandshakeDoneFrame.INSTANCE);
                case DataPacketReader.CLOSE -> frames.add(r.closeFrame(i));
                default -> throw new AssertionError("type " + r.frameType(i));
            }
        }
        return frames;
    }
}
