package io.rudp.bench.jmh;

import io.rudp.core.wire.AckFrame;
import io.rudp.core.wire.DataPacket;
import io.rudp.core.wire.DataPacketReader;
import io.rudp.core.wire.DataPacketWriter;
import io.rudp.core.wire.MalformedPacketException;
import io.rudp.core.wire.Packet;
import io.rudp.core.wire.PacketCodec;
import io.rudp.core.wire.StreamFrame;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The packet codec: encoding and decoding a full 1,200-byte DATA packet (an ACK and a STREAM
 * frame), and an ACK-only packet with eight ranges; through the engine's allocation-free
 * {@link DataPacketWriter} and {@link DataPacketReader}, and through the record API
 * ({@link PacketCodec}, which the engine used per packet before and still uses for handshakes).
 *
 * <p>Run: {@code java -cp rudp-bench/target/rudp-bench.jar org.openjdk.jmh.Main PacketCodecBenchmark
 * -f 1 -wi 2 -i 3 -w 1s -r 1s [-prof gc]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacketCodecBenchmark {

    /** The datagram size the default configuration uses. */
    static final int DATAGRAM_BYTES = 1200;
    static final long CONNECTION_ID = 0x1234_5678_9ABC_DEF0L;

    final byte[] payload = new byte[DATAGRAM_BYTES];
    final long[] eightRanges = new long[16];
    final long[] oneRange = {1_000_123, 1_000_000};
    ByteBuffer out;
    ByteBuffer encodedData;
    ByteBuffer encodedAck;
    DataPacket dataPacket;
    DataPacket ackPacket;
    long packetNumber = 5_000_000;
    int streamLength;
    final DataPacketWriter writer = new DataPacketWriter();
    final DataPacketReader reader = new DataPacketReader();
    final long[] rangesOut = new long[128];

    /** Builds the packets and their encodings. */
    @Setup
    public void setUp() {
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        long high = 2_000_000;
        for (int i = 0; i < 8; i++) {
            eightRanges[2 * i] = high;
            eightRanges[2 * i + 1] = high - 20;
            high -= 25;
        }
        // Fill the datagram: header, checksum, a one-range ACK, the STREAM overhead, the data.
        AckFrame ack = new AckFrame(25, oneRange);
        int fixed = PacketCodec.DATA_HEADER_BYTES + PacketCodec.CHECKSUM_BYTES + ack.encodedLength();
        streamLength = DATAGRAM_BYTES - fixed - StreamFrame.overheadBytes(1L << 30, 1100);
        dataPacket = new DataPacket(CONNECTION_ID, packetNumber, List.of(ack,
                new StreamFrame(1L << 30, false, payload, 0, streamLength)));
        ackPacket = new DataPacket(CONNECTION_ID, packetNumber, List.of(new AckFrame(25, eightRanges)));
        out = ByteBuffer.allocate(65_536);
        encodedData = encode(dataPacket);
        encodedAck = encode(ackPacket);
    }

    private static ByteBuffer encode(Packet p) {
        ByteBuffer b = ByteBuffer.allocate(PacketCodec.encodedLength(p));
        PacketCodec.encode(p, b);
        b.flip();
        return b;
    }

    /** Writes a full DATA packet (ACK + 1,159-byte STREAM frame) as the engine does. */
    @Benchmark
    public int encodeData() {
        byte[] buf = out.array();
        writer.begin(buf, 0, DATAGRAM_BYTES, CONNECTION_ID, packetNumber++);
        writer.ack(25, oneRange, 1);
        int at = writer.reserveStream(1L << 30, false, streamLength);
        System.arraycopy(payload, 0, buf, at, streamLength);
        return writer.finish();
    }

    /** Decodes a full DATA packet as the engine does, reading every field it uses. */
    @Benchmark
    public long decodeData() throws MalformedPacketException {
        reader.read(encodedData.array(), 0, encodedData.limit());
        long sum = reader.packetNumber();
        for (int i = 0; i < reader.frameCount(); i++) {
            if (reader.frameType(i) == DataPacketReader.ACK) {
                sum += reader.copyAckRanges(i, rangesOut) + rangesOut[0];
            } else {
                sum += reader.streamOffset(i) + reader.streamDataLength(i);
            }
        }
        return sum;
    }

    /** Writes an ACK-only packet with eight ranges. */
    @Benchmark
    public int encodeAck() {
        writer.begin(out.array(), 0, DATAGRAM_BYTES, CONNECTION_ID, packetNumber++);
        writer.ack(25, eightRanges, 8);
        return writer.finish();
    }

    /** Decodes an ACK-only packet with eight ranges. */
    @Benchmark
    public long decodeAck() throws MalformedPacketException {
        reader.read(encodedAck.array(), 0, encodedAck.limit());
        return reader.copyAckRanges(0, rangesOut) + rangesOut[15];
    }

    /** Builds the frame records and encodes a full DATA packet (what the engine did per packet). */
    @Benchmark
    public int encodeDataRecords() {
        out.clear();
        return PacketCodec.encode(new DataPacket(CONNECTION_ID, packetNumber++, List.of(
                new AckFrame(25, oneRange), new StreamFrame(1L << 30, false, payload, 0, streamLength))), out);
    }

    /** Decodes a full DATA packet into records. */
    @Benchmark
    public Packet decodeDataRecords() throws MalformedPacketException {
        encodedData.rewind();
        return PacketCodec.decode(encodedData);
    }

    /** Builds and encodes an ACK-only packet with eight ranges. */
    @Benchmark
    public int encodeAckRecords() {
        out.clear();
        return PacketCodec.encode(new DataPacket(CONNECTION_ID, packetNumber++,
                List.of(new AckFrame(25, eightRanges.clone()))), out);
    }

    /** Decodes an ACK-only packet with eight ranges into records. */
    @Benchmark
    public Packet decodeAckRecords() throws MalformedPacketException {
        encodedAck.rewind();
        return PacketCodec.decode(encodedAck);
    }
}
