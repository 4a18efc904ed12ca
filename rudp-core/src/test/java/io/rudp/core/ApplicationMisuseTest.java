package io.rudp.core;

import static io.rudp.core.EstablishedDataTest.ascii;
import static io.rudp.core.ScriptedConnection.ack;
import static io.rudp.core.ScriptedConnection.bytes;
import static io.rudp.core.ScriptedConnection.stream;
import static io.rudp.core.ScriptedConnection.streamFin;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rudp.core.ScriptedConnection.Side;
import io.rudp.core.wire.CloseFrame;
import io.rudp.core.wire.DataPacket;
import io.rudp.core.wire.ErrorCode;
import io.rudp.core.wire.MaxDataFrame;
import io.rudp.core.wire.Packet;
import io.rudp.core.wire.RefusePacket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The application API used at the wrong time: {@link Connection#write} after the output ended,
 * repeated {@link Connection#close}, {@link Connection#abort} and {@link Connection#shutdownOutput},
 * and what {@link Connection#read} returns at and after the end.
 */
class ApplicationMisuseTest {

    private static final byte[] ONE_BYTE = {42};

    // ---------------------------------------------------------------- write after the end

    @ParameterizedTest
    @EnumSource(Side.class)
    void writeAfterShutdownOutputThrowsWithAClearMessage(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.connection.shutdownOutput(s.now());

        assertThatThrownBy(() -> s.connection.write(s.now(), ONE_BYTE, 0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("output was shut down")
                .hasMessageContaining("no more data can be sent");
        assertThat(s.connection.writableBytes()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void writeAfterCloseThrowsWithAClearMessage(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.connection.close(s.now());

        assertThatThrownBy(() -> s.connection.write(s.now(), ONE_BYTE, 0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no more data can be sent");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void writeAfterAbortThrowsNamingTheStateAndTheReason(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.connection.abort(s.now(), "bye");

        assertThatThrownBy(() -> s.connection.write(s.now(), ONE_BYTE, 0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closing")
                .hasMessageContaining("bye")
                .hasMessageContaining("no more data can be sent");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void writeAfterTheConnectionClosedThrows(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.peer.send(new RefusePacket(s.connection.localConnectionId(), ErrorCode.INTERNAL_ERROR, ""));
        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSED);

        assertThatThrownBy(() -> s.connection.write(s.now(), ONE_BYTE, 0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed")
                .hasMessageContaining("no more data can be sent");
    }

    // ---------------------------------------------------------------- repeated calls

    @ParameterizedTest
    @EnumSource(Side.class)
    void closingTwiceIsHarmlessAndSendsOneFin(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.write(ascii("x"));

        s.connection.close(s.now());
        s.connection.close(s.now());
        s.connection.shutdownOutput(s.now());

        assertThat(s.drainDescribed()).containsExactly("[STREAM_FIN 0+1]");
        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
        assertThat(s.connection.isOutputShutdown()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void shuttingOutputDownTwiceSendsOneFin(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.write(ascii("x"));

        s.connection.shutdownOutput(s.now());
        s.connection.shutdownOutput(s.now());

        assertThat(s.drainDescribed()).containsExactly("[STREAM_FIN 0+1]");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void abortingTwiceIsHarmlessAndKeepsTheFirstReason(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);

        s.connection.abort(s.now(), "first");
        s.connection.abort(s.now(), "second");
        s.connection.close(s.now());

        assertThat(s.drainDescribed()).containsExactly("[CLOSE APPLICATION_ABORT: first]");
        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSING);
        assertThat(s.connection.closeReason().message()).contains("first").doesNotContain("second");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void closeAndAbortAfterTheConnectionClosedChangeNothing(Side side) {
        ScriptedConnection s = CloseStatesTest.closedGracefully(side);
        CloseReason reason = s.connection.closeReason();

        s.connection.close(s.now());
        s.connection.abort(s.now(), "too late");
        s.connection.shutdownOutput(s.now());

        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(s.connection.closeReason()).isEqualTo(reason);
        assertThat(s.peer.drain()).isEmpty();
        assertThat(s.peer.endpoint.nextDeadlineNanos()).isEqualTo(DatagramEngine.NO_DEADLINE);
    }

    // ---------------------------------------------------------------- read at and after the end

    @ParameterizedTest
    @EnumSource(Side.class)
    void readReturnsZeroWhileWaitingAndMinusOneAtTheEndOfTheStream(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        byte[] buf = new byte[10];
        assertThat(s.connection.read(buf, 0, 10)).isZero();

        s.send(streamFin(0, ascii("abc")));

        assertThat(s.connection.read(buf, 0, 10)).isEqualTo(3);
        assertThat(s.connection.read(buf, 0, 10)).isEqualTo(-1);
        assertThat(s.connection.read(buf, 0, 10)).isEqualTo(-1);
        assertThat(s.connection.isEndOfStream()).isTrue();
        assertThat(s.connection.state()).as("the end of input is not the end of the connection")
                .isEqualTo(ConnectionState.ESTABLISHED);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void readReturnsWhatArrivedThenMinusOneAfterThePeerClosedWithAnError(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.send(stream(0, ascii("abc")));

        s.send(new CloseFrame(ErrorCode.APPLICATION_ABORT, "oops"));

        assertThat(s.read(10)).asString(US_ASCII).isEqualTo("abc");
        assertThat(s.read(10)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void readReturnsMinusOneAfterAReset(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);

        s.peer.send(new RefusePacket(s.connection.localConnectionId(), ErrorCode.INTERNAL_ERROR, ""));

        assertThat(s.read(10)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void readReturnsMinusOneAfterOurOwnAbort(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);

        s.connection.abort(s.now(), "bye");

        assertThat(s.read(10)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void shutdownOutputIsAHalfCloseThatKeepsReceiving(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);
        s.connection.shutdownOutput(s.now());
        List<DataPacket> fin = s.drain();
        assertThat(ScriptedConnection.describe(fin)).containsExactly("[STREAM_FIN 0+0]");

        s.send(ack(fin.get(0).packetNumber()), stream(0, ascii("still talking")));

        assertThat(s.connection.isOutputAcknowledged()).isTrue();
        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
        assertThat(s.read(100)).asString(US_ASCII).isEqualTo("still talking");
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void closeDiscardsWhatThePeerStillSendsButKeepsGrantingCredit(Side side) {
        int window = 4096;
        ScriptedConnection s = ScriptedConnection.establish(side, EngineConfig.builder().receiveBufferBytes(window).build());
        s.connection.close(s.now());
        List<DataPacket> fin = s.drain();
        assertThat(ScriptedConnection.describe(fin)).containsExactly("[STREAM_FIN 0+0]");

        List<Packet> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            s.send(stream((long) i * 1024, bytes(1024, i)));
            out.addAll(s.drain());
        }

        List<MaxDataFrame> credit = ScriptedPeer.frames(out, MaxDataFrame.class);
        assertThat(credit).as("discarded bytes count as read: credit keeps flowing").isNotEmpty();
        long limit = credit.get(credit.size() - 1).maximumData();
        assertThat(limit).isGreaterThanOrEqualTo(window + window / 2);
        assertThat(s.read(10)).as("nothing is delivered after close").isNull();

        // The peer may use all the new credit and finish; then both directions are done.
        s.send(ack(fin.get(0).packetNumber()));
        for (long offset = window; offset < limit; offset += 1024) {
            int length = (int) Math.min(1024, limit - offset);
            s.send(offset + length == limit ? streamFin(offset, bytes(length, 9)) : stream(offset, bytes(length, 9)));
        }
        assertThat(s.connection.state()).isEqualTo(ConnectionState.LINGERING);
        assertThat(s.connection.closeReason().kind()).isEqualTo(CloseReason.Kind.NORMAL);
    }
}
