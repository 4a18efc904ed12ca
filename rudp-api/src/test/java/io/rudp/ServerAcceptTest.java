package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** accept() in the wrong state, past its timeout, or during shutdown fails with a typed exception. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServerAcceptTest {

    private static ReliableServer boundServer() throws Exception {
        return new ReliableServer(new InetSocketAddress("127.0.0.1", 0), LoopbackPair.FAST);
    }

    @Test
    void acceptBeforeListenSaysToCallListen() throws Exception {
        try (ReliableServer server = boundServer()) {
            assertThatThrownBy(server::accept)
                    .isInstanceOf(SocketException.class)
                    .isNotInstanceOf(ConnectionClosedException.class)
                    .hasMessageContaining("listen");
            assertThatThrownBy(() -> server.accept(Duration.ofMillis(100)))
                    .isInstanceOf(SocketException.class)
                    .hasMessageContaining("listen");
        }
    }

    @Test
    void acceptAfterShutdownFailsAsClosedNamingTheServer() throws Exception {
        ReliableServer server = boundServer();
        server.listen();
        server.shutdown();
        assertThat(server.isShutDown()).isTrue();
        assertThatThrownBy(server::accept)
                .isInstanceOf(ConnectionClosedException.class)
                .hasMessageContaining("shut down")
                .hasMessageContaining(":" + server.localAddress().getPort());
        assertThatThrownBy(server::listen).isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void shuttingDownTwiceIsHarmless() throws Exception {
        ReliableServer server = boundServer();
        server.listen();
        server.shutdown();
        server.shutdown();
        server.close();
        assertThat(server.isShutDown()).isTrue();
    }

    @Test
    void acceptWithATimeoutAndNoClientTimesOutSayingHowLong() throws Exception {
        try (ReliableServer server = boundServer()) {
            server.listen();
            assertThatThrownBy(() -> server.accept(Duration.ofMillis(200)))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("200 ms");
            // The server still accepts afterwards.
            try (ReliableSocket client = new ReliableSocket(server.localAddress(), LoopbackPair.FAST)) {
                client.connect();
                try (ClientConnection accepted = server.accept(LoopbackPair.ACCEPT_BOUND)) {
                    assertThat(accepted.remoteAddress().getPort()).isEqualTo(client.localAddress().getPort());
                }
            }
        }
    }

    @Test
    void acceptRejectsANegativeTimeout() throws Exception {
        // Zero used to be rejected too; it now means no limit, as for connect and read timeouts (ArgumentsTest).
        try (ReliableServer server = boundServer()) {
            server.listen();
            assertThatThrownBy(() -> server.accept(Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("timeout")
                    .hasMessageContaining("must not be negative");
        }
    }

    @Test
    void aThreadBlockedInAcceptIsReleasedAsClosedWhenAnotherThreadShutsTheServerDown() throws Exception {
        try (TestThreads threads = new TestThreads(1)) {
            ReliableServer server = boundServer();
            try {
                server.listen();
                AtomicReference<Thread> acceptor = new AtomicReference<>();
                CountDownLatch started = new CountDownLatch(1);
                Future<Throwable> blocked = threads.submit(() -> {
                    acceptor.set(Thread.currentThread());
                    started.countDown();
                    return catchThrowable(server::accept);
                });
                assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
                TestThreads.awaitBlocked(acceptor.get(), Duration.ofSeconds(5));

                server.shutdown();

                Throwable failure = blocked.get(10, TimeUnit.SECONDS);
                assertThat(failure).isInstanceOf(ConnectionClosedException.class)
                        .hasMessageContaining("shut down")
                        .hasMessageContaining(":" + server.localAddress().getPort());
            } finally {
                server.shutdown();
            }
        }
    }
}
