package io.rudp.core;

import static io.rudp.core.EstablishedDataTest.ascii;
import static io.rudp.core.ScriptedConnection.FIRST_PEER_PACKET_NUMBER;
import static io.rudp.core.ScriptedConnection.ack;
import static io.rudp.core.ScriptedConnection.ackText;
import static io.rudp.core.ScriptedConnection.stream;
import static io.rudp.core.ScriptedConnection.streamFin;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.ScriptedConnection.Side;
import io.rudp.core.wire.CloseFrame;
import io.rudp.core.wire.DataPacket;
import io.rudp.core.wire.ErrorCode;
import io.rudp.core.wire.Packet;
import io.rudp.core.wire.PingFrame;
import io.rudp.core.wire.RefusePacket;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way out of ESTABLISHED (docs/PROTOCOL.md §6), on both sides: graceful close through
 * LINGERING, REFUSE from a peer that already forgot the connection, abort through CLOSING, a
 * received CLOSE through DRAINING, and what the endpoint says about the id once it is CLOSED.
 */
class CloseStatesTest {

    private static final long ACK_DELAY_NANOS = EngineConfig.defaults().ackDelay().toNanos();

    // ---------------------------------------------------------------- graceful close

    @ParameterizedTest
    @EnumSource(Side.class)
    void finishedAndAcknowledgedBothWaysLingersReacknowledgesThenClosesNormally(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.write(ascii("ping"));
        s.connection.shutdownOutput(s.now());
        List<DataPacket> fin = s.drain();
        assertThat(ScriptedConnection.describe(fin)).containsExactly("[STREAM_FIN 0+4]");
        s.advance(ScriptedConnection.HANDSHAKE_RTT_NANOS);

        long peerFin = s.send(ack(fin.get(0).packetNumber()), streamFin(0, ascii("pong")));

        assertThat(s.connection.state()).isEqualTo(ConnectionState.LINGERING);
        assertThat(s.connection.closeReason().kind()).isEqualTo(CloseReason.Kind.NORMAL);
        assertThat(s.drainDescribed()).containsExactly("[" + ackText(FIRST_PEER_PACKET_NUMBER, peerFin) + "]");
        long lingerStart = s.now();
        long lingerEnd = lingerStart + s.threeProbeTimeoutsNanos();
        assertThat(s.read(10)).asString(US_ASCII).isEqualTo("pong");
        assertThat(s.read(10)).isNull();

        // The peer missed our ACK and sends its FIN again: acknowledged again, at once.
        s.advance(10_000_000L);
        long again = s.send(streamFin(0, ascii("pong")));
        assertThat(s.drainDescribed()).containsExactly("[" + ackText(FIRST_PEER_PACKET_NUMBER, again) + "]");
        assertThat(s.connection.state()).isEqualTo(ConnectionState.LINGERING);

        s.advanceTo(lingerEnd - 1);
        assertThat(s.connection.state()).isEqualTo(ConnectionState.LINGERING);
        s.advance(1);

        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(s.connection.closeReason().kind()).isEqualTo(CloseReason.Kind.NORMAL);
        assertThat(s.connection.closeReason().errorCode()).isEqualTo(ErrorCode.NO_ERROR);
        assertThat(s.drain()).isEmpty();
        assertThat(s.peer.endpoint.connectionCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aDuplicateOfThePeersLastPacketIsReacknowledgedWhileLingering(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.connection.shutdownOutput(s.now());
        List<DataPacket> fin = s.drain();
        long peerFin = s.send(ack(fin.get(0).packetNumber()), streamFin(0, ascii("pong")));
        assertThat(s.connection.state()).isEqualTo(ConnectionState.LINGERING);
        assertThat(s.drainDescribed()).containsExactly("[" + ackText(FIRST_PEER_PACKET_NUMBER, peerFin) + "]");

        s.sendNumbered(peerFin, ack(fin.get(0).packetNumber()), streamFin(0, ascii("pong")));

        assertThat(s.drainDescribed()).containsExactly("[" + ackText(FIRST_PEER_PACKET_NUMBER, peerFin) + "]");
        assertThat(s.connection.stats().duplicatePackets()).isEqualTo(1);
        assertThat(s.connection.state()).isEqualTo(ConnectionState.LINGERING);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aRetiredIdAnswersTheOldPeerWithRefuseNoErrorAndAnyoneElseWithNothing(Side side) {
        ScriptedConnection s = closedGracefully(side);
        long refusalsBefore = s.peer.endpoint.stats().refusalsSent();

        s.send(stream(0, ascii("late")));

        List<Packet> out = s.peer.drain();
        assertThat(out).singleElement().isInstanceOfSatisfying(RefusePacket.class, r -> {
            assertThat(r.destinationConnectionId()).isEqualTo(ScriptedConnection.PEER_CID);
            assertThat(r.errorCode()).isEqualTo(ErrorCode.NO_ERROR);
        });
        assertThat(s.peer.endpoint.stats().refusalsSent()).isEqualTo(refusalsBefore + 1);

        s.sendFrom(ScriptedPeer.address(77, 7777), stream(0, ascii("late")));
        assertThat(s.peer.drain()).isEmpty();
        assertThat(s.peer.endpoint.connectionCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void anAbortedConnectionsRetiredIdTellsATinyLateProbeTheAbortReason(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.connection.abort(s.now(), "user pressed cancel");
        s.drain(); // the CLOSE: suppose every copy of it is lost
        s.advanceTo(s.now() + s.threeProbeTimeoutsNanos());
        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSED);

        s.send(PingFrame.INSTANCE); // a probe: far smaller than the answer

        assertThat(s.peer.drain()).singleElement().isInstanceOfSatisfying(RefusePacket.class, r -> {
            assertThat(r.destinationConnectionId()).isEqualTo(ScriptedConnection.PEER_CID);
            assertThat(r.errorCode()).isEqualTo(ErrorCode.APPLICATION_ABORT);
            assertThat(r.reason()).isEqualTo("user pressed cancel");
        });
    }

    // ---------------------------------------------------------------- REFUSE while established

    @ParameterizedTest
    @EnumSource(Side.class)
    void refuseNoErrorWhileOurStreamIsFinishedAndThePeersIsCompleteEndsNormally(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.write(ascii("ping"));
        s.connection.shutdownOutput(s.now());
        assertThat(s.drainDescribed()).containsExactly("[STREAM_FIN 0+4]");
        s.send(streamFin(0, ascii("pong")));
        assertThat(s.connection.state()).as("our FIN is not acknowledged yet").isEqualTo(ConnectionState.ESTABLISHED);

        // The peer completed, lingered and forgot the connection; our retransmission met its REFUSE.
        s.peer.send(new RefusePacket(s.connection.localConnectionId(), ErrorCode.NO_ERROR, ""));

        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(s.connection.closeReason().kind()).isEqualTo(CloseReason.Kind.NORMAL);
        assertThat(s.connection.closeReason().errorCode()).isEqualTo(ErrorCode.NO_ERROR);
        assertThat(s.peer.drain()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void refuseNoErrorBeforeThePeersStreamIsCompleteIsAReset(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.write(ascii("ping"));
        s.connection.shutdownOutput(s.now());
        s.drain();

        s.peer.send(new RefusePacket(s.connection.localConnectionId(), ErrorCode.NO_ERROR, ""));

        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(s.connection.closeReason().kind()).isEqualTo(CloseReason.Kind.RESET_BY_PEER);
        assertThat(s.peer.drain()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void refuseWithAnErrorWhileEstablishedIsAReset(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);

        s.peer.send(new RefusePacket(s.connection.localConnectionId(), ErrorCode.APPLICATION_ABORT, "gone"));

        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(s.connection.closeReason().kind()).isEqualTo(CloseReason.Kind.RESET_BY_PEER);
        assertThat(s.connection.closeReason().errorCode()).isEqualTo(ErrorCode.APPLICATION_ABORT);
        assertThat(s.connection.closeReason().message()).contains("gone");
        assertThat(s.peer.drain()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aRefuseFromAnotherAddressChangesNothing(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);

        s.peer.sendFrom(ScriptedPeer.address(66, 6666),
                new RefusePacket(s.connection.localConnectionId(), ErrorCode.APPLICATION_ABORT, "spoofed"));

        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
        assertThat(s.connection.closeReason()).isNull();
        assertThat(s.peer.endpoint.stats().addressMismatchDropped()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- abort: CLOSING

    @ParameterizedTest
    @EnumSource(Side.class)
    void abortSendsCloseAndRepeatsItToThe1st2nd4th8thLatePacket(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.write(ascii("unacknowledged"));
        assertThat(s.drain()).hasSize(1);
        long abortedAt = s.now();
        long closingPeriod = s.threeProbeTimeoutsNanos();

        s.connection.abort(s.now(), "bye");

        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSING);
        assertThat(s.connection.closeReason().kind()).isEqualTo(CloseReason.Kind.LOCAL_ABORT);
        assertThat(s.connection.closeReason().errorCode()).isEqualTo(ErrorCode.APPLICATION_ABORT);
        assertThat(s.drainDescribed()).containsExactly("[CLOSE APPLICATION_ABORT: bye]");
        for (int late = 1; late <= 9; late++) {
            s.send(PingFrame.INSTANCE);
            boolean answered = late == 1 || late == 2 || late == 4 || late == 8;
            assertThat(s.drainDescribed()).as("late packet %d", late)
                    .isEqualTo(answered ? List.of("[CLOSE APPLICATION_ABORT: bye]") : List.of());
        }

        s.advanceTo(abortedAt + closingPeriod - 1);
        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSING);
        assertThat(s.drain()).as("no probe or retransmission while closing").isEmpty();
        s.advance(1);
        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(s.connection.closeReason().kind()).isEqualTo(CloseReason.Kind.LOCAL_ABORT);
        assertThat(s.drain()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aCloseReceivedWhileClosingMovesToDrainingAndEndsTheEcho(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.connection.abort(s.now(), "bye");
        s.drain();
        s.advance(5_000_000L);

        s.send(new CloseFrame(ErrorCode.NO_ERROR, ""));
        long closeAt = s.now();
        long drainingPeriod = s.threeProbeTimeoutsNanos();

        assertThat(s.connection.state()).isEqualTo(ConnectionState.DRAINING);
        assertThat(s.connection.closeReason().kind()).as("our own reason stays").isEqualTo(CloseReason.Kind.LOCAL_ABORT);
        assertThat(s.drain()).isEmpty();
        s.send(PingFrame.INSTANCE);
        assertThat(s.drain()).as("draining answers nothing").isEmpty();
        s.advanceTo(closeAt + drainingPeriod);
        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(s.drain()).isEmpty();
    }

    // ---------------------------------------------------------------- CLOSE received: DRAINING

    @ParameterizedTest
    @EnumSource(Side.class)
    void aCloseFromThePeerDrainsSilentlyThenCloses(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.send(stream(0, ascii("abc"))); // its ACK is still delayed when the CLOSE comes
        long drainingPeriod = s.threeProbeTimeoutsNanos();

        s.send(new CloseFrame(ErrorCode.APPLICATION_ABORT, "going away"));
        long closeAt = s.now();

        assertThat(s.connection.state()).isEqualTo(ConnectionState.DRAINING);
        CloseReason reason = s.connection.closeReason();
        assertThat(reason.kind()).isEqualTo(CloseReason.Kind.RESET_BY_PEER);
        assertThat(reason.errorCode()).isEqualTo(ErrorCode.APPLICATION_ABORT);
        assertThat(reason.message()).contains("going away");
        for (int i = 0; i < 5; i++) {
            long pn = s.send(PingFrame.INSTANCE, stream(3, ascii("more")));
            s.sendNumbered(pn, PingFrame.INSTANCE); // a duplicate too
            s.advance(ACK_DELAY_NANOS);
            assertThat(s.drain()).as("draining is silent, packet %d", i).isEmpty();
        }

        s.advanceTo(closeAt + drainingPeriod - 1);
        assertThat(s.connection.state()).isEqualTo(ConnectionState.DRAINING);
        s.advance(1);
        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(s.connection.closeReason()).isEqualTo(reason);
        assertThat(s.drain()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aCloseWithTimeoutFromThePeerEndsTimedOut(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);

        s.send(new CloseFrame(ErrorCode.TIMEOUT, "no answer for 30000 ms"));

        assertThat(s.connection.state()).isEqualTo(ConnectionState.DRAINING);
        assertThat(s.connection.closeReason().kind()).isEqualTo(CloseReason.Kind.TIMED_OUT);
        assertThat(s.connection.closeReason().errorCode()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(s.drain()).isEmpty();
    }

    /** Graceful close both ways, run to CLOSED. */
    static ScriptedConnection closedGracefully(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.connection.shutdownOutput(s.now());
        List<DataPacket> fin = s.drain();
        s.send(ack(fin.get(0).packetNumber()), streamFin(0, new byte[0]));
        assertThat(s.connection.state()).isEqualTo(ConnectionState.LINGERING);
        s.drain();
        s.advance(s.threeProbeTimeoutsNanos());
        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSED);
        return s;
    }
}
