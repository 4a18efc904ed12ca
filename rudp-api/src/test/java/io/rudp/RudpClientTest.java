package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many connections over one {@link RudpClient}: one UDP socket, one driver thread. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RudpClientTest {

    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress("127.0.0.1", 0);
    private static final Duration BOUND = Duration.ofSeconds(30);

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void twoHundredSocketsOverOneClientExchangeMessagesIntactOnOneSocketAndOneThread() throws Exception {
        int sockets = 200;
        List<Thread> driversAlive = Resources.driverThreads();
        int driversBefore = driversAlive.size();
        long socketsBefore = Resources.openSockets();
        try (ReliableServer server = new ReliableServer(LOOPBACK_ANY_PORT, LoopbackPair.FAST);
             RudpClient client = new RudpClient(LOOPBACK_ANY_PORT, LoopbackPair.FAST)) {
            server.listen();
            ReliableSocket[] mine = new ReliableSocket[sockets];
            ClientConnection[] theirs = new ClientConnection[sockets];
            for (int i = 0; i < sockets; i++) {
                mine[i] = client.connect(server.localAddress());
                theirs[i] = server.accept(BOUND);
            }
            // One socket and one thread for all of them: the server's and the client's drivers (the
            // drivers of earlier tests may still be ending: only threads started since count).
            List<String> started = Resources.driverThreads().stream().filter(t -> !driversAlive.contains(t))
                    .map(Thread::getName).sorted().collect(java.util.stream.Collectors.toList());
            assertThat(started).containsExactlyInAnyOrder("rudp-driver-" + server.localAddress().getPort(),
                    "rudp-driver-" + client.localAddress().getPort());
            if (socketsBefore >= 0) {
                assertThat(Resources.openSockets()).isEqualTo(socketsBefore + 2);
            }
            for (int i = 0; i < sockets; i++) {
                assertThat(mine[i].localAddress()).isEqualTo(client.localAddress());
                assertThat(theirs[i].remoteAddress()).isEqualTo(client.localAddress());
            }
            for (int i = 0; i < sockets; i++) {
                mine[i].sendMessage(payload(i));
            }
            for (int i = 0; i < sockets; i++) {
                byte[] got = theirs[i].receiveMessage();
                assertThat(got).as("message of socket %d at the server", i).isEqualTo(payload(i));
                theirs[i].sendMessage(payload(sockets + i));
            }
            for (int i = 0; i < sockets; i++) {
                assertThat(mine[i].receiveMessage()).as("reply to socket %d", i).isEqualTo(payload(sockets + i));
            }
            // Closing one socket leaves its neighbours working.
            mine[0].close();
            assertThat(theirs[0].receive(64)).isEmpty();
            mine[1].send("still here");
            assertThat(text(theirs[1].receive(64))).isEqualTo("still here");

            client.close();
            assertThat(client.awaitTermination(BOUND)).isTrue();
            server.shutdown();
            assertThat(server.awaitTermination(BOUND)).isTrue();
        }
        assertThat(Resources.awaitDriverThreadsGone(30_000)).hasSizeLessThanOrEqualTo(driversBefore);
        if (socketsBefore >= 0) {
            assertThat(Resources.openSockets()).isLessThanOrEqualTo(socketsBefore);
        }
    }

    /** A seeded message of 1 to 24 KiB, different for each index. */
    private static byte[] payload(int index) {
        SplittableRandom random = new SplittableRandom(index);
        byte[] bytes = new byte[1 + random.nextInt(24 * 1024)];
        random.nextBytes(bytes);
        return bytes;
    }

    @Test
    void aChosenLocalAddressAndPortIsWhatTheServerSeesForTheClientAndForAPlainSocket() throws Exception {
        try (ReliableServer server = new ReliableServer(LOOPBACK_ANY_PORT, LoopbackPair.FAST)) {
            server.listen();
            InetSocketAddress chosen = new InetSocketAddress("127.0.0.1", freePort());
            try (RudpClient client = new RudpClient(chosen, LoopbackPair.FAST)) {
                assertThat(client.localAddress()).isEqualTo(chosen);
                ReliableSocket socket = client.connect(server.localAddress());
                ClientConnection accepted = server.accept(BOUND);
                assertThat(accepted.remoteAddress()).isEqualTo(chosen);
                assertThat(socket.localAddress()).isEqualTo(chosen);
                // The port is taken while the client holds it.
                assertThatThrownBy(() -> new RudpClient(chosen, LoopbackPair.FAST)).isInstanceOf(BindException.class);
                client.closeNow();
                assertThat(client.isTerminated()).isTrue();
            }

            InetSocketAddress chosenForPlain = new InetSocketAddress("127.0.0.1", freePort());
            try (ReliableSocket plain = new ReliableSocket(server.localAddress(), chosenForPlain, LoopbackPair.FAST)) {
                plain.connect();
                ClientConnection accepted = server.accept(BOUND);
                assertThat(accepted.remoteAddress()).isEqualTo(chosenForPlain);
                assertThat(plain.localAddress()).isEqualTo(chosenForPlain);
                plain.send("from a chosen port");
                assertThat(text(accepted.receive(64))).isEqualTo("from a chosen port");
            }
            ReliableSocket clash = new ReliableSocket(server.localAddress(), server.localAddress(), LoopbackPair.FAST);
            assertThatThrownBy(clash::connect).isInstanceOf(BindException.class);
            clash.close();
        }
    }

    private static int freePort() throws Exception {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(LOOPBACK_ANY_PORT);
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    @Test
    void closingTheClientClosesItsConnectionsDeliversWhatWasWrittenAndFailsBlockedCallsTyped() throws Exception {
        int driversBefore = Resources.driverThreads().size();
        try (ReliableServer server = new ReliableServer(LOOPBACK_ANY_PORT, LoopbackPair.FAST);
             RudpClient client = new RudpClient(LOOPBACK_ANY_PORT, LoopbackPair.FAST);
             TestThreads threads = new TestThreads(1)) {
            server.listen();
            ReliableSocket reading = client.connect(server.localAddress());
            ClientConnection readingThere = server.accept(BOUND);
            ReliableSocket writing = client.connect(server.localAddress());
            ClientConnection writingThere = server.accept(BOUND);

            AtomicReference<Thread> reader = new AtomicReference<>();
            Future<Throwable> blocked = threads.submit(() -> {
                reader.set(Thread.currentThread());
                return catchThrowable(() -> reading.receive(64));
            });
            while (reader.get() == null) {
                Thread.onSpinWait();
            }
            TestThreads.awaitBlocked(reader.get(), Duration.ofSeconds(10));
            writing.send("last words");

            client.close();

            Throwable readerSaw = blocked.get(30, TimeUnit.SECONDS);
            assertThat(readerSaw).isInstanceOf(ConnectionClosedException.class).hasMessageContaining("RudpClient");
            assertThatThrownBy(() -> writing.send("more")).isInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("RudpClient");
            assertThatThrownBy(() -> reading.receive(64)).isInstanceOf(ConnectionClosedException.class);
            assertThatThrownBy(() -> client.connect(server.localAddress())).isInstanceOf(ConnectionClosedException.class);
            writing.close(); // already closed by the client: returns at once
            // A graceful close: the server reads what was written, then the end of the stream.
            assertThat(text(writingThere.receive(64))).isEqualTo("last words");
            assertThat(writingThere.receive(64)).isEmpty();
            assertThat(readingThere.receive(64)).isEmpty();

            assertThat(client.isClosed()).isTrue();
            assertThat(client.awaitTermination(BOUND)).isTrue();
        }
        assertThat(Resources.awaitDriverThreadsGone(30_000)).hasSizeLessThanOrEqualTo(driversBefore);
    }

    @Test
    void closeNowAbortsTheConnectionsAndTheServerLearnsAtOnce() throws Exception {
        try (ReliableServer server = new ReliableServer(LOOPBACK_ANY_PORT, LoopbackPair.FAST)) {
            server.listen();
            RudpClient client = new RudpClient(LOOPBACK_ANY_PORT, LoopbackPair.FAST);
            ReliableSocket socket = client.connect(server.localAddress());
            ClientConnection accepted = server.accept(BOUND);

            client.closeNow();

            assertThat(client.isTerminated()).isTrue();
            assertThatThrownBy(() -> accepted.receive(64)).isInstanceOf(ConnectionResetException.class)
                    .hasMessageContaining("the client is closing");
            assertThatThrownBy(() -> socket.send("x")).isInstanceOf(ConnectionClosedException.class);
        }
    }

    @Test
    void aFailedConnectLeavesTheClientUsable() throws Exception {
        RudpConfig quick = RudpConfig.builder().handshakeTimeout(Duration.ofMillis(300)).build();
        try (RudpClient client = new RudpClient(LOOPBACK_ANY_PORT, quick);
             ReliableServer server = new ReliableServer(LOOPBACK_ANY_PORT, quick)) {
            // Bound but not listening: the server refuses; nothing bound: no answer at all
            // (an unconnected socket does not hear ICMP), so the handshake times out.
            assertThatThrownBy(() -> client.connect(server.localAddress())).isInstanceOf(java.net.ConnectException.class);
            InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", freePort());
            assertThatThrownBy(() -> client.connect(nobody, Duration.ofMillis(300))).isInstanceOf(SocketTimeoutException.class);
            assertThatThrownBy(() -> client.connect(nobody, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("timeout");
            assertThatThrownBy(() -> client.connect(null)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("server");

            server.listen();
            ReliableSocket socket = client.connect(server.localAddress());
            ClientConnection accepted = server.accept(BOUND);
            socket.send("works");
            assertThat(text(accepted.receive(64))).isEqualTo("works");
        }
    }
}
