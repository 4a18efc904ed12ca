package io.rudp.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketRoundTripTest {

    private static final long CLIENT_CID = 0x0123_4567_89AB_CDEFL;
    private static final long SERVER_CID = 0xFEDC_BA98_7654_3210L; // negative as a long

    private static final TransportParameters EXTREME_PARAMS = new TransportParameters(
            TransportParameters.MAX_DATAGRAM_BYTES, Varint.MAX_VALUE, 16_384, (1L << 30));

    @Test
    void padsAnInitialTo1200BytesAndRoundTripsIt() throws Exception {
        InitialPacket initial = new InitialPacket(0, CLIENT_CID);
        byte[] datagram = Datagrams.encode(initial);
        assertThat(datagram).hasSize(PacketCodec.MIN_HANDSHAKE_DATAGRAM_BYTES);
        assertThat(Arrays.copyOfRange(datagram, 18, 1196)).containsOnly(0);
        assertThat(Datagrams.decode(datagram)).isEqualTo(initial);
        assertThat(initial.type()).isEqualTo(PacketType.INITIAL);
    }

    @Test
    void acceptsAnInitialLargerThan1200BytesWithNonZeroPadding() throws Exception {
        byte[] datagram = Datagrams.Builder.packet(0x01, 0).u64(CLIENT_CID).padTo(1400, 0xAB).seal();
        assertThat(Datagrams.decode(datagram)).isEqualTo(new InitialPacket(0, CLIENT_CID));
    }

    @Test
    void roundTripsAChallengeWithAnEmptyToken() throws Exception {
        ChallengePacket challenge = new ChallengePacket(CLIENT_CID, SERVER_CID, new byte[0],
                TransportParameters.DEFAULTS);
        byte[] datagram = Datagrams.encode(challenge);
        assertThat(datagram.length).isLessThan(PacketCodec.MIN_HANDSHAKE_DATAGRAM_BYTES);
        assertThat(Datagrams.decode(datagram)).isEqualTo(challenge);
    }

    @Test
    void roundTripsAChallengeWithA255ByteTokenAndExtremeParameters() throws Exception {
        byte[] token = new byte[255];
        new java.util.Random(1).nextBytes(token);
        ChallengePacket challenge = new ChallengePacket(CLIENT_CID, SERVER_CID, token, EXTREME_PARAMS);
        Packet received = Datagrams.roundTrip(challenge);
        assertThat(received).isEqualTo(challenge);
        assertThat(((ChallengePacket) received).token()).isEqualTo(token).isNotSameAs(token);
    }

    @Test
    void padsAResponseTo1200BytesAndRoundTripsIt() throws Exception {
        for (int tokenLength : new int[] {0, 1, 63, 64, 255}) {
            byte[] token = new byte[tokenLength];
            Arrays.fill(token, (byte) 0x5A);
            ResponsePacket response = new ResponsePacket(SERVER_CID, CLIENT_CID, token,
                    EXTREME_PARAMS);
            byte[] datagram = Datagrams.encode(response);
            assertThat(datagram).hasSize(PacketCodec.MIN_HANDSHAKE_DATAGRAM_BYTES);
            assertThat(Datagrams.decode(datagram)).isEqualTo(response);
        }
    }

    @Test
    void roundTripsMinimumParameterValues() throws Exception {
        TransportParameters minimum = new TransportParameters(1200, 0, 0, 0);
        ChallengePacket challenge = new ChallengePacket(CLIENT_CID, SERVER_CID, new byte[] {1},
                minimum);
        assertThat(Datagrams.roundTrip(challenge)).isEqualTo(challenge);
    }

    @Test
    void sendsOnlyTheLow32BitsOfTheDataPacketNumber() throws Exception {
        long packetNumber = (5L << 32) | 0x8765_4321L;
        DataPacket sent = new DataPacket(SERVER_CID, packetNumber, List.of(PingFrame.INSTANCE));
        byte[] datagram = Datagrams.encode(sent);
        assertThat(datagram).hasSize(PacketCodec.DATA_HEADER_BYTES + 1 + PacketCodec.CHECKSUM_BYTES);
        DataPacket received = (DataPacket) Datagrams.decode(datagram);
        assertThat(received.packetNumber()).isEqualTo(0x8765_4321L);
        assertThat(PacketNumbers.restore(packetNumber - 1, received.packetNumber()))
                .isEqualTo(packetNumber);
        assertThat(received.frames()).containsExactly(PingFrame.INSTANCE);
        assertThat(received.destinationConnectionId()).isEqualTo(SERVER_CID);
    }

    @Test
    void roundTripsDataPacketNumbersAtTheEdgesOfTheWindow() throws Exception {
        for (long pn : new long[] {0, 1, (1L << 31) - 1, 1L << 31, (1L << 32) - 1}) {
            DataPacket sent = new DataPacket(CLIENT_CID, pn, List.of(new MaxDataFrame(pn)));
            assertThat(Datagrams.roundTrip(sent)).isEqualTo(sent);
        }
    }

    @Test
    void roundTripsARefuseAndCutsItsReason() throws Exception {
        RefusePacket refuse = new RefusePacket(CLIENT_CID, ErrorCode.SERVER_BUSY, "busy");
        assertThat(Datagrams.roundTrip(refuse)).isEqualTo(refuse);
        RefusePacket longReason = new RefusePacket(CLIENT_CID, ErrorCode.CONNECTION_REFUSED,
                "ü".repeat(200));
        RefusePacket received = (RefusePacket) Datagrams.roundTrip(longReason);
        assertThat(received.reason()).isEqualTo("ü".repeat(127));
        assertThat(PacketCodec.encodedLength(longReason))
                .isEqualTo(PacketCodec.PREFIX_BYTES + 1 + 2 + 254 + PacketCodec.CHECKSUM_BYTES);
    }

    @Test
    void decodesAnUnknownErrorCodeAsInternalError() throws Exception {
        byte[] refuse = Datagrams.Builder.packet(0x05, CLIENT_CID).varint(999).varint(0).seal();
        assertThat(Datagrams.decode(refuse))
                .isEqualTo(new RefusePacket(CLIENT_CID, ErrorCode.INTERNAL_ERROR, ""));
        byte[] close = Datagrams.Builder.packet(0x04, CLIENT_CID).u32(1)
                .u8(0x08).varint(Varint.MAX_VALUE).varint(1).raw((byte) 'x').seal();
        assertThat(((DataPacket) Datagrams.decode(close)).frames())
                .containsExactly(new CloseFrame(ErrorCode.INTERNAL_ERROR, "x"));
    }

    @Test
    void encodesIntoADirectBufferAtItsPosition() throws Exception {
        ChallengePacket challenge = new ChallengePacket(CLIENT_CID, SERVER_CID, new byte[] {7, 7},
                TransportParameters.DEFAULTS);
        ByteBuffer direct = ByteBuffer.allocateDirect(500);
        direct.position(11);
        int length = PacketCodec.encode(challenge, direct);
        assertThat(direct.position()).isEqualTo(11 + length);
        direct.flip().position(11);
        assertThat(PacketCodec.decode(direct)).isEqualTo(challenge);
        assertThat(direct.position()).isEqualTo(11 + length);
    }

    @Test
    void decodesOnlyBetweenPositionAndLimit() throws Exception {
        byte[] datagram = Datagrams.encode(new RefusePacket(CLIENT_CID, ErrorCode.NO_ERROR, "x"));
        byte[] framed = new byte[datagram.length + 10];
        Arrays.fill(framed, (byte) 0xEE);
        System.arraycopy(datagram, 0, framed, 4, datagram.length);
        ByteBuffer in = ByteBuffer.wrap(framed, 4, datagram.length);
        assertThat(PacketCodec.decode(in)).isEqualTo(new RefusePacket(CLIENT_CID, ErrorCode.NO_ERROR, "x"));
        assertThat(in.position()).isEqualTo(4 + datagram.length);
        ByteBuffer slice = ByteBuffer.wrap(framed, 4, datagram.length).slice();
        assertThat(PacketCodec.decode(slice)).isInstanceOf(RefusePacket.class);
    }

    @Test
    void refusesToEncodeIntoATooSmallBufferAndLeavesItUnchanged() {
        InitialPacket initial = new InitialPacket(0, CLIENT_CID);
        ByteBuffer out = ByteBuffer.allocate(1210);
        out.position(20);
        assertThatThrownBy(() -> PacketCodec.encode(initial, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(out.position()).isEqualTo(20);
        assertThat(out.array()).containsOnly(0);
    }

    @Test
    void comparesHandshakeTokensByContent() {
        ChallengePacket a = new ChallengePacket(1, 2, new byte[] {1, 2}, TransportParameters.DEFAULTS);
        ChallengePacket b = new ChallengePacket(1, 2, new byte[] {1, 2}, TransportParameters.DEFAULTS);
        ChallengePacket c = new ChallengePacket(1, 2, new byte[] {1, 3}, TransportParameters.DEFAULTS);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
        ResponsePacket r1 = new ResponsePacket(1, 2, new byte[] {4}, TransportParameters.DEFAULTS);
        ResponsePacket r2 = new ResponsePacket(1, 2, new byte[] {4}, TransportParameters.DEFAULTS);
        assertThat(r1).isEqualTo(r2).hasSameHashCodeAs(r2);
        assertThat(a.toString()).contains("0102");
    }

    @Test
    void copiesTheTokenOnConstruction() {
        byte[] token = {1, 2, 3};
        ChallengePacket challenge = new ChallengePacket(1, 2, token, TransportParameters.DEFAULTS);
        token[0] = 9;
        assertThat(challenge.token()).containsExactly(1, 2, 3);
    }

    @Test
    void rejectsPacketsThatBreakTheFieldRulesAtConstruction() {
        TransportParameters p = TransportParameters.DEFAULTS;
        assertThatThrownBy(() -> new InitialPacket(5, CLIENT_CID))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InitialPacket(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChallengePacket(1, 2, new byte[256], p))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResponsePacket(0, 2, new byte[0], p))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResponsePacket(1, 2, new byte[0], null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DataPacket(1, 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DataPacket(1, -1, List.of(PingFrame.INSTANCE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DataPacket(0, 0, List.of(PingFrame.INSTANCE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RefusePacket(1, ErrorCode.NO_ERROR, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void reportsEachPacketsType() {
        TransportParameters p = TransportParameters.DEFAULTS;
        assertThat(new ChallengePacket(1, 2, new byte[0], p).type()).isEqualTo(PacketType.CHALLENGE);
        assertThat(new ResponsePacket(1, 2, new byte[0], p).type()).isEqualTo(PacketType.RESPONSE);
        assertThat(new DataPacket(1, 0, List.of(PingFrame.INSTANCE)).type()).isEqualTo(PacketType.DATA);
        assertThat(new RefusePacket(1, ErrorCode.NO_ERROR, "").type()).isEqualTo(PacketType.REFUSE);
    }

    @Test
    void keepsTheReasonAsGivenUntilItIsEncoded() {
        String reason = "ä".repeat(300);
        assertThat(new RefusePacket(1, ErrorCode.NO_ERROR, reason).reason()).isEqualTo(reason);
        assertThat(reason.getBytes(StandardCharsets.UTF_8)).hasSize(600);
    }
}
