package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing never waits out the close timeout for a peer that has already closed. The server's
 * close timeout here is ten minutes and each test's own timeout one minute: a close or shutdown
 * that waited for the timeout (as {@code shutdown()} did, for close timeout + 1 s, when the client
 * had closed and gone) fails the test instead of passing slowly.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloseWithoutStallsTest {

    /**
     * Ten minutes to close, and no other way to find out within the test that a silent peer is
     * gone (idle timeout, peer timeout): before this was fixed, shutdown() here waited
     * until one of them ended the connection (measured: interrupted by a 40 s test timeout).
     */
    private static final RudpConfig SERVER = RudpConfig.builder().closeTimeout(Duration.ofMinutes(10))
            .idleTimeout(Duration.ofMinutes(10)).peerTimeout(Duration.ofMinutes(10)).build();
    /** The client gives up on the server's end of stream soon, so its own driver ends within the test. */
    private static final RudpConfig CLIENT = RudpConfig.builder().closeTimeout(Duration.ofSeconds(2))
            .idleTimeout(Duration.ofMinutes(10)).build();

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A client that exchanged a request and a reply with the server through a relay, then closed. */
    private static ClientConnection exchangeThenCloseClient(ReliableServer server, LoopbackRelay relay) throws Exception {
        ReliableSocket client = new ReliableSocket(relay.address(), CLIENT);
        client.connect();
        ClientConnection accepted = server.accept(Duration.ofSeconds(10));
        client.send("request");
        assertThat(text(accepted.receive(64))).isEqualTo("request");
        accepted.send("reply");
        assertThat(text(client.receive(64))).isEqualTo("reply");
        client.close(); // returns once the server acknowledged the client's stream and its end
        return accepted;
    }

    @Test
    void shutdownReturnsWhenTheClientClosedAndVanishedWithoutWaitingForTheCloseTimeout() throws Exception {
        int driversBefore = Resources.driverThreads().size();
        ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), SERVER);
        try (LoopbackRelay relay = new LoopbackRelay(server.localAddress())) {
            server.listen();
            ClientConnection accepted = exchangeThenCloseClient(server, relay);
            relay.cut(); // the client's process is gone: nothing reaches it, nothing comes back

            server.shutdown(); // waited close timeout + 1 s before (here: ten minutes)

            assertThat(server.isShutDown()).isTrue();
            assertThatThrownBy(() -> accepted.send("more")).isInstanceOf(ConnectionClosedException.class);
            assertThatThrownBy(server::accept).isInstanceOf(ConnectionClosedException.class);
        } finally {
            // The end of the server's stream is still retransmitted in the background (for the
            // close timeout); shutdownNow ends that, and awaitTermination sees the socket closed.
            server.shutdownNow();
            assertThat(server.awaitTermination(Duration.ofSeconds(10))).isTrue();
            assertThat(server.isTerminated()).isTrue();
        }
        assertThat(Resources.awaitDriverThreadsGone(30_000)).hasSizeLessThanOrEqualTo(driversBefore);
    }

    @Test
    void closingTheAcceptedConnectionOfAClientThatClosedAndVanishedReturnsAtOnce() throws Exception {
        ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), SERVER);
        try (LoopbackRelay relay = new LoopbackRelay(server.localAddress())) {
            server.listen();
            ClientConnection accepted = exchangeThenCloseClient(server, relay);
            assertThat(accepted.receive(64)).isEmpty(); // the client's end of stream arrived
            relay.cut();

            accepted.close(); // everything it wrote was acknowledged and the client had finished

            assertThatThrownBy(() -> accepted.receive(64)).isInstanceOf(ConnectionClosedException.class);
            server.shutdown();
        } finally {
            server.shutdownNow();
            assertThat(server.awaitTermination(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void shutdownWithLiveClientsThatHaveNotClosedReturnsOnceTheyAcknowledgedAndTheyReadTheEnd() throws Exception {
        int driversBefore = Resources.driverThreads().size();
        long socketsBefore = Resources.openSockets();
        ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), SERVER);
        try (RudpClient clients = new RudpClient(new InetSocketAddress("127.0.0.1", 0), SERVER)) {
            server.listen();
            ReliableSocket[] sockets = new ReliableSocket[5];
            for (int i = 0; i < sockets.length; i++) {
                sockets[i] = clients.connect(server.localAddress());
                server.accept(Duration.ofSeconds(10)).send("goodbye " + i);
            }

            server.shutdown(); // the clients' applications never close: their engines acknowledge

            for (int i = 0; i < sockets.length; i++) {
                assertThat(text(sockets[i].receive(64))).isEqualTo("goodbye " + i);
                assertThat(sockets[i].receive(64)).isEmpty();
                sockets[i].close(); // the server finished and everything was acknowledged: prompt
            }
            assertThat(server.awaitTermination(Duration.ofSeconds(30))).isTrue();
            clients.close();
            assertThat(clients.awaitTermination(Duration.ofSeconds(30))).isTrue();
        } finally {
            server.shutdownNow();
        }
        assertThat(Resources.awaitDriverThreadsGone(30_000)).hasSizeLessThanOrEqualTo(driversBefore);
        if (socketsBefore >= 0) {
            assertThat(Resources.openSockets()).isLessThanOrEqualTo(socketsBefore);
        }
    }
}
