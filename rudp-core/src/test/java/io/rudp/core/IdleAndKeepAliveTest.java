package io.rudp.core;

import static io.rudp.core.ScriptedConnection.FIRST_PEER_PACKET_NUMBER;
import static io.rudp.core.ScriptedConnection.ack;
import static io.rudp.core.ScriptedConnection.ackText;
import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.ScriptedConnection.Side;
import io.rudp.core.wire.DataPacket;
import io.rudp.core.wire.ErrorCode;
import io.rudp.core.wire.PingFrame;
import io.rudp.core.wire.TransportParameters;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The idle timeout (silent close after max(idle timeout, 3 PTO) without anything received, the
 * smaller of both sides' values) and the keep-alive PING (docs/PROTOCOL.md §6, RFC 9000 §10.1).
 */
class IdleAndKeepAliveTest {

    private static EngineConfig idle(Duration idleTimeout) {
        return EngineConfig.builder().idleTimeout(idleTimeout).keepAliveInterval(Duration.ZERO).build();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void closesSilentlyAtTheIdleTimeoutWhenNothingArrives(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, idle(Duration.ofMillis(500)));
        long idleEnd = s.lastPeerPacketNanos() + Math.max(500_000_000L, s.threeProbeTimeoutsNanos());

        assertClosesSilentlyAt(s, idleEnd);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void theIdleTimeoutIsNeverShorterThanThreeProbeTimeouts(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, idle(Duration.ofMillis(10)));
        assertThat(s.threeProbeTimeoutsNanos()).isGreaterThan(10_000_000L);

        assertClosesSilentlyAt(s, s.lastPeerPacketNanos() + s.threeProbeTimeoutsNanos());
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void usesThePeersIdleTimeoutWhenItIsTheSmaller(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, idle(Duration.ofSeconds(2)),
                new TransportParameters(1200, 65_536, 25_000, 700));

        assertClosesSilentlyAt(s, s.lastPeerPacketNanos() + 700_000_000L);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aPacketFromThePeerRestartsTheIdleTimer(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side, idle(Duration.ofMillis(500)));
        s.advanceTo(s.lastPeerPacketNanos() + 400_000_000L);

        s.send(PingFrame.INSTANCE);
        s.send(PingFrame.INSTANCE);
        assertThat(s.drain()).hasSize(1); // the ACK of both

        assertClosesSilentlyAt(s, s.lastPeerPacketNanos() + 500_000_000L);
    }

    @ParameterizedTest
    @EnumSource(value = Side.class, names = "CLIENT") // the server's keep-alive is a fallback: below
    void sendsAKeepAlivePingAfterTheIntervalWithoutTraffic(Side side) {
        long intervalNanos = 200_000_000L;
        ScriptedConnection s = ScriptedConnection.establish(side, EngineConfig.builder()
                .keepAliveInterval(Duration.ofNanos(intervalNanos)).idleTimeout(Duration.ofSeconds(1)).build());
        // Two PINGs: acknowledged at once, so the last packet each way is now.
        s.send(PingFrame.INSTANCE);
        long pn = s.send(PingFrame.INSTANCE);
        assertThat(s.drainDescribed()).containsExactly("[" + ackText(FIRST_PEER_PACKET_NUMBER, pn) + "]");
        long quietSince = s.now();

        s.advanceTo(quietSince + intervalNanos - 1);
        assertThat(s.drain()).isEmpty();
        s.advance(1);

        List<DataPacket> keepAlive = s.drain();
        assertThat(ScriptedConnection.describe(keepAlive)).containsExactly("[PING]");
        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);

        // The peer's acknowledgement is the last traffic: the next PING is one interval after it.
        s.advance(ScriptedConnection.HANDSHAKE_RTT_NANOS);
        s.send(ack(keepAlive.get(0).packetNumber()));
        long acknowledgedAt = s.now();
        s.advanceTo(acknowledgedAt + intervalNanos - 1);
        assertThat(s.drain()).isEmpty();
        s.advance(1);
        assertThat(s.drainDescribed()).containsExactly("[PING]");
        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void aQuietConnectionGivesTheStorageOfItsDrainedBuffersBackAtTheKeepAlive(Side side) {
        long intervalNanos = 200_000_000L;
        ScriptedConnection s = ScriptedConnection.establish(side, EngineConfig.builder()
                .keepAliveInterval(Duration.ofNanos(intervalNanos)).idleTimeout(Duration.ofSeconds(1)).build());
        byte[] chunk = ScriptedConnection.bytes(1_000, 7);
        for (int i = 0; i < 100; i++) {
            s.send(ScriptedConnection.stream(i * 1_000L, chunk));
        }
        s.drain();
        assertThat(s.read(200_000)).hasSize(100_000);
        long kept = s.connection.receiveBuffer().allocatedBytes();
        assertThat(kept).as("a drained buffer keeps its storage while the connection is busy").isGreaterThan(100_000);
        long quietSince = s.now();

        s.advanceTo(quietSince + intervalNanos - 1);
        assertThat(s.connection.receiveBuffer().allocatedBytes()).isEqualTo(kept);
        s.advance(1);

        if (side == Side.CLIENT) {
            assertThat(s.drainDescribed()).containsExactly("[PING]");
        } else {
            // The server sends no keep-alive of its own while the client's arrive: it trims on the client's.
            assertThat(s.drain()).isEmpty();
            assertThat(s.connection.receiveBuffer().allocatedBytes()).isEqualTo(kept);
            s.send(PingFrame.INSTANCE);
            assertThat(s.drainDescribed()).as("acknowledged at once").singleElement().asString().startsWith("[ACK");
        }
        assertThat(s.connection.receiveBuffer().allocatedBytes()).as("quiet for a keep-alive interval: trimmed").isZero();
        assertThat(s.connection.sendBuffer().allocatedBytes()).isZero();
    }

    @org.junit.jupiter.api.Test
    void theServerPingsOnlyWhenTheClientFellSilentAndAnswersTheClientsKeepAliveAtOnce() {
        long intervalNanos = 200_000_000L;
        ScriptedConnection s = ScriptedConnection.establish(Side.SERVER, EngineConfig.builder()
                .keepAliveInterval(Duration.ofNanos(intervalNanos)).idleTimeout(Duration.ofSeconds(1)).build());
        s.send(PingFrame.INSTANCE);
        s.drain();
        long quietSince = s.now();
        // Twice the interval after the client was last heard (one interval before the 1 s idle timeout).
        long fallbackNanos = 2 * intervalNanos;

        s.advanceTo(quietSince + intervalNanos + 50_000_000L);
        assertThat(s.drain()).as("no keep-alive of the server's own after one interval").isEmpty();
        long clientPing = s.send(PingFrame.INSTANCE); // the client's keep-alive
        assertThat(s.drain()).as("its ACK, at once").hasSize(1);
        long heardAt = s.now();

        s.advanceTo(heardAt + fallbackNanos - 1);
        assertThat(s.drain()).isEmpty();
        s.advance(1);

        assertThat(s.drainDescribed()).as("the client fell silent: the server pings").containsExactly("[PING]");
        assertThat(clientPing).isPositive();
        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void keepAlivesComeOftenEnoughForAPeerWithAShorterIdleTimeout(Side side) {
        // Ours: keep-alive every 10 s, idle 30 s. The peer's idle timeout is 2 s.
        ScriptedConnection s = ScriptedConnection.establish(side, EngineConfig.builder()
                .keepAliveInterval(Duration.ofSeconds(10)).idleTimeout(Duration.ofSeconds(30)).build(),
                new TransportParameters(1200, 65_536, 25_000, 2_000));
        s.send(PingFrame.INSTANCE);
        s.send(PingFrame.INSTANCE);
        s.drain();
        long quietSince = s.now();

        s.advanceTo(quietSince + 1_000_000_000L - 1);
        assertThat(s.drain()).isEmpty();
        s.advance(1);

        // Half the 2 s the peer allows, not our 10 s: the peer never sees us idle.
        assertThat(s.drainDescribed()).containsExactly("[PING]");
    }

    private static void assertClosesSilentlyAt(ScriptedConnection s, long idleEndNanos) {
        s.advanceTo(idleEndNanos - 1);
        assertThat(s.drain()).isEmpty();
        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);

        s.advance(1);

        assertThat(s.connection.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(s.connection.closeReason().kind()).isEqualTo(CloseReason.Kind.IDLE_TIMEOUT);
        assertThat(s.connection.closeReason().errorCode()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(s.peer.drain()).as("an idle timeout is silent").isEmpty();
        assertThat(s.peer.endpoint.connectionCount()).isZero();
    }
}
