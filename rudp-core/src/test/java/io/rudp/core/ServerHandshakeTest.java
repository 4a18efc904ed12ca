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
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's half of the three-way handshake, driven packet by packet (docs/PROTOCOL.md §4). */
class ServerHandshakeTest {

    private static final long CLIENT_CID = 0x1111_2222_3333_4444L;

    private final ScriptedPeer client = new ScriptedPeer(EngineConfig.defaults(), 7, ScriptedPeer.address(9, 5000));

    private ChallengePacket challenge() {
        client.endpoint.listen();
        int sent = client.send(new InitialPacket(0, CLIENT_CID));
        List<Packet> out = client.drain();
        assertThat(out).hasSize(1).first().isInstanceOf(ChallengePacket.class);
        assertThat(sent).isGreaterThanOrEqualTo(1200);
        return (ChallengePacket) out.get(0);
    }

    @Test
    void answersAnInitialWithAChallengeAndKeepsNoState() {
        ChallengePacket c = challenge();

        assertThat(c.destinationConnectionId()).isEqualTo(CLIENT_CID);
        assertThat(c.sourceConnectionId()).isNotZero();
        assertThat(client.endpoint.connectionCount()).isZero();
        assertThat(client.endpoint.nextDeadlineNanos()).isEqualTo(DatagramEngine.NO_DEADLINE);
        assertThat(client.endpoint.stats().challengesSent()).isEqualTo(1);
    }

    @Test
    void createsTheConnectionOnlyWhenTheCookieComesBack() {
        ChallengePacket c = challenge();

        client.send(new ResponsePacket(c.sourceConnectionId(), CLIENT_CID, c.token(), TransportParameters.DEFAULTS));

        Connection accepted = client.endpoint.pollAccepted();
        assertThat(accepted).isNotNull();
        assertThat(accepted.state()).isEqualTo(ConnectionState.ESTABLISHED);
        assertThat(accepted.localConnectionId()).isEqualTo(c.sourceConnectionId());
        List<Packet> out = client.drain();
        assertThat(ScriptedPeer.frames(out, HandshakeDoneFrame.class)).hasSize(1);
        assertThat(out.get(0).destinationConnectionId()).isEqualTo(CLIENT_CID);
    }

    @Test
    void dropsAForgedCookie() {
        ChallengePacket c = challenge();
        byte[] forged = c.token().clone();
        forged[forged.length - 1] ^= 1;

        client.send(new ResponsePacket(c.sourceConnectionId(), CLIENT_CID, forged, TransportParameters.DEFAULTS));

        assertThat(client.endpoint.connectionCount()).isZero();
        assertThat(client.endpoint.stats().invalidCookieDropped()).isEqualTo(1);
        // The answer is a fresh stateless challenge for the same ids, never a connection.
        assertThat(client.drain()).singleElement().isInstanceOfSatisfying(ChallengePacket.class, fresh -> {
            assertThat(fresh.destinationConnectionId()).isEqualTo(CLIENT_CID);
            assertThat(fresh.sourceConnectionId()).isEqualTo(c.sourceConnectionId());
            assertThat(fresh.token()).isNotEqualTo(forged);
        });
        assertThat(client.endpoint.connectionCount()).isZero();
    }

    @Test
    void dropsACookieReturnedFromAnotherAddress() {
        ChallengePacket c = challenge();

        client.sendFrom(ScriptedPeer.address(10, 5000),
                new ResponsePacket(c.sourceConnectionId(), CLIENT_CID, c.token(), TransportParameters.DEFAULTS));

        assertThat(client.endpoint.connectionCount()).isZero();
        assertThat(client.endpoint.stats().invalidCookieDropped()).isEqualTo(1);
    }

    @Test
    void dropsACookieForAnotherClientConnectionId() {
        ChallengePacket c = challenge();

        client.send(new ResponsePacket(c.sourceConnectionId(), CLIENT_CID + 1, c.token(), TransportParameters.DEFAULTS));

        assertThat(client.endpoint.connectionCount()).isZero();
    }

    @Test
    void dropsAnExpiredCookie() {
        ChallengePacket c = challenge();
        client.nowNanos += Endpoint.COOKIE_LIFETIME_NANOS + 1;

        client.send(new ResponsePacket(c.sourceConnectionId(), CLIENT_CID, c.token(), TransportParameters.DEFAULTS));

        assertThat(client.endpoint.connectionCount()).isZero();
        assertThat(client.endpoint.stats().invalidCookieDropped()).isEqualTo(1);
    }

    @Test
    void aClientWhoseCookieExpiredCompletesWithTheFreshOne() {
        ChallengePacket c = challenge();
        client.nowNanos += Endpoint.COOKIE_LIFETIME_NANOS + 1;
        client.send(new ResponsePacket(c.sourceConnectionId(), CLIENT_CID, c.token(), TransportParameters.DEFAULTS));
        ChallengePacket fresh = (ChallengePacket) client.drain().get(0);

        client.send(new ResponsePacket(fresh.sourceConnectionId(), CLIENT_CID, fresh.token(), TransportParameters.DEFAULTS));

        assertThat(client.endpoint.pollAccepted()).isNotNull();
        assertThat(client.endpoint.connectionCount()).isEqualTo(1);
    }

    @Test
    void acceptsACookieMintedJustBeforeTheSecretRotated() {
        ChallengePacket c = challenge();
        client.nowNanos += Endpoint.COOKIE_LIFETIME_NANOS - 1;
        // Another handshake at this time rotates the secret; the first cookie must still verify.
        client.send(new InitialPacket(0, CLIENT_CID + 7));
        client.drain();

        client.send(new ResponsePacket(c.sourceConnectionId(), CLIENT_CID, c.token(), TransportParameters.DEFAULTS));

        assertThat(client.endpoint.connectionCount()).isEqualTo(1);
    }

    @Test
    void dropsAnUndersizedInitialWithoutAnswering() {
        client.endpoint.listen();
        // A valid INITIAL truncated to 100 bytes with a fresh checksum.
        byte[] small = WireFixtures.withFreshChecksum(WireFixtures.encode(new InitialPacket(0, CLIENT_CID)), 100);

        client.sendRaw(small);

        assertThat(client.drain()).isEmpty();
        assertThat(client.endpoint.stats().undersizedHandshakeDropped()).isEqualTo(1);
    }

    @Test
    void refusesWhenNotListening() {
        client.send(new InitialPacket(0, CLIENT_CID));

        List<Packet> out = client.drain();
        assertThat(out).singleElement().isInstanceOfSatisfying(RefusePacket.class, r -> {
            assertThat(r.destinationConnectionId()).isEqualTo(CLIENT_CID);
            assertThat(r.errorCode()).isEqualTo(ErrorCode.CONNECTION_REFUSED);
        });
    }

    @Test
    void refusesWhenTheAcceptQueueIsFull() {
        ScriptedPeer server = new ScriptedPeer(EngineConfig.builder().acceptBacklog(1).build(), 3, ScriptedPeer.address(9, 5000));
        server.endpoint.listen();
        for (long cid = 1; cid <= 2; cid++) {
            server.send(new InitialPacket(0, cid));
            ChallengePacket c = (ChallengePacket) server.drain().get(0);
            server.send(new ResponsePacket(c.sourceConnectionId(), cid, c.token(), TransportParameters.DEFAULTS));
        }

        List<Packet> out = server.drain();
        assertThat(ScriptedPeer.only(out, RefusePacket.class)).singleElement().satisfies(r -> {
            assertThat(r.destinationConnectionId()).isEqualTo(2);
            assertThat(r.errorCode()).isEqualTo(ErrorCode.SERVER_BUSY);
        });
        assertThat(server.endpoint.connectionCount()).isEqualTo(1);
    }

    @Test
    void confirmsAgainWhenTheResponseIsRetransmitted() {
        ChallengePacket c = challenge();
        ResponsePacket response = new ResponsePacket(c.sourceConnectionId(), CLIENT_CID, c.token(), TransportParameters.DEFAULTS);
        client.send(response);
        client.drain();

        client.send(response);

        List<Packet> out = client.drain();
        assertThat(ScriptedPeer.frames(out, HandshakeDoneFrame.class)).hasSize(1);
        assertThat(client.endpoint.connectionCount()).isEqualTo(1);
    }

    @Test
    void retransmitsHandshakeDoneWhenItIsLost() {
        ChallengePacket c = challenge();
        client.send(new ResponsePacket(c.sourceConnectionId(), CLIENT_CID, c.token(), TransportParameters.DEFAULTS));
        assertThat(ScriptedPeer.frames(client.drain(), HandshakeDoneFrame.class)).hasSize(1);

        // No ACK ever comes: the probe timeout must carry HANDSHAKE_DONE (or a probe) again.
        int handshakeDones = 0;
        for (int i = 0; i < 3 && client.advanceToNextDeadline(Long.MAX_VALUE); i++) {
            List<Packet> out = client.drain();
            handshakeDones += ScriptedPeer.frames(out, HandshakeDoneFrame.class).size();
            assertThat(ScriptedPeer.only(out, DataPacket.class)).allMatch(p -> p.destinationConnectionId() == CLIENT_CID);
        }
        assertThat(handshakeDones).isGreaterThanOrEqualTo(1);
    }

    @Test
    void takesTheCookiesAgeAsAnRttSampleOnlyWhenItIsBelowTheHandshakeRetryDelay() {
        ChallengePacket first = challenge();
        client.nowNanos += 20_000_000L;
        client.send(new ResponsePacket(first.sourceConnectionId(), CLIENT_CID, first.token(), TransportParameters.DEFAULTS));
        Connection prompt = client.endpoint.pollAccepted();

        client.send(new InitialPacket(0, CLIENT_CID + 1));
        ChallengePacket second = (ChallengePacket) client.drain().get(0);
        // A RESPONSE a retry delay (250 ms) later is a retransmission: its cookie's age is no RTT.
        client.nowNanos += EngineConfig.defaults().handshakeRetryDelay().toNanos() + 20_000_000L;
        client.send(new ResponsePacket(second.sourceConnectionId(), CLIENT_CID + 1, second.token(), TransportParameters.DEFAULTS));
        Connection retransmitted = client.endpoint.pollAccepted();

        assertThat(prompt.stats().smoothedRttNanos()).isEqualTo(20_000_000L);
        assertThat(retransmitted.stats().smoothedRttNanos()).isEqualTo(EngineConfig.defaults().initialRto().toNanos() / 3);
    }
}
