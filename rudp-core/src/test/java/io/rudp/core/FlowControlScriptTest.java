package io.rudp.core;

import static io.rudp.core.ScriptedConnection.FIRST_PEER_PACKET_NUMBER;
import static io.rudp.core.ScriptedConnection.ack;
import static io.rudp.core.ScriptedConnection.ackText;
import static io.rudp.core.ScriptedConnection.bytes;
import static io.rudp.core.ScriptedConnection.numbers;
import static io.rudp.core.ScriptedConnection.stream;
import static io.rudp.core.ScriptedConnection.streamFin;
import static io.rudp.core.ScriptedConnection.streamFrames;
import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.ScriptedConnection.Side;
import io.rudp.core.wire.DataBlockedFrame;
import io.rudp.core.wire.DataPacket;
import io.rudp.core.wire.ErrorCode;
import io.rudp.core.wire.HandshakeDoneFrame;
import io.rudp.core.wire.MaxDataFrame;
import io.rudp.core.wire.Packet;
import io.rudp.core.wire.StreamFrame;
import io.rudp.core.wire.TransportParameters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Flow control both ways (docs/PROTOCOL.md §5, RFC 9000 §4) and the rules a peer can break
 * with its frames: credit, final size (RFC 9000 §4.5), HANDSHAKE_DONE from a client.
 */
class FlowControlScriptTest {

    private static final int WINDOW = 4096;
    private static final EngineConfig SMALL_WINDOW = EngineConfig.builder().receiveBufferBytes(WINDOW).build();

    // ---------------------------------------------------------------- receiving: our credit

    @ParameterizedTest
    @EnumSource(Side.class)
    void closesWithFlowControlErrorWhenThePeerSendsPastTheInitialCredit(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, SMALL_WINDOW);
        fillTheWindow(s);
        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);

        s.send(stream(WINDOW, new byte[1]));

        assertClosedWithError(s, ErrorCode.FLOW_CONTROL_ERROR, "data beyond the advertised credit");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void closesWithFlowControlErrorForDataPastTheAdvertisedLimitEvenWhenTheBufferHasRoom(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, SMALL_WINDOW);
        fillTheWindow(s);
        // Less than half the window read: the limit must not move, so no MAX_DATA is sent.
        assertThat(s.read(WINDOW / 4)).hasSize(WINDOW / 4);
        assertThat(ScriptedPeer.frames(new ArrayList<Packet>(s.drain()), MaxDataFrame.class)).isEmpty();

        // The advertised limit is still WINDOW: one byte past it is a violation (RFC 9000 §4.1).
        s.send(stream(WINDOW, new byte[1]));

        assertClosedWithError(s, ErrorCode.FLOW_CONTROL_ERROR, "data beyond the advertised credit");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void sendsMaxDataOnceTheApplicationHasReadHalfTheWindow(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, SMALL_WINDOW);
        fillTheWindow(s);

        assertThat(s.read(WINDOW / 2 - 1)).hasSize(WINDOW / 2 - 1);
        assertThat(s.drain()).as("less than half a window read: no update yet").isEmpty();
        assertThat(s.read(1)).hasSize(1);

        assertThat(s.drainDescribed()).containsExactly("[MAX_DATA " + (WINDOW / 2 + WINDOW) + "]");
        assertThat(s.read(1)).hasSize(1);
        assertThat(s.drain()).as("one update per half window").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void sendsTheNewestMaxDataAgainWhenThePacketCarryingItIsLost(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, SMALL_WINDOW);
        fillTheWindow(s);
        assertThat(s.read(WINDOW / 2)).hasSize(WINDOW / 2);
        List<DataPacket> update = s.drain();
        assertThat(ScriptedConnection.describe(update)).containsExactly("[MAX_DATA " + (WINDOW / 2 + WINDOW) + "]");
        s.write(bytes(3 * 1300, 3));
        List<DataPacket> later = s.drainPaced();
        assertThat(later).hasSizeGreaterThanOrEqualTo(3);

        // Three later packets arrive, the one with MAX_DATA does not: it is lost and its frame is sent again.
        s.send(ack(later.get(0).packetNumber(), later.get(1).packetNumber(), later.get(2).packetNumber()));

        List<Packet> out = new ArrayList<>(s.drain());
        s.advance(SMALL_WINDOW.flushDelay().toNanos());
        out.addAll(s.drain());
        assertThat(ScriptedPeer.frames(out, MaxDataFrame.class)).containsExactly(new MaxDataFrame(WINDOW / 2 + WINDOW));
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void answersDataBlockedWithMaxDataWhenItCanOfferMore(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, SMALL_WINDOW);
        fillTheWindow(s);
        assertThat(s.read(100)).hasSize(100);
        assertThat(s.drain()).isEmpty();

        long pn = s.send(new DataBlockedFrame(WINDOW));

        // Below the half-window threshold, but the peer is stalled: it gets what can be offered.
        assertThat(s.drainDescribed())
                .containsExactly("[" + ackText(FIRST_PEER_PACKET_NUMBER, pn) + ", MAX_DATA " + (100 + WINDOW) + "]");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void answersDataBlockedOnlyWithAnAckWhenItHasNoMoreCreditToOffer(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, SMALL_WINDOW);
        fillTheWindow(s);

        long pn = s.send(new DataBlockedFrame(WINDOW));

        assertThat(s.drain()).isEmpty();
        s.advance(SMALL_WINDOW.ackDelay().toNanos());
        assertThat(s.drainDescribed()).containsExactly("[" + ackText(FIRST_PEER_PACKET_NUMBER, pn) + "]");
    }

    // ---------------------------------------------------------------- sending: the peer's credit

    @ParameterizedTest
    @EnumSource(Side.class)
    void stopsAtThePeersCreditSendsDataBlockedOnceAndResumesOnMaxData(Side side) {
        int credit = 2000;
        ScriptedConnection s = ScriptedConnection.establish(side, EngineConfig.defaults(),
                new TransportParameters(1200, credit, 25_000, 0));
        s.write(bytes(5000, 6));

        List<DataPacket> first = s.drainPaced();
        assertThat(coveredUpTo(streamFrames(first), 0)).isEqualTo(credit);
        assertThat(ScriptedConnection.describe(first.get(first.size() - 1))).isEqualTo("[DATA_BLOCKED " + credit + "]");
        assertThat(ScriptedConnection.describe(first.subList(0, first.size() - 1)))
                .allMatch(text -> text.startsWith("[STREAM "));

        // Everything is acknowledged; time passes: still blocked, and DATA_BLOCKED is not repeated.
        s.send(ack(numbers(first)));
        s.advance(1_000_000_000L);
        assertThat(s.drain()).isEmpty();

        s.send(new MaxDataFrame(4000));

        List<DataPacket> second = s.drainPaced();
        assertThat(coveredUpTo(streamFrames(second), credit)).isEqualTo(4000);
        assertThat(ScriptedPeer.frames(new ArrayList<Packet>(second), DataBlockedFrame.class))
                .containsExactly(new DataBlockedFrame(4000));
    }

    // ---------------------------------------------------------------- final size

    @ParameterizedTest
    @EnumSource(Side.class)
    void closesWithFinalSizeErrorWhenTheFinalSizeChanges(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.send(streamFin(0, bytes(10, 7)));

        s.send(streamFin(0, bytes(12, 7)));

        assertClosedWithError(s, ErrorCode.FINAL_SIZE_ERROR, "final size violated");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void closesWithFinalSizeErrorForDataPastTheFinalSize(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.send(streamFin(0, bytes(10, 7)));

        s.send(stream(10, bytes(1, 8)));

        assertClosedWithError(s, ErrorCode.FINAL_SIZE_ERROR, "final size violated");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void closesWithFinalSizeErrorForAFinBelowDataAlreadyReceived(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.send(stream(0, bytes(10, 7)));

        s.send(streamFin(0, bytes(5, 7)));

        assertClosedWithError(s, ErrorCode.FINAL_SIZE_ERROR, "final size violated");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void acceptsTheSameFinalSizeAgain(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.send(streamFin(0, bytes(10, 7)));

        s.send(streamFin(5, bytes(5, 12)));

        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
        assertThat(s.read(100)).isEqualTo(bytes(10, 7));
        assertThat(s.read(100)).isNull();
    }

    // ---------------------------------------------------------------- HANDSHAKE_DONE

    @Test
    void closesWithProtocolViolationWhenAClientSendsHandshakeDone() {
        ScriptedConnection s = ScriptedConnection.establish(Side.SERVER);

        s.send(HandshakeDoneFrame.INSTANCE);

        assertClosedWithError(s, ErrorCode.PROTOCOL_VIOLATION, "a client sent HANDSHAKE_DONE");
    }

    @Test
    void aClientTakesARepeatedHandshakeDoneInStride() {
        ScriptedConnection s = ScriptedConnection.establish(Side.CLIENT);

        long pn = s.send(HandshakeDoneFrame.INSTANCE);

        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
        s.advance(EngineConfig.defaults().ackDelay().toNanos());
        assertThat(s.drainDescribed()).containsExactly("[" + ackText(FIRST_PEER_PACKET_NUMBER, pn) + "]");
    }

    // ---------------------------------------------------------------- helpers

    /** The peer sends exactly WINDOW bytes in four packets; the ACKs they provoke are drained. */
    private static void fillTheWindow(ScriptedConnection s) {
        int chunk = WINDOW / 4;
        int acks = 0;
        for (int i = 0; i < 4; i++) {
            s.send(stream((long) i * chunk, bytes(chunk, i)));
            acks += s.drain().size();
        }
        assertThat(acks).as("one immediate ACK per two ack-eliciting packets").isEqualTo(2);
        assertThat(s.connection.readableBytes()).isEqualTo(WINDOW);
    }

    /**
     * Asserts CLOSING with a PROTOCOL_ERROR of {@code code}, and that exactly one packet went out:
     * the CLOSE frame (optionally preceded by an ACK of what arrived).
     */
    static void assertClosedWithError(ScriptedConnection s, ErrorCode code, String wireReason) {
        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSING);
        assertThat(s.connection.closeReason().kind()).isEqualTo(CloseReason.Kind.PROTOCOL_ERROR);
        assertThat(s.connection.closeReason().errorCode()).isEqualTo(code);
        List<DataPacket> out = s.drain();
        assertThat(out).hasSize(1);
        List<String> frames = new ArrayList<>();
        out.get(0).frames().forEach(f -> frames.add(ScriptedConnection.describe(f)));
        frames.removeIf(f -> f.startsWith("ACK "));
        assertThat(frames).containsExactly("CLOSE " + code + ": " + wireReason);
    }

    /** Asserts the frames cover [from, end) contiguously, in order, and returns end. */
    private static long coveredUpTo(List<StreamFrame> frames, long from) {
        long next = from;
        for (StreamFrame f : frames) {
            assertThat(f.offset()).as("stream frames are contiguous and in order").isEqualTo(next);
            assertThat(f.fin()).isFalse();
            next += f.dataLength();
        }
        return next;
    }
}
