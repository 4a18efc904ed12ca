package io.rudp.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rudp.core.wire.MalformedPacketException.Reason;
import org.junit.jupiter.api.Test;

class TransportParametersTest {

    private static final long CLIENT_CID = 11;
    private static final long SERVER_CID = 22;

    /** A CHALLENGE with an empty token, followed by {@code params} written raw. */
    private static Datagrams.Builder challengeWithParameterCount(long count) {
        return Datagrams.Builder.packet(0x02, CLIENT_CID).u64(SERVER_CID).varint(0).varint(count);
    }

    private static TransportParameters decodeParams(byte[] datagram) throws Exception {
        return ((ChallengePacket) Datagrams.decode(datagram)).params();
    }

    @Test
    void hasTheDefaultsOfTheProtocolTable() {
        assertThat(TransportParameters.DEFAULTS)
                .isEqualTo(new TransportParameters(1200, 65_536, 25_000, 0));
    }

    @Test
    void takesDefaultsForAbsentParameters() throws Exception {
        assertThat(decodeParams(challengeWithParameterCount(0).seal()))
                .isEqualTo(TransportParameters.DEFAULTS);
        assertThat(decodeParams(challengeWithParameterCount(1).varint(0x04).varint(30_000).seal()))
                .isEqualTo(new TransportParameters(1200, 65_536, 25_000, 30_000));
    }

    @Test
    void skipsUnknownParameterIdsOnDecode() throws Exception {
        byte[] datagram = challengeWithParameterCount(4)
                .varint(0x3F).varint(Varint.MAX_VALUE)
                .varint(0x02).varint(1_000_000)
                .varint(0x1234_5678L).varint(0)
                .varint(0x01).varint(1500)
                .seal();
        assertThat(decodeParams(datagram))
                .isEqualTo(new TransportParameters(1500, 1_000_000, 25_000, 0));
    }

    @Test
    void acceptsParametersInAnyOrderWithNonMinimalEncodings() throws Exception {
        byte[] datagram = challengeWithParameterCount(2)
                .raw((byte) 0x40, (byte) 0x03).raw((byte) 0x80, 0, 0, 5) // id 3 = 5, both padded
                .varint(0x01).varint(1200)
                .seal();
        assertThat(decodeParams(datagram)).isEqualTo(new TransportParameters(1200, 65_536, 5, 0));
    }

    @Test
    void acceptsThirtyTwoParameters() throws Exception {
        Datagrams.Builder b = challengeWithParameterCount(32);
        for (int id = 100; id < 132; id++) {
            b.varint(id).varint(id);
        }
        assertThat(decodeParams(b.seal())).isEqualTo(TransportParameters.DEFAULTS);
    }

    @Test
    void rejectsThirtyThreeParameters() {
        Datagrams.Builder b = challengeWithParameterCount(33);
        for (int id = 100; id < 133; id++) {
            b.varint(id).varint(id);
        }
        assertThat(Datagrams.rejection(b.seal())).isEqualTo(Reason.INVALID_FIELD);
    }

    @Test
    void rejectsADuplicatedKnownId() {
        byte[] datagram = challengeWithParameterCount(2)
                .varint(0x02).varint(10).varint(0x02).varint(10).seal();
        assertThat(Datagrams.rejection(datagram)).isEqualTo(Reason.INVALID_FIELD);
    }

    @Test
    void rejectsADuplicatedUnknownId() {
        byte[] datagram = challengeWithParameterCount(3)
                .varint(0x40).varint(1).varint(0x01).varint(1300).varint(0x40).varint(2).seal();
        assertThat(Datagrams.rejection(datagram)).isEqualTo(Reason.INVALID_FIELD);
    }

    @Test
    void rejectsAMaxDatagramSizeBelow1200OrAboveTheUdpLimit() {
        for (long bad : new long[] {0, 1199, 65_508, Varint.MAX_VALUE}) {
            byte[] datagram = challengeWithParameterCount(1).varint(0x01).varint(bad).seal();
            assertThat(Datagrams.rejection(datagram)).as("max_datagram_bytes=%d", bad)
                    .isEqualTo(Reason.INVALID_FIELD);
        }
    }

    @Test
    void rejectsParametersThatRunPastTheEnd() {
        byte[] datagram = challengeWithParameterCount(2).varint(0x01).varint(1300).seal();
        assertThat(Datagrams.rejection(datagram)).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void validatesRangesAtConstruction() {
        assertThatThrownBy(() -> new TransportParameters(1199, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransportParameters(65_508, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransportParameters(1200, -1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransportParameters(1200, 0, Varint.MAX_VALUE + 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransportParameters(1200, 0, 0, -5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new TransportParameters(65_507, Varint.MAX_VALUE, Varint.MAX_VALUE,
                Varint.MAX_VALUE).maxDatagramBytes()).isEqualTo(65_507);
    }
}
