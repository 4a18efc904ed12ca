package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** connect() fails with ConnectException or SocketTimeoutException, naming the server, within its timeout. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectFailureTest {

    /** Slack on top of the handshake timeout for thread hand-offs; never reached when the API keeps its bound. */
    private static final Duration SCHEDULING_SLACK = Duration.ofSeconds(3);

    /** A loopback port that was just free: bound by a UDP channel, then released. */
    private static int freshlyFreedPort() throws Exception {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    @Test
    void connectingWhereNothingListensFailsAsRefusedOrTimedOutWithinTheHandshakeTimeout() throws Exception {
        int port = freshlyFreedPort();
        Duration handshakeTimeout = LoopbackPair.FAST.handshakeTimeout();
        try (TestThreads threads = new TestThreads(1);
             ReliableSocket socket = new ReliableSocket(new InetSocketAddress("127.0.0.1", port), LoopbackPair.FAST)) {
            Future<Throwable> attempt = threads.submit(() -> catchThrowable(socket::connect));

            // The bounded get is the assertion that connect() kept to its handshake timeout.
            Throwable failure = attempt.get(handshakeTimeout.plus(SCHEDULING_SLACK).toMillis(), TimeUnit.MILLISECONDS);

            assertThat(failure).isNotNull();
            if (failure instanceof ConnectException) {
                // ICMP port unreachable delivered: the refusal names the port and says refused.
                assertThat(failure).hasMessageContaining(":" + port).hasMessageContaining("refused");
            } else {
                assertThat(failure).isInstanceOf(SocketTimeoutException.class)
                        .hasMessageContaining(":" + port).hasMessageContaining("timed out");
            }
        }
    }

    @Test
    void connectingToAServerShutDownJustBeforeFailsAsRefusedOrTimedOut() throws Exception {
        ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), LoopbackPair.FAST);
        int port = server.localAddress().getPort();
        server.listen();
        server.shutdown();
        try (ReliableSocket socket = new ReliableSocket(new InetSocketAddress("127.0.0.1", port), LoopbackPair.FAST)) {
            // connect() itself is bounded by the handshake timeout; the class @Timeout is the backstop.
            Throwable failure = catchThrowable(socket::connect);
            assertThat(failure).isInstanceOfAny(ConnectException.class, SocketTimeoutException.class)
                    .hasMessageContaining(":" + port);
        }
    }

    @Test
    void connectingToABoundServerThatIsNotListeningIsRefused() throws Exception {
        try (ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), LoopbackPair.FAST);
             ReliableSocket socket = new ReliableSocket(server.localAddress(), LoopbackPair.FAST)) {
            Throwable failure = catchThrowable(socket::connect);
            assertThat(failure).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("refused")
                    .hasMessageContaining(":" + server.localAddress().getPort());
        }
    }

    @Test
    void aSocketWhoseConnectFailedStillReportsNotConnectedOnSend() throws Exception {
        try (ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), LoopbackPair.FAST);
             ReliableSocket socket = new ReliableSocket(server.localAddress(), LoopbackPair.FAST)) {
            assertThat(catchThrowable(socket::connect)).isInstanceOf(ConnectException.class);
            assertThat(catchThrowable(() -> socket.send("x")))
                    .isInstanceOf(java.net.SocketException.class)
                    .hasMessageContaining("not connected");
        }
    }
}
