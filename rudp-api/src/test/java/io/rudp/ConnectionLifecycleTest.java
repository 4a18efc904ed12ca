package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link RudpConnection}: one type for both ends, and what {@link RudpConnection#isConnected()}
 * and {@link RudpConnection#isClosed()} say through a connection's life. Real loopback sockets.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectionLifecycleTest {

    private static int driversBefore;

    @BeforeAll
    static void countDrivers() {
        driversBefore = Resources.driverThreads().size();
    }

    /** Every driver these tests started has ended (after its few seconds of lingering), so none is left for the next test class. */
    @AfterAll
    static void leaveNoDriverBehind() throws InterruptedException {
        assertThat(Resources.awaitDriverThreadsGone(20_000)).hasSizeLessThanOrEqualTo(driversBefore);
    }

    /** One handler for either end: answers each message with its upper case, until the end of the stream. */
    private static int shoutBack(RudpConnection conn) throws IOException {
        int answered = 0;
        for (byte[] m; (m = conn.receiveMessage()) != null; answered++) {
            conn.sendMessage(new String(m, StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8));
        }
        return answered;
    }

    @Test
    void oneHandlerServesBothEnds() throws Exception {
        // The server's side answers the client ...
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.client.sendMessage("ping".getBytes(StandardCharsets.UTF_8));
            pair.client.shutdownOutput();
            assertThat(shoutBack(pair.accepted)).isEqualTo(1);
            assertThat(new String(pair.client.receiveMessage(), StandardCharsets.UTF_8)).isEqualTo("PING");
        }
        // ... and the client's side answers the server, through the same code.
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.accepted.sendMessage("pong".getBytes(StandardCharsets.UTF_8));
            pair.accepted.shutdownOutput();
            assertThat(shoutBack(pair.client)).isEqualTo(1);
            assertThat(pair.accepted.receiveMessage()).isEqualTo("PONG".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void bothEndsAreConnectedOnceTheHandshakeIsDoneAndNotClosed() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            RudpConnection[] ends = {pair.client, pair.accepted};
            for (RudpConnection end : ends) {
                assertThat(end.isConnected()).as("%s connected", end).isTrue();
                assertThat(end.isClosed()).as("%s closed", end).isFalse();
            }
        }
    }

    @Test
    void aHalfClosedConnectionIsStillConnected() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.client.shutdownOutput();
            assertThat(pair.accepted.receive(16)).isEmpty(); // the server's side read the end of the client's stream
            assertThat(pair.accepted.isConnected()).isTrue();
            assertThat(pair.client.isConnected()).isTrue();
            assertThat(pair.accepted.isClosed()).isFalse();
            pair.accepted.send("still here");
            assertThat(new String(pair.client.receive(64), StandardCharsets.UTF_8)).isEqualTo("still here");
        }
    }

    @Test
    void closeMakesItClosedAtOnceOnThatSide() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.client.close();
            assertThat(pair.client.isClosed()).isTrue();
            assertThat(pair.client.isConnected()).isFalse();

            pair.accepted.close();
            assertThat(pair.accepted.isClosed()).isTrue();
            assertThat(pair.accepted.isConnected()).isFalse();
        }
    }

    @Test
    void abortMakesBothSidesClosedOnceThePeerHeardOfIt() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open()) {
            pair.accepted.abort("bye");
            assertThat(pair.accepted.isClosed()).isTrue();
            assertThat(pair.accepted.isConnected()).isFalse();

            // The client learns of the end through its next operation; from then on it is closed too.
            assertThatThrownBy(() -> pair.client.receive(64)).isInstanceOf(ConnectionResetException.class);
            assertThat(pair.client.isClosed()).isTrue();
            assertThat(pair.client.isConnected()).isFalse();
        }
    }

    @Test
    void aSocketNeverConnectedIsNeitherConnectedNorClosedUntilClosed() throws Exception {
        ReliableSocket socket = new ReliableSocket(new InetSocketAddress("127.0.0.1", 9), LoopbackPair.FAST);
        assertThat(socket.isConnected()).isFalse();
        assertThat(socket.isClosed()).isFalse();
        socket.close();
        assertThat(socket.isConnected()).isFalse();
        assertThat(socket.isClosed()).isTrue();
    }

    @Test
    void aRefusedConnectLeavesTheSocketNeitherConnectedNorClosed() throws Exception {
        try (ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), LoopbackPair.FAST)) {
            // bound but not listening: the handshake is refused at once
            ReliableSocket socket = new ReliableSocket(server.localAddress(), LoopbackPair.FAST);
            try {
                assertThatThrownBy(socket::connect).isInstanceOf(ConnectException.class);
                assertThat(socket.isConnected()).isFalse();
                assertThat(socket.isClosed()).isFalse();
            } finally {
                socket.close();
            }
            assertThat(socket.isClosed()).isTrue();
        }
    }

    @Test
    void aRudpClientsSocketIsClosedOnceTheClientIs() throws Exception {
        try (ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), LoopbackPair.FAST)) {
            RudpClient client = new RudpClient(new InetSocketAddress("127.0.0.1", 0), LoopbackPair.FAST);
            try {
                server.listen();
                ReliableSocket socket = client.connect(server.localAddress());
                ClientConnection accepted = server.accept(LoopbackPair.ACCEPT_BOUND);
                assertThat(socket.isConnected()).isTrue();
                client.close(); // returns once every connection settled
                assertThat(socket.isClosed()).isTrue();
                assertThat(socket.isConnected()).isFalse();
                accepted.close();
            } finally {
                client.closeNow(); // idempotent; ends the driver at once if an assertion failed first
            }
        }
    }
}
