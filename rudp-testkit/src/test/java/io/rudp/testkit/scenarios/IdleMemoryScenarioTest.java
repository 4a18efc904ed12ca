package io.rudp.testkit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.CloseReason;
import io.rudp.core.Connection;
import io.rudp.core.ConnectionState;
import io.rudp.core.Endpoint;
import io.rudp.core.EngineConfig;
import io.rudp.core.wire.ErrorCode;
import io.rudp.testkit.SimulatedNetwork;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Idle connections on the simulator: a connection limit computed from memory is enforced and the
 * refusal names it; idle connections cost one PING and one ACK per keep-alive interval, sent by
 * the client and answered by the server without a timer of its own, and stay open for minutes.
 */
class IdleMemoryScenarioTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theLimitFromMemoryIsEnforcedAndTheRefusalSaysWhy() {
        SplittableRandom random = new SplittableRandom(14);
        SimulatedNetwork network = new SimulatedNetwork(random.nextLong());
        // A 16 MiB heap: a quarter at 16 KiB per connection is 256; the floor of 64 does not apply.
        Endpoint server = new Endpoint(EngineConfig.defaults(), random.split(), 16L << 20);
        Endpoint client = new Endpoint(EngineConfig.defaults(), random.split());
        InetSocketAddress serverAddress = network.attach(server);
        network.attach(client);
        server.listen();
        assertThat(server.connectionLimit().maxConnections()).isEqualTo(256);

        List<Connection> clients = new ArrayList<>();
        for (int i = 0; i < 257; i++) {
            clients.add(client.connect(network.nowNanos(), serverAddress));
            network.runFor(SECOND / 100);
            while (server.pollAccepted() != null) {
                // accepted: held open
            }
        }
        network.runFor(5 * SECOND);

        long established = clients.stream().filter(Connection::isEstablished).count();
        assertThat(established).isEqualTo(256);
        Connection refused = clients.get(256);
        assertThat(refused.state()).isEqualTo(ConnectionState.CLOSED);
        CloseReason why = refused.closeReason();
        assertThat(why.kind()).isEqualTo(CloseReason.Kind.REFUSED);
        assertThat(why.errorCode()).isEqualTo(ErrorCode.SERVER_BUSY);
        assertThat(why.message()).contains("connection limit reached: 256 connections (from memory: a quarter of the 16 MiB heap at 16 KiB per idle connection)");
    }

    @Test
    void anIdleConnectionCostsOnePingAndOneAckPerIntervalAndNoServerTimer() {
        SplittableRandom random = new SplittableRandom(15);
        SimulatedNetwork network = new SimulatedNetwork(random.nextLong());
        Endpoint server = new Endpoint(EngineConfig.defaults(), random.split());
        Endpoint client = new Endpoint(EngineConfig.defaults(), random.split());
        InetSocketAddress serverAddress = network.attach(server);
        InetSocketAddress clientAddress = network.attach(client);
        server.listen();
        Connection c = client.connect(network.nowNanos(), serverAddress);
        assertThat(network.runUntil(c::isEstablished, 5 * SECOND)).isTrue();
        Connection[] s = new Connection[1];
        assertThat(network.runUntil(() -> (s[0] = server.pollAccepted()) != null, 5 * SECOND)).isTrue();
        network.runFor(30 * SECOND);
        long clientSent = network.stats(clientAddress, serverAddress).sent();
        long serverSent = network.stats(serverAddress, clientAddress).sent();
        long serverTimers = server.timerFirings();
        long clientTimers = client.timerFirings();

        network.runFor(300 * SECOND); // five minutes idle, a keep-alive every interval (25 s by default)
        long intervals = 300 * SECOND / EngineConfig.defaults().keepAliveInterval().toNanos();

        assertThat(c.isEstablished()).isTrue();
        assertThat(s[0].isEstablished()).isTrue();
        assertThat(network.stats(clientAddress, serverAddress).sent() - clientSent).as("client PINGs").isBetween(intervals - 1, intervals + 1);
        assertThat(network.stats(serverAddress, clientAddress).sent() - serverSent).as("server ACKs").isBetween(intervals - 1, intervals + 1);
        assertThat(server.timerFirings() - serverTimers).as("server timers: its ACK goes at once").isZero();
        assertThat(client.timerFirings() - clientTimers).as("client timers: one keep-alive each").isBetween(intervals - 1, intervals + 1);
    }
}
