package io.rudp.core;

import static io.rudp.core.ScriptedConnection.ackText;
import static io.rudp.core.ScriptedConnection.stream;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.ScriptedConnection.Side;
import io.rudp.core.wire.AckFrame;
import io.rudp.core.wire.DataPacket;
import io.rudp.core.wire.PingFrame;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An ESTABLISHED connection receiving data, on the server and on the client side: reassembly,
 * duplicates, when acknowledgements go out and what they report (docs/PROTOCOL.md §5), and the
 * datagrams it must ignore (another source address, a bad checksum).
 */
class EstablishedDataTest {

    private static final long ACK_DELAY_NANOS = EngineConfig.defaults().ackDelay().toNanos();

    @ParameterizedTest
    @EnumSource(Side.class)
    void deliversInOrderFramesOnceAndInOrder(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);

        s.send(stream(0, ascii("hello ")));
        s.send(stream(6, ascii("world")));

        assertThat(s.read(100)).asString(US_ASCII).isEqualTo("hello world");
        assertThat(s.read(100)).isEmpty();
        assertThat(s.connection.stats().streamBytesReceived()).isEqualTo(11);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void reassemblesOutOfOrderFramesAndDeliversEachByteOnce(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        long first = s.skipPacketNumber();
        long second = s.skipPacketNumber();

        s.sendNumbered(second, stream(5, ascii("world")));
        assertThat(s.read(100)).as("nothing is readable across the hole").isEmpty();
        s.sendNumbered(first, stream(0, ascii("hello")));
        // A retransmission of bytes already delivered, in a new packet: nothing new to read.
        s.send(stream(3, ascii("lowo")));

        assertThat(s.read(100)).asString(US_ASCII).isEqualTo("helloworld");
        assertThat(s.read(100)).isEmpty();
        assertThat(s.connection.stats().streamBytesReceived()).isEqualTo(10);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void discardsADuplicatePacketCountsItAndAcknowledgesItAgainAtOnce(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        long pn = s.send(stream(0, ascii("abc")));
        s.advance(ACK_DELAY_NANOS);
        assertThat(s.drainDescribed()).containsExactly("[" + ackText(ScriptedConnection.FIRST_PEER_PACKET_NUMBER, pn) + "]");
        long received = s.connection.stats().packetsReceived();

        // The same packet number again; what it carries must not be processed at all.
        s.sendNumbered(pn, stream(3, ascii("xyz")));

        assertThat(s.drainDescribed()).as("re-acknowledged at once, not after the ACK delay")
                .containsExactly("[" + ackText(ScriptedConnection.FIRST_PEER_PACKET_NUMBER, pn) + "]");
        assertThat(s.connection.stats().duplicatePackets()).isEqualTo(1);
        assertThat(s.connection.stats().packetsReceived()).isEqualTo(received);
        assertThat(s.read(100)).asString(US_ASCII).isEqualTo("abc");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void acknowledgesASinglePacketExactlyAtTheAckDelay(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        long pn = s.send(stream(0, ascii("one")));
        assertThat(s.drain()).isEmpty();

        s.advance(ACK_DELAY_NANOS - 1);
        assertThat(s.drain()).isEmpty();
        s.advance(1);

        List<DataPacket> out = s.drain();
        assertThat(ScriptedConnection.describe(out))
                .containsExactly("[" + ackText(ScriptedConnection.FIRST_PEER_PACKET_NUMBER, pn) + "]");
        AckFrame ack = (AckFrame) out.get(0).frames().get(0);
        assertThat(ack.ackDelayMicros()).as("the ACK reports how long it was held").isEqualTo(ACK_DELAY_NANOS / 1_000);
        s.advance(10 * ACK_DELAY_NANOS);
        assertThat(s.drain()).as("one ACK per ack-eliciting packet, not a stream of them").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void acknowledgesALonePingAtOnceRatherThanAfterTheAckDelay(Side side) {
        // A keep-alive: no data follows to share the ACK with, so a delayed ACK would only cost a timer.
        ScriptedConnection s = ScriptedConnection.establish(side);
        long ping = s.send(PingFrame.INSTANCE);

        assertThat(s.drainDescribed()).containsExactly("[" + ackText(ScriptedConnection.FIRST_PEER_PACKET_NUMBER, ping) + "]");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void acknowledgesAtOnceWhenTwoAckElicitingPacketsAreUnacknowledged(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.send(stream(0, ascii("one")));
        assertThat(s.drain()).isEmpty();

        long second = s.send(stream(3, ascii("two")));

        assertThat(s.drainDescribed())
                .containsExactly("[" + ackText(ScriptedConnection.FIRST_PEER_PACKET_NUMBER, second) + "]");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void reportsAGapAsTwoRangesAtOnceAndOneRangeOnceItIsFilled(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        long first = s.send(stream(0, ascii("a")));
        long missing = s.skipPacketNumber();
        long third = s.send(stream(2, ascii("c")));

        assertThat(s.drainDescribed()).as("an out-of-order packet is acknowledged at once")
                .containsExactly("[ACK " + third + ".." + third + " " + ScriptedConnection.FIRST_PEER_PACKET_NUMBER + ".." + first + "]");

        s.sendNumbered(missing, stream(1, ascii("b")));

        assertThat(s.drainDescribed()).as("a packet filling a gap is acknowledged at once")
                .containsExactly("[" + ackText(ScriptedConnection.FIRST_PEER_PACKET_NUMBER, third) + "]");
        assertThat(s.read(10)).asString(US_ASCII).isEqualTo("abc");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void stopsReportingRangesOnceTheDataPacketCarryingTheirAckIsAcknowledged(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        long first = s.send(PingFrame.INSTANCE);
        s.skipPacketNumber();
        s.write(ascii("x"));
        List<DataPacket> withAck = s.drain();
        assertThat(ScriptedConnection.describe(withAck))
                .containsExactly("[" + ackText(ScriptedConnection.FIRST_PEER_PACKET_NUMBER, first) + ", STREAM 0+1]");

        long third = s.send(ScriptedConnection.ack(withAck.get(0).packetNumber()), PingFrame.INSTANCE);

        // RFC 9000 §13.2.4 and §5: numbers up to the largest of the acknowledged ACK are not reported again.
        assertThat(s.drainDescribed()).containsExactly("[" + ackText(third) + "]");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void stopsReportingRangesOnceThePeerAcknowledgesAnAckOnlyPacketCarryingThem(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        long first = s.send(PingFrame.INSTANCE);
        s.skipPacketNumber();
        long third = s.send(PingFrame.INSTANCE);
        List<DataPacket> ackOnly = s.drain();
        assertThat(ScriptedConnection.describe(ackOnly)).containsExactly(
                "[ACK " + third + ".." + third + " " + ScriptedConnection.FIRST_PEER_PACKET_NUMBER + ".." + first + "]");

        // The peer acknowledges that ACK-only packet, then two ack-eliciting packets follow.
        long fourth = s.send(ScriptedConnection.ack(ackOnly.get(0).packetNumber()), PingFrame.INSTANCE);
        long fifth = s.send(PingFrame.INSTANCE);

        // docs/PROTOCOL.md §5: ranges are repeated only until an ACK-carrying packet is acknowledged.
        assertThat(s.drainDescribed()).containsExactly("[" + ackText(fourth, fifth) + "]");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void dropsAndCountsAPacketFromAnotherSourceAddress(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        long received = s.connection.stats().packetsReceived();

        s.sendFrom(ScriptedPeer.address(66, 6666), stream(0, ascii("spoofed")));
        s.advance(10 * ACK_DELAY_NANOS);

        assertThat(s.drain()).isEmpty();
        assertThat(s.peer.endpoint.stats().addressMismatchDropped()).isEqualTo(1);
        assertThat(s.connection.stats().packetsReceived()).isEqualTo(received);
        assertThat(s.connection.readableBytes()).isZero();
        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void countsACorruptDatagramInTheConnectionStatsAndChangesNothingElse(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        long pn = 1_500;
        byte[] intact = WireFixtures.encode(s.packet(pn, stream(0, ascii("abc"))));
        byte[] corrupt = intact.clone();
        corrupt[intact.length - 6] ^= 0x10; // one bit of the stream data
        long received = s.connection.stats().packetsReceived();
        long deadline = s.peer.endpoint.nextDeadlineNanos();

        s.peer.sendRaw(corrupt);
        assertThat(s.peer.endpoint.nextDeadlineNanos()).as("no timer moved, not even the idle timer").isEqualTo(deadline);
        s.advance(10 * ACK_DELAY_NANOS);

        assertThat(s.drain()).isEmpty();
        assertThat(s.connection.stats().corruptPackets()).isEqualTo(1);
        assertThat(s.peer.endpoint.stats().corruptDropped()).isEqualTo(1);
        assertThat(s.connection.stats().packetsReceived()).isEqualTo(received);
        assertThat(s.connection.readableBytes()).isZero();

        // The packet number was not taken by the corrupt copy: the intact one is accepted.
        s.peer.sendRaw(intact);
        assertThat(s.connection.stats().duplicatePackets()).isZero();
        assertThat(s.read(10)).asString(US_ASCII).isEqualTo("abc");
    }

    static byte[] ascii(String s) {
        return s.getBytes(US_ASCII);
    }
}
