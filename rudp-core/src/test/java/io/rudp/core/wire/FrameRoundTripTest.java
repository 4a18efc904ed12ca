package io.rudp.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FrameRoundTripTest {

    private static final long DCID = 0x1122_3344_5566_7788L;

    /** The varint boundaries of RFC 9000 §16. */
    private static final long[] BOUNDARIES = {
        0, 63, 64, 16_383, 16_384, (1L << 30) - 1, 1L << 30, Varint.MAX_VALUE};

    private static List<Frame> roundTrip(List<Frame> frames) throws MalformedPacketException {
        DataPacket sent = new DataPacket(DCID, 7, frames);
        byte[] datagram = Datagrams.encode(sent);
        int framesBytes = frames.stream().mapToInt(Frame::encodedLength).sum();
        assertThat(datagram).hasSize(PacketCodec.DATA_HEADER_BYTES + framesBytes
                + PacketCodec.CHECKSUM_BYTES);
        DataPacket received = (DataPacket) Datagrams.decode(datagram);
        assertThat(received.destinationConnectionId()).isEqualTo(DCID);
        assertThat(received.packetNumber()).isEqualTo(7);
        return received.frames();
    }

    private static Frame roundTrip(Frame frame) throws MalformedPacketException {
        List<Frame> frames = roundTrip(List.of(frame));
        assertThat(frames).hasSize(1);
        return frames.get(0);
    }

    @Test
    void roundTripsPingAndHandshakeDone() throws Exception {
        assertThat(roundTrip(List.of(PingFrame.INSTANCE, HandshakeDoneFrame.INSTANCE,
                new PingFrame())))
                .containsExactly(PingFrame.INSTANCE, HandshakeDoneFrame.INSTANCE, PingFrame.INSTANCE);
        assertThat(PingFrame.INSTANCE.encodedLength()).isEqualTo(1);
        assertThat(HandshakeDoneFrame.INSTANCE.encodedLength()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 100, 1000})
    void roundTripsARunOfPadding(int length) throws Exception {
        assertThat(roundTrip(new PaddingFrame(length))).isEqualTo(new PaddingFrame(length));
    }

    @Test
    void foldsAdjacentPaddingIntoOneRunBetweenOtherFrames() throws Exception {
        List<Frame> received = roundTrip(List.of(new PaddingFrame(3), new PaddingFrame(4),
                PingFrame.INSTANCE, new PaddingFrame(1)));
        assertThat(received).containsExactly(new PaddingFrame(7), PingFrame.INSTANCE,
                new PaddingFrame(1));
    }

    @Test
    void roundTripsMaxDataAndDataBlockedAtEveryVarintBoundary() throws Exception {
        for (long value : BOUNDARIES) {
            assertThat(roundTrip(new MaxDataFrame(value))).isEqualTo(new MaxDataFrame(value));
            assertThat(roundTrip(new DataBlockedFrame(value))).isEqualTo(new DataBlockedFrame(value));
            assertThat(new MaxDataFrame(value).encodedLength())
                    .isEqualTo(1 + Varint.encodedLength(value));
        }
    }

    @Test
    void roundTripsAnAckWithOneRange() throws Exception {
        AckFrame ack = new AckFrame(25_000, new long[] {10, 3});
        assertThat(roundTrip(ack)).isEqualTo(ack);
    }

    @Test
    void roundTripsAnAckWhoseOnlyRangeIsTheWholeSpace() throws Exception {
        AckFrame ack = new AckFrame(Varint.MAX_VALUE, new long[] {Varint.MAX_VALUE, 0});
        assertThat(roundTrip(ack)).isEqualTo(ack);
    }

    @Test
    void roundTripsAnAckWithVarintBoundariesInEveryField() throws Exception {
        for (long delay : BOUNDARIES) {
            // Ranges whose gaps and lengths hit 63/64, 16383/16384 and 2^30-1/2^30.
            long[] ranges = new long[12];
            long high = Varint.MAX_VALUE;
            long[] lengths = {0, 63, 64, 16_383, 16_384, (1L << 30) - 1};
            long[] gaps = {64, 63, (1L << 30), 16_384, 16_383};
            for (int i = 0; i < 6; i++) {
                ranges[2 * i] = high;
                ranges[2 * i + 1] = high - lengths[i];
                if (i < 5) {
                    high = ranges[2 * i + 1] - gaps[i] - 2;
                }
            }
            AckFrame ack = new AckFrame(delay, ranges);
            assertThat(roundTrip(ack)).isEqualTo(ack);
        }
    }

    @Test
    void roundTripsAnAckWithSixtyFourRangesDownToZero() throws Exception {
        long[] ranges = new long[128];
        long high = 64 * 3 - 2; // ranges {high, high-1}, one missing number between them
        for (int i = 0; i < 64; i++) {
            ranges[2 * i] = high;
            ranges[2 * i + 1] = high - 1;
            high -= 3;
        }
        assertThat(ranges[127]).isZero();
        AckFrame ack = new AckFrame(0, ranges);
        AckFrame received = (AckFrame) roundTrip(ack);
        assertThat(received).isEqualTo(ack);
        assertThat(received.rangeCount()).isEqualTo(64);
        assertThat(received.rangeLow(63)).isZero();
        assertThat(received.largestAcknowledged()).isEqualTo(64 * 3 - 2);
    }

    @Test
    void roundTripsStreamFramesAtEveryOffsetBoundary() throws Exception {
        byte[] data = "hello, rudp".getBytes(StandardCharsets.US_ASCII);
        for (long offset : BOUNDARIES) {
            long safeOffset = Math.min(offset, Varint.MAX_VALUE - data.length);
            for (boolean fin : new boolean[] {false, true}) {
                StreamFrame frame = new StreamFrame(safeOffset, fin, data, 0, data.length);
                assertThat(roundTrip(frame)).isEqualTo(frame);
            }
        }
    }

    @Test
    void roundTripsStreamLengthsAcrossTheOneAndTwoByteBoundary() throws Exception {
        for (int length : new int[] {0, 63, 64, 1000}) {
            byte[] data = new byte[length + 5];
            new java.util.Random(length).nextBytes(data);
            StreamFrame frame = new StreamFrame(9, false, data, 5, length);
            StreamFrame received = (StreamFrame) roundTrip(frame);
            assertThat(received).isEqualTo(frame);
            assertThat(received.encodedLength())
                    .isEqualTo(StreamFrame.overheadBytes(9, length) + length);
        }
    }

    @Test
    void roundTripsAZeroLengthStreamFin() throws Exception {
        StreamFrame fin = new StreamFrame(123_456, true, new byte[0], 0, 0);
        StreamFrame received = (StreamFrame) roundTrip(fin);
        assertThat(received.fin()).isTrue();
        assertThat(received.offset()).isEqualTo(123_456);
        assertThat(received.dataLength()).isZero();
        assertThat(fin.encodedLength()).isEqualTo(1 + 4 + 1);
    }

    @Test
    void decodesStreamDataAsAViewOfTheReceivedHeapBuffer() throws Exception {
        byte[] data = {1, 2, 3, 4};
        byte[] datagram = Datagrams.encode(new DataPacket(DCID, 1,
                List.of(new StreamFrame(0, false, data, 0, 4))));
        DataPacket received = (DataPacket) PacketCodec.decode(ByteBuffer.wrap(datagram));
        StreamFrame frame = (StreamFrame) received.frames().get(0);
        assertThat(frame.data()).isSameAs(datagram);
        assertThat(frame.dataOffset()).isEqualTo(PacketCodec.DATA_HEADER_BYTES + 3);
    }

    @Test
    void copiesStreamDataOutOfADirectBuffer() throws Exception {
        byte[] data = {9, 8, 7};
        StreamFrame sent = new StreamFrame(5, true, data, 0, 3);
        byte[] datagram = Datagrams.encode(new DataPacket(DCID, 1, List.of(sent)));
        ByteBuffer direct = ByteBuffer.allocateDirect(datagram.length);
        direct.put(datagram).flip();
        DataPacket received = (DataPacket) PacketCodec.decode(direct);
        assertThat(received.frames()).containsExactly(sent);
        direct.put(PacketCodec.DATA_HEADER_BYTES + 3, (byte) 0); // clobber the datagram
        assertThat(received.frames()).containsExactly(sent);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void roundTripsCloseWithEveryErrorCode(ErrorCode code) throws Exception {
        CloseFrame close = new CloseFrame(code, "bye");
        assertThat(roundTrip(close)).isEqualTo(close);
    }

    @Test
    void roundTripsCloseWithAnEmptyReason() throws Exception {
        CloseFrame close = new CloseFrame(ErrorCode.NO_ERROR, "");
        assertThat(roundTrip(close)).isEqualTo(close);
        assertThat(close.encodedLength()).isEqualTo(3);
    }

    @Test
    void cutsALongMultiByteCloseReasonAtACodePointBoundaryWithin255Bytes() throws Exception {
        // "€" is 3 bytes: 85 of them are exactly 255 bytes; with one leading ASCII byte the 85th
        // euro would end at byte 256, so it must be dropped whole.
        String reason = "x" + "€".repeat(100);
        CloseFrame close = new CloseFrame(ErrorCode.PROTOCOL_VIOLATION, reason);
        CloseFrame received = (CloseFrame) roundTrip(close);
        String expected = "x" + "€".repeat(84);
        assertThat(received.reason()).isEqualTo(expected);
        assertThat(received.reason().getBytes(StandardCharsets.UTF_8)).hasSize(253);
        assertThat(close.encodedLength()).isEqualTo(1 + 1 + 2 + 253);
        assertThat(received.errorCode()).isEqualTo(ErrorCode.PROTOCOL_VIOLATION);
    }

    @Test
    void neverSplitsASurrogatePairWhenCuttingTheReason() throws Exception {
        // U+1F600 is 4 bytes in UTF-8; 63 of them are 252 bytes, a 64th would be 256.
        String reason = "\uD83D\uDE00".repeat(70);
        CloseFrame received = (CloseFrame) roundTrip(new CloseFrame(ErrorCode.NO_ERROR, reason));
        assertThat(received.reason()).isEqualTo("\uD83D\uDE00".repeat(63));
    }

    @Test
    void keepsAReasonOfExactly255BytesWhole() throws Exception {
        String reason = "é".repeat(127) + "a"; // 254 + 1 bytes
        CloseFrame received = (CloseFrame) roundTrip(new CloseFrame(ErrorCode.TIMEOUT, reason));
        assertThat(received.reason()).isEqualTo(reason);
    }

    @Test
    void sendsAnUnpairedSurrogateAsAQuestionMarkLikeStringGetBytes() throws Exception {
        String reason = "a\uD800b\uDC00";
        CloseFrame received = (CloseFrame) roundTrip(new CloseFrame(ErrorCode.NO_ERROR, reason));
        assertThat(received.reason())
                .isEqualTo(new String(reason.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isEqualTo("a?b?");
    }

    @Test
    void roundTripsEveryFrameTypeTogetherInOnePacket() throws Exception {
        List<Frame> frames = new ArrayList<>(List.of(
                PingFrame.INSTANCE,
                new AckFrame(100, new long[] {1000, 990, 980, 900, 5, 0}),
                new StreamFrame(64, false, new byte[] {1, 2}, 0, 2),
                new StreamFrame(66, true, new byte[] {3}, 0, 1),
                new MaxDataFrame(1L << 30),
                new DataBlockedFrame(16_384),
                HandshakeDoneFrame.INSTANCE,
                new CloseFrame(ErrorCode.APPLICATION_ABORT, "done"),
                new PaddingFrame(20)));
        assertThat(roundTrip(frames)).containsExactlyElementsOf(frames);
    }

    @Test
    void marksFramesAckElicitingPerTheProtocolTable() {
        assertThat(new PaddingFrame(1).ackEliciting()).isFalse();
        assertThat(PingFrame.INSTANCE.ackEliciting()).isTrue();
        assertThat(new AckFrame(0, new long[] {0, 0}).ackEliciting()).isFalse();
        assertThat(new StreamFrame(0, false, new byte[0], 0, 0).ackEliciting()).isTrue();
        assertThat(new StreamFrame(0, true, new byte[0], 0, 0).ackEliciting()).isTrue();
        assertThat(new MaxDataFrame(0).ackEliciting()).isTrue();
        assertThat(new DataBlockedFrame(0).ackEliciting()).isTrue();
        assertThat(HandshakeDoneFrame.INSTANCE.ackEliciting()).isTrue();
        assertThat(new CloseFrame(ErrorCode.NO_ERROR, "").ackEliciting()).isFalse();
    }
}
