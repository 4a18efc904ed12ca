package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of the peer in the middle of a transfer, on real sockets: the peer runs in a child JVM
 * ({@link PeerProcess}) and is killed with SIGKILL, so it sends nothing more, not even a CLOSE.
 * The side left, whether it was receiving or sending (a writer blocked on back-pressure
 * included), must learn it with a {@link ConnectionResetException} saying the peer went silent,
 * within a bound (the 2 s idle timeout of {@link PeerProcess#CONFIG} plus slack), never hang.
 *
 * <p>What tells it is the idle timeout. A client whose server died also gets ICMP port
 * unreachable on its connected socket, but an established connection ignores such reports on
 * purpose ({@code Endpoint.handlePortUnreachable}: they can be stale or forged).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PeerKilledTest {

    private static final Duration READY_BOUND = Duration.ofSeconds(30); // a JVM start on a busy machine
    private static final long BYTES_BEFORE_KILL = 256 * 1024;
    /** Idle timeout 2 s; the rest is slack for a loaded machine. Not a performance assertion: it keeps the test from hanging. */
    private static final Duration NOTICE_BOUND = Duration.ofSeconds(10);
    private static final int CHUNK_BYTES = 16 * 1024;

    @ParameterizedTest(name = "the survivor {0}s")
    @ValueSource(strings = {"receive", "send"})
    void aClientLearnsThatItsKilledServerVanished(String survivor) throws Exception {
        int[] port = new int[1];
        try (PeerProcess server = PeerProcess.start(READY_BOUND, port, "server", opposite(survivor));
                ReliableSocket client = new ReliableSocket(new InetSocketAddress("127.0.0.1", port[0]), PeerProcess.CONFIG)) {
            client.connect();
            client.setReadTimeout(NOTICE_BOUND);
            transferAtLeast(client, survivor, BYTES_BEFORE_KILL, server);

            server.kill();
            long killedNanos = System.nanoTime();
            IOException failure = transferUntilFailure(client, survivor, killedNanos);

            assertVanished(failure, Duration.ofNanos(System.nanoTime() - killedNanos));
            client.abort(""); // close() would report again that unacknowledged data was lost
        }
    }

    @ParameterizedTest(name = "the survivor {0}s")
    @ValueSource(strings = {"receive", "send"})
    void aServerConnectionLearnsThatItsKilledClientVanished(String survivor) throws Exception {
        try (ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), PeerProcess.CONFIG)) {
            server.listen();
            int[] clientPort = new int[1];
            try (PeerProcess client = PeerProcess.start(READY_BOUND, clientPort, "client", opposite(survivor),
                    Integer.toString(server.localAddress().getPort()))) {
                ClientConnection c = server.accept(READY_BOUND);
                assertThat(c.remoteAddress().getPort()).isEqualTo(clientPort[0]);
                c.setReadTimeout(NOTICE_BOUND);
                transferAtLeast(c, survivor, BYTES_BEFORE_KILL, client);

                client.kill();
                long killedNanos = System.nanoTime();
                IOException failure = transferUntilFailure(c, survivor, killedNanos);

                assertVanished(failure, Duration.ofNanos(System.nanoTime() - killedNanos));
                c.abort(""); // close() would report again that unacknowledged data was lost
            }
        }
    }

    private static String opposite(String survivor) {
        return survivor.equals("send") ? "receive" : "send";
    }

    private static void transferAtLeast(RudpConnection c, String direction, long bytes, PeerProcess peer) throws IOException {
        byte[] buf = new byte[CHUNK_BYTES];
        long done = 0;
        for (int calls = 0; done < bytes && calls < 1_000_000; calls++) {
            if (direction.equals("send")) {
                c.send(buf);
                done += buf.length;
            } else {
                int n = c.receive(buf, 0, buf.length);
                if (n < 0) {
                    fail("the peer's stream ended after " + done + " bytes; its stderr: " + peer.stderr());
                }
                done += n;
            }
        }
        assertThat(done).as("bytes transferred before the kill").isGreaterThanOrEqualTo(bytes);
    }

    /**
     * Goes on transferring (what was in flight drains first; a sender blocks once the buffers are
     * full) until the connection fails. Bounded: each receive by the read timeout, sending by
     * {@link #NOTICE_BOUND} after the kill, and both by a count.
     */
    private static IOException transferUntilFailure(RudpConnection c, String direction, long killedNanos) {
        byte[] buf = new byte[CHUNK_BYTES];
        for (int calls = 0; calls < 1_000_000; calls++) {
            try {
                if (direction.equals("send")) {
                    if (System.nanoTime() - killedNanos > NOTICE_BOUND.toNanos()) {
                        fail("sends still succeed " + NOTICE_BOUND + " after the peer was killed");
                    }
                    c.send(buf);
                } else if (c.receive(buf, 0, buf.length) < 0) {
                    fail("a killed peer must not look like a clean end of stream");
                }
            } catch (IOException e) {
                return e;
            }
        }
        throw new AssertionError("the connection never failed after the peer was killed");
    }

    private static void assertVanished(IOException failure, Duration noticed) {
        assertThat(failure)
                .as("what the surviving side sees, %s after the kill", noticed)
                .isInstanceOf(ConnectionResetException.class)
                .hasMessageContaining("nothing was heard from the peer");
        assertThat(((ConnectionResetException) failure).reason().kind()).isEqualTo(CloseReason.Kind.IDLE_TIMEOUT);
        assertThat(noticed).isLessThan(NOTICE_BOUND);
    }
}
