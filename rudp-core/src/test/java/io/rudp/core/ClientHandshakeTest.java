package io.rudp.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.wire.ChallengePacket;
import io.rudp.core.wire.DataPacket;
import io.rudp.core.wire.ErrorCode;
import io.rudp.core.wire.HandshakeDoneFrame;
import io.rudp.core.wire.InitialPacket;
import io.rudp.core.wire.Packet;
import io.rudp.core.wire.RefusePacket;
import io.rudp.core.wire.ResponsePacket;
import io.rudp.core.wire.TransportParameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's half of the handshake against a scripted server, including every lost packet. */
class ClientHandshakeTest {

    private static final long SERVER_CID = 0x5555_6666_7777_8888L;
    private static final byte[] TOKEN = new byte[25];

    private final EngineConfig config = EngineConfig.builder()
            .handshakeRetryDelay(Duration.ofMillis(100)).handshakeMaxRetryDelay(Duration.ofSeconds(2)).handshakeCopies(1)
            .handshakeAttempts(4).handshakeTimeout(Duration.ofSeconds(60)).build();
    private final ScriptedPeer server = new ScriptedPeer(config, 11, ScriptedPeer.address(1, 443));
    private final Connection connection = server.endpoint.connect(server.nowNanos, server.peerAddress);

    private InitialPacket initial() {
        return ScriptedPeer.only(server.drain(), InitialPacket.class).get(0);
    }

    @Test
    void sendsAPaddedInitialWithItsOwnConnectionId() {
        InitialPacket initial = initial();

        assertThat(initial.destinationConnectionId()).isZero();
        assertThat(initial.sourceConnectionId()).isEqualTo(connection.localConnectionId());
        assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTING);
        assertThat(server.endpoint.stats().bytesSent()).isGreaterThanOrEqualTo(1200);
    }

    @Test
    void retransmitsTheInitialWithExponentialBackoffWhenTheChallengeIsLost() {
        initial();
        List<Long> sendTimes = new ArrayList<>();
        while (server.advanceToNextDeadline(Long.MAX_VALUE)) {
            if (!ScriptedPeer.only(server.drain(), InitialPacket.class).isEmpty()) {
                sendTimes.add(server.nowNanos - ScriptedPeer.START_NANOS);
            }
        }

        assertThat(sendTimes).containsExactly(100_000_000L, 300_000_000L, 700_000_000L);
        assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(connection.closeReason().kind()).isEqualTo(CloseReason.Kind.HANDSHAKE_TIMEOUT);
        assertThat(connection.closeReason().message()).contains("4 attempts");
        assertThat(server.endpoint.connectionCount()).isZero();
    }

    @Test
    void answersTheChallengeWithAPaddedResponseCarryingTheToken() {
        initial();
        server.send(new ChallengePacket(connection.localConnectionId(), SERVER_CID, TOKEN, TransportParameters.DEFAULTS));

        List<Packet> out = server.drain();
        assertThat(out).singleElement().isInstanceOfSatisfying(ResponsePacket.class, r -> {
            assertThat(r.destinationConnectionId()).isEqualTo(SERVER_CID);
            assertThat(r.sourceConnectionId()).isEqualTo(connection.localConnectionId());
            assertThat(r.token()).isEqualTo(TOKEN);
        });
    }

    @Test
    void retransmitsTheResponseWhenTheConfirmationIsLostThenFails() {
        initial();
        server.send(new ChallengePacket(connection.localConnectionId(), SERVER_CID, TOKEN, TransportParameters.DEFAULTS));
        server.drain();
        int responses = 1;
        while (server.advanceToNextDeadline(Long.MAX_VALUE)) {
            responses += ScriptedPeer.only(server.drain(), ResponsePacket.class).size();
        }

        assertThat(responses).isEqualTo(4);
        assertThat(connection.closeReason().kind()).isEqualTo(CloseReason.Kind.HANDSHAKE_TIMEOUT);
        assertThat(connection.closeReason().message()).contains("confirmation");
    }

    @Test
    void takesAFreshCookieForTheSameServerIdAndIgnoresOneForAnotherId() {
        initial();
        server.send(new ChallengePacket(connection.localConnectionId(), SERVER_CID, TOKEN, TransportParameters.DEFAULTS));
        server.drain();
        byte[] fresh = new byte[25];
        fresh[0] = 1;

        server.send(new ChallengePacket(connection.localConnectionId(), SERVER_CID + 1, fresh, TransportParameters.DEFAULTS));
        assertThat(server.drain()).isEmpty();
        server.send(new ChallengePacket(connection.localConnectionId(), SERVER_CID, fresh, TransportParameters.DEFAULTS));

        assertThat(server.drain()).singleElement().isInstanceOfSatisfying(ResponsePacket.class, r -> {
            assertThat(r.destinationConnectionId()).isEqualTo(SERVER_CID);
            assertThat(r.token()).isEqualTo(fresh);
        });
    }

    @Test
    void isEstablishedByTheFirstDataPacketFromTheServer() {
        initial();
        server.send(new ChallengePacket(connection.localConnectionId(), SERVER_CID, TOKEN, TransportParameters.DEFAULTS));
        server.drain();

        server.send(new DataPacket(connection.localConnectionId(), 77, List.of(HandshakeDoneFrame.INSTANCE)));

        assertThat(connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
        // The HANDSHAKE_DONE is ack-eliciting: an ACK follows within the ACK delay.
        server.advanceBy(config.ackDelay().toNanos());
        assertThat(ScriptedPeer.only(server.drain(), DataPacket.class)).isNotEmpty();
    }

    @Test
    void failsAtOnceWhenRefused() {
        initial();

        server.send(new RefusePacket(connection.localConnectionId(), ErrorCode.SERVER_BUSY, "accept queue full"));

        assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(connection.closeReason().kind()).isEqualTo(CloseReason.Kind.REFUSED);
        assertThat(connection.closeReason().errorCode()).isEqualTo(ErrorCode.SERVER_BUSY);
        assertThat(connection.closeReason().message()).contains("accept queue full");
    }

    @Test
    void ignoresAChallengeFromAnotherAddress() {
        initial();

        server.sendFrom(ScriptedPeer.address(2, 443),
                new ChallengePacket(connection.localConnectionId(), SERVER_CID, TOKEN, TransportParameters.DEFAULTS));

        assertThat(server.drain()).isEmpty();
        assertThat(server.endpoint.stats().addressMismatchDropped()).isEqualTo(1);
    }

    @Test
    void givesUpAtTheHandshakeTimeoutEvenWithAttemptsLeft() {
        EngineConfig shortTimeout = config.toBuilder().handshakeAttempts(100).handshakeTimeout(Duration.ofMillis(250)).build();
        ScriptedPeer s = new ScriptedPeer(shortTimeout, 12, ScriptedPeer.address(1, 443));
        Connection c = s.endpoint.connect(s.nowNanos, s.peerAddress);
        s.drain();
        while (s.advanceToNextDeadline(Long.MAX_VALUE)) {
            s.drain();
        }

        assertThat(c.closeReason().kind()).isEqualTo(CloseReason.Kind.HANDSHAKE_TIMEOUT);
        assertThat(s.nowNanos - ScriptedPeer.START_NANOS).isEqualTo(250_000_000L);
    }

    /** Send instants (relative to the start) of the handshake packets of type {@code type} until the connection ends. */
    private static List<Long> sendInstants(ScriptedPeer s, Class<? extends Packet> type) {
        List<Long> sendTimes = new ArrayList<>();
        if (!ScriptedPeer.only(s.drain(), type).isEmpty()) {
            sendTimes.add(s.nowNanos - ScriptedPeer.START_NANOS);
        }
        while (s.advanceToNextDeadline(Long.MAX_VALUE)) {
            for (int i = ScriptedPeer.only(s.drain(), type).size(); i > 0; i--) {
                sendTimes.add(s.nowNanos - ScriptedPeer.START_NANOS);
            }
        }
        return sendTimes;
    }

    @Test
    void sendsEachRetransmissionTwiceAFewMillisecondsApartButTheFirstSendOnce() {
        EngineConfig copies = config.toBuilder().handshakeCopies(2).build();
        ScriptedPeer s = new ScriptedPeer(copies, 13, ScriptedPeer.address(1, 443));
        Connection c = s.endpoint.connect(s.nowNanos, s.peerAddress);

        List<Long> sendTimes = sendInstants(s, InitialPacket.class);

        long copy = ClientHandshake.COPY_SPACING_NANOS;
        assertThat(sendTimes).containsExactly(0L, 100_000_000L, 100_000_000L + copy,
                300_000_000L, 300_000_000L + copy, 700_000_000L, 700_000_000L + copy);
        // The copies do not count as attempts: 4 attempts, then one more retry delay.
        assertThat(s.nowNanos - ScriptedPeer.START_NANOS).isEqualTo(1_500_000_000L);
        assertThat(c.closeReason().kind()).isEqualTo(CloseReason.Kind.HANDSHAKE_TIMEOUT);
        assertThat(c.closeReason().message()).contains("4 attempts");
    }

    @Test
    void theRetryDelayStopsDoublingAtTheMaximum() {
        EngineConfig capped = config.toBuilder().handshakeMaxRetryDelay(Duration.ofMillis(250)).handshakeAttempts(6).build();
        ScriptedPeer s = new ScriptedPeer(capped, 14, ScriptedPeer.address(1, 443));
        s.endpoint.connect(s.nowNanos, s.peerAddress);

        List<Long> sendTimes = sendInstants(s, InitialPacket.class);

        assertThat(sendTimes).containsExactly(0L, 100_000_000L, 300_000_000L, 550_000_000L, 800_000_000L, 1_050_000_000L);
        assertThat(s.nowNanos - ScriptedPeer.START_NANOS).isEqualTo(1_300_000_000L);
    }

    @Test
    void aChallengeBetweenTwoCopiesCancelsTheRemainingCopyAndStartsTheResponseAlone() {
        EngineConfig copies = config.toBuilder().handshakeCopies(3).build();
        ScriptedPeer s = new ScriptedPeer(copies, 15, ScriptedPeer.address(1, 443));
        Connection c = s.endpoint.connect(s.nowNanos, s.peerAddress);
        s.drain();
        s.advanceToNextDeadline(Long.MAX_VALUE); // the retransmission at 100 ms, first of three copies
        assertThat(ScriptedPeer.only(s.drain(), InitialPacket.class)).hasSize(1);
        s.advanceToNextDeadline(Long.MAX_VALUE); // the second copy
        assertThat(ScriptedPeer.only(s.drain(), InitialPacket.class)).hasSize(1);

        s.send(new ChallengePacket(c.localConnectionId(), SERVER_CID, TOKEN, TransportParameters.DEFAULTS));
        assertThat(ScriptedPeer.only(s.drain(), ResponsePacket.class)).hasSize(1);
        s.advanceToNextDeadline(Long.MAX_VALUE);

        // No third INITIAL copy: the next packet is the RESPONSE's retransmission, a retry delay later.
        List<Packet> next = s.drain();
        assertThat(ScriptedPeer.only(next, InitialPacket.class)).isEmpty();
        assertThat(ScriptedPeer.only(next, ResponsePacket.class)).hasSize(1);
        assertThat(s.nowNanos - ScriptedPeer.START_NANOS).isEqualTo(100_000_000L + ClientHandshake.COPY_SPACING_NANOS + 100_000_000L);
    }

    @Test
    void takesAnRttSampleOnlyFromAnAnswerToASingleSend() {
        server.drain();
        server.advanceBy(30_000_000L);
        server.send(new ChallengePacket(connection.localConnectionId(), SERVER_CID, TOKEN, TransportParameters.DEFAULTS));
        server.drain();
        server.advanceBy(40_000_000L);
        server.send(new DataPacket(connection.localConnectionId(), 77, List.of(HandshakeDoneFrame.INSTANCE)));

        assertThat(connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
        // 30 ms, then 40 ms: RFC 9002 §5.3 smoothing gives 7/8 x 30 + 1/8 x 40.
        assertThat(connection.stats().smoothedRttNanos()).isEqualTo(31_250_000L);
    }
}
