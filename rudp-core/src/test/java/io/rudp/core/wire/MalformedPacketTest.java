package io.rudp.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.wire.Datagrams.Builder;
import io.rudp.core.wire.MalformedPacketException.Reason;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class MalformedPacketTest {

    private static final long CID = 0x0A0B_0C0D_0E0F_1011L;

    private static Builder data() {
        return Builder.packet(0x04, CID).u32(77);
    }

    @Test
    void rejectsDatagramsShorterThanPrefixPlusChecksumAsTruncated() {
        for (int length = 0; length < 14; length++) {
            assertThat(Datagrams.rejection(new byte[length])).isEqualTo(Reason.TRUNCATED);
        }
    }

    @Test
    void checksTheChecksumBeforeAnythingElse() {
        byte[] garbage = Builder.packet(0x99, 0).u8(0x77).seal();
        garbage[0] = 42; // unknown version, unknown type, and now a bad CRC
        assertThat(Datagrams.rejection(garbage)).isEqualTo(Reason.BAD_CHECKSUM);
    }

    @Test
    void rejectsAnyVersionButOne() {
        for (int version : new int[] {0, 2, 0xFF}) {
            byte[] datagram = Builder.packet(0x04, CID).u32(1).u8(0x01).seal();
            datagram[0] = (byte) version;
            assertThat(Datagrams.rejection(Datagrams.resealed(datagram))).isEqualTo(Reason.UNKNOWN_VERSION);
        }
    }

    @Test
    void checksTheVersionBeforeTheHandshakeSize() {
        byte[] shortInitial = Builder.packet(0x01, 0).u64(CID).seal();
        shortInitial[0] = 2;
        assertThat(Datagrams.rejection(Datagrams.resealed(shortInitial)))
                .isEqualTo(Reason.UNKNOWN_VERSION);
    }

    @Test
    void rejectsUnknownPacketTypes() {
        for (int type : new int[] {0x00, 0x06, 0x80, 0xFF}) {
            assertThat(Datagrams.rejection(Builder.packet(type, CID).u32(1).u8(1).seal()))
                    .as("type %d", type).isEqualTo(Reason.UNKNOWN_PACKET_TYPE);
        }
    }

    @Test
    void rejectsInitialAndResponseShorterThan1200Bytes() {
        byte[] initial = Builder.packet(0x01, 0).u64(CID).padTo(1199, 0).seal();
        assertThat(initial).hasSize(1199);
        assertThat(Datagrams.rejection(initial)).isEqualTo(Reason.HANDSHAKE_TOO_SMALL);
        byte[] response = Builder.packet(0x03, CID).u64(CID + 1).varint(0).varint(0).seal();
        assertThat(Datagrams.rejection(response)).isEqualTo(Reason.HANDSHAKE_TOO_SMALL);
    }

    @Test
    void rejectsZeroOrMisplacedConnectionIds() {
        byte[] initialWithDcid = Builder.packet(0x01, CID).u64(CID).padTo(1200, 0).seal();
        byte[] initialWithoutScid = Builder.packet(0x01, 0).u64(0).padTo(1200, 0).seal();
        byte[] challengeWithoutDcid = Builder.packet(0x02, 0).u64(CID).varint(0).varint(0).seal();
        byte[] challengeWithoutScid = Builder.packet(0x02, CID).u64(0).varint(0).varint(0).seal();
        byte[] dataWithoutDcid = Builder.packet(0x04, 0).u32(1).u8(0x01).seal();
        byte[] refuseWithoutDcid = Builder.packet(0x05, 0).varint(0).varint(0).seal();
        for (byte[] datagram : List.of(initialWithDcid, initialWithoutScid, challengeWithoutDcid,
                challengeWithoutScid, dataWithoutDcid, refuseWithoutDcid)) {
            assertThat(Datagrams.rejection(datagram)).isEqualTo(Reason.INVALID_FIELD);
        }
    }

    @Test
    void rejectsTrailingBytesAfterAChallengeOrRefuse() {
        byte[] challenge = Builder.packet(0x02, CID).u64(CID).varint(0).varint(0).u8(0).seal();
        byte[] refuse = Builder.packet(0x05, CID).varint(0).varint(0).u8(0).seal();
        assertThat(Datagrams.rejection(challenge)).isEqualTo(Reason.INVALID_FIELD);
        assertThat(Datagrams.rejection(refuse)).isEqualTo(Reason.INVALID_FIELD);
    }

    @Test
    void rejectsATokenLongerThan255Bytes() {
        byte[] challenge = Builder.packet(0x02, CID).u64(CID).varint(256).raw(new int[256])
                .varint(0).seal();
        assertThat(Datagrams.rejection(challenge)).isEqualTo(Reason.INVALID_FIELD);
    }

    @Test
    void rejectsATokenThatRunsPastTheEnd() {
        byte[] challenge = Builder.packet(0x02, CID).u64(CID).varint(10).raw(1, 2, 3).seal();
        assertThat(Datagrams.rejection(challenge)).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void rejectsADataPacketWithoutFrames() {
        assertThat(Datagrams.rejection(data().seal())).isEqualTo(Reason.INVALID_FIELD);
    }

    @Test
    void rejectsADataPacketCutInsideItsPacketNumber() {
        assertThat(Datagrams.rejection(Builder.packet(0x04, CID).raw(0, 0, 1).seal()))
                .isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void rejectsUnknownFrameTypes() {
        for (int type : new int[] {0x09, 0x1F, 0x40, 0xFF}) {
            assertThat(Datagrams.rejection(data().u8(0x01).u8(type).seal()))
                    .isEqualTo(Reason.UNKNOWN_FRAME_TYPE);
        }
    }

    @Test
    void rejectsStreamDataThatRunsPastThePacket() {
        byte[] datagram = data().u8(0x03).varint(0).varint(5).raw(1, 2, 3, 4).seal();
        assertThat(Datagrams.rejection(datagram)).isEqualTo(Reason.TRUNCATED);
        byte[] huge = data().u8(0x04).varint(0).varint(Varint.MAX_VALUE).seal();
        assertThat(Datagrams.rejection(huge)).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void rejectsStreamDataEndingBeyondTheLargestOffset() throws Exception {
        byte[] datagram = data().u8(0x03).varint(Varint.MAX_VALUE).varint(1).u8(0x41).seal();
        assertThat(Datagrams.rejection(datagram)).isEqualTo(Reason.INVALID_FIELD);
        byte[] atTheEdge = data().u8(0x03).varint(Varint.MAX_VALUE - 1).varint(1).u8(0x41).seal();
        assertThat(Datagrams.decode(atTheEdge)).isInstanceOf(DataPacket.class);
    }

    @Test
    void rejectsAFrameCutInsideAVarint() {
        assertThat(Datagrams.rejection(data().u8(0x05).raw(0x80, 0).seal()))
                .isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void rejectsAnAckWhoseFirstRangeGoesBelowZero() {
        byte[] datagram = data().u8(0x02).varint(5).varint(0).varint(0).varint(6).seal();
        assertThat(Datagrams.rejection(datagram)).isEqualTo(Reason.INVALID_FIELD);
    }

    @Test
    void rejectsAnAckWhoseGapGoesBelowZero() throws Exception {
        // Largest 10, first range 5 (5..10), then gap 3: next largest would be 5-3-2 = 0 (fine),
        // gap 4 makes it -1.
        byte[] fine = data().u8(0x02).varint(10).varint(0).varint(1).varint(5)
                .varint(3).varint(0).seal();
        assertThat(Datagrams.decode(fine)).isInstanceOf(DataPacket.class);
        byte[] bad = data().u8(0x02).varint(10).varint(0).varint(1).varint(5)
                .varint(4).varint(0).seal();
        assertThat(Datagrams.rejection(bad)).isEqualTo(Reason.INVALID_FIELD);
    }

    @Test
    void rejectsAnAckRangeLengthThatGoesBelowZero() {
        byte[] datagram = data().u8(0x02).varint(10).varint(0).varint(1).varint(0)
                .varint(0).varint(9).seal();
        assertThat(Datagrams.rejection(datagram)).isEqualTo(Reason.INVALID_FIELD);
    }

    @Test
    void rejectsAnAckWithMoreThanSixtyFourRanges() {
        Builder b = data().u8(0x02).varint(10_000).varint(0).varint(64).varint(0);
        for (int i = 0; i < 64; i++) {
            b.varint(0).varint(0);
        }
        assertThat(Datagrams.rejection(b.seal())).isEqualTo(Reason.INVALID_FIELD);
        assertThat(Datagrams.rejection(data().u8(0x02).varint(1).varint(0)
                .varint(Varint.MAX_VALUE).seal())).isEqualTo(Reason.INVALID_FIELD);
    }

    @Test
    void rejectsAnAckThatEndsEarly() {
        byte[] datagram = data().u8(0x02).varint(100).varint(0).varint(3).varint(1)
                .varint(1).varint(1).seal();
        assertThat(Datagrams.rejection(datagram)).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void rejectsACloseReasonLongerThan255Bytes() {
        byte[] datagram = data().u8(0x08).varint(0).varint(256).raw(new int[256]).seal();
        assertThat(Datagrams.rejection(datagram)).isEqualTo(Reason.INVALID_FIELD);
    }

    @Test
    void rejectsAReasonThatIsNotValidUtf8() {
        int[][] badReasons = {
            {0xC3},                   // cut multi-byte sequence
            {0x80},                   // lone continuation byte
            {0xC0, 0xAF},             // overlong '/'
            {0xED, 0xA0, 0x80},       // encoded surrogate U+D800
            {0xF4, 0x90, 0x80, 0x80}, // beyond U+10FFFF
        };
        for (int[] reason : badReasons) {
            byte[] close = data().u8(0x08).varint(0).varint(reason.length).raw(reason).seal();
            byte[] refuse = Builder.packet(0x05, CID).varint(0).varint(reason.length).raw(reason)
                    .seal();
            assertThat(Datagrams.rejection(close)).isEqualTo(Reason.INVALID_FIELD);
            assertThat(Datagrams.rejection(refuse)).isEqualTo(Reason.INVALID_FIELD);
        }
    }

    @Test
    void rejectsAWholePacketWhenOnlyItsLastFrameIsMalformed() {
        byte[] datagram = data().u8(0x01).u8(0x03).varint(0).varint(1).u8(0x41).u8(0x0F).seal();
        assertThat(Datagrams.rejection(datagram)).isEqualTo(Reason.UNKNOWN_FRAME_TYPE);
    }

    @Test
    void leavesThePositionAloneWhenItRejects() {
        ByteBuffer in = ByteBuffer.wrap(data().seal());
        assertThat(Datagrams.rejection(in.array())).isEqualTo(Reason.INVALID_FIELD);
        try {
            PacketCodec.decode(in);
        } catch (MalformedPacketException expected) {
            assertThat(in.position()).isZero();
            return;
        }
        throw new AssertionError("decode should have thrown");
    }

    @Test
    void carriesItsReasonAndNoStackTrace() {
        MalformedPacketException e = new MalformedPacketException(Reason.BAD_CHECKSUM, "detail");
        assertThat(e.reason()).isEqualTo(Reason.BAD_CHECKSUM);
        assertThat(e.getStackTrace()).isEmpty();
        assertThat(e.getMessage()).contains("BAD_CHECKSUM").contains("detail");
    }
}
