package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Servers that go away while clients are busy: cleanly (shutdown) or not at all (vanished). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerFailureTest {

    /** How a client's transfer ended. */
    enum Outcome { END_OF_STREAM, RESET, CLOSED }

    @Test
    void shutdownWhileClientsTransferEndsEachClientCleanlyOrWithAClearError() throws Exception {
        RudpConfig config = RudpConfig.builder().closeTimeout(Duration.ofSeconds(2)).build();
        int clients = 5;
        ExecutorService pool = Executors.newCachedThreadPool();
        List<Future<Outcome>> outcomes = new ArrayList<>();
        try {
            ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), config);
            server.listen();
            InetSocketAddress address = server.localAddress();
            List<Future<?>> handlers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                outcomes.add(pool.submit(() -> runClient(address, config, pool)));
                ClientConnection c = server.accept(Duration.ofSeconds(30));
                handlers.add(pool.submit(() -> serveUntilClosed(c)));
            }
            // Every client is mid-transfer in both directions: shut the server down under them.
            for (Future<?> h : handlers) {
                assertThat(h.isDone()).isFalse();
            }
            server.shutdown();
            for (Future<?> h : handlers) {
                h.get(30, TimeUnit.SECONDS); // the handlers' blocked calls were released
            }
            for (Future<Outcome> o : outcomes) {
                assertThat(o.get(60, TimeUnit.SECONDS)).isIn(Outcome.END_OF_STREAM, Outcome.RESET, Outcome.CLOSED);
            }
            assertThat(server.isShutDown()).isTrue();
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Resources.awaitDriverThreadsGone(30_000)).isEmpty();
    }

    private static Outcome runClient(InetSocketAddress server, RudpConfig config, ExecutorService pool) throws Exception {
        try (ReliableSocket sock = new ReliableSocket(server, config)) {
            sock.connect();
            Future<?> writer = pool.submit(() -> {
                byte[] chunk = new byte[16 * 1024];
                try {
                    for (int i = 0; i < 100_000; i++) {
                        sock.send(chunk);
                    }
                } catch (ConnectionResetException | ConnectionClosedException expected) {
                    // the server went away: a clear, typed end
                }
                return null;
            });
            byte[] buf = new byte[64 * 1024];
            Outcome outcome;
            try {
                while (sock.receive(buf, 0, buf.length) >= 0) {
                    // keep reading until the server's stream ends
                }
                outcome = Outcome.END_OF_STREAM;
            } catch (ConnectionResetException e) {
                outcome = Outcome.RESET;
            } catch (ConnectionClosedException e) {
                outcome = Outcome.CLOSED;
            }
            sock.abort("test done");
            writer.get(60, TimeUnit.SECONDS);
            return outcome;
        }
    }

    private static Void serveUntilClosed(ClientConnection c) throws IOException {
        byte[] chunk = new byte[16 * 1024];
        try {
            for (int i = 0; i < 100_000; i++) {
                c.send(chunk);
                c.receive(chunk, 0, chunk.length);
            }
        } catch (ConnectionClosedException | ConnectionResetException expected) {
            // shutdown closed this connection under us: the blocked call returned with a clear error
        }
        return null;
    }

    @Test
    void aServerThatVanishesFailsItsClientAfterThePeerTimeout() throws Exception {
        RudpConfig config = RudpConfig.builder().peerTimeout(Duration.ofSeconds(1)).maxRto(Duration.ofMillis(500))
                .idleTimeout(Duration.ofMinutes(5)).build();
        try (ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), config);
             LoopbackRelay relay = new LoopbackRelay(server.localAddress())) {
            server.listen();
            ReliableSocket sock = new ReliableSocket(relay.address(), config);
            sock.connect();
            ClientConnection c = server.accept(Duration.ofSeconds(10));
            sock.send("hello");
            assertThat(c.receive(100)).hasSize(5);

            relay.cut(); // no close handshake, no ICMP: silence
            sock.send("anyone there?");

            assertThatThrownBy(() -> sock.receive(100))
                    .isInstanceOfSatisfying(ConnectionResetException.class, e -> {
                        assertThat(e.reason().kind()).isEqualTo(CloseReason.Kind.TIMED_OUT);
                        assertThat(e.getMessage()).contains("peer timeout of 1000 ms");
                    });
            sock.abort("done");
        }
    }
}
