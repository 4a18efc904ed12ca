package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.rudp.core.CloseReason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of the peer in the middle of a transfer, on real sockets: the peer runs in a child JVM
 * ({@link PeerProcess}) and is killed with SIGKILL, so it sends nothing more, not even a CLOSE.
 * The side left must learn it with a typed exception saying the peer went silent, within a bound
 * (the 2 s idle timeout of {@link PeerProcess#CONFIG} plus slack), never hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PeerKilledTest {

    private static final Duration READY_BOUND = Duration.ofSeconds(30); // a JVM start on a busy machine
    private static final long BYTES_BEFORE_KILL = 256 * 1024;
    /** Idle timeout 2 s; the rest is slack for a loaded machine. Not a performance assertion: it keeps the test from hanging. */
    private static final Duration NOTICE_BOUND = Duration.ofSeconds(10);

    @Test
    void aClientLearnsThatItsKilledServerVanished() throws Exception {
        int[] port = new int[1];
        try (PeerProcess server = PeerProcess.start(READY_BOUND, port, "server");
                ReliableSocket client = new ReliableSocket(new InetSocketAddress("127.0.0.1", port[0]), PeerProcess.CONFIG)) {
            client.connect();
            client.setReadTimeout(NOTICE_BOUND);
            readAtLeast(client, BYTES_BEFORE_KILL, server);

            server.kill();
            long killedNanos = System.nanoTime();
            IOException failure = readUntilFailure(client);

            assertVanished(failure, Duration.ofNanos(System.nanoTime() - killedNanos));
        }
    }

    @Test
    void aServerConnectionLearnsThatItsKilledClientVanished() throws Exception {
        try (ReliableServer server = new ReliableServer(new InetSocketAddress("127.0.0.1", 0), PeerProcess.CONFIG)) {
            server.listen();
            int[] clientPort = new int[1];
            try (PeerProcess client = PeerProcess.start(READY_BOUND, clientPort, "client",
                    Integer.toString(server.localAddress().getPort()))) {
                ClientConnection c = server.accept(READY_BOUND);
                assertThat(c.remoteAddress().getPort()).isEqualTo(clientPort[0]);
                c.setReadTimeout(NOTICE_BOUND);
                readAtLeast(c, BYTES_BEFORE_KILL, client);

                client.kill();
                long killedNanos = System.nanoTime();
                IOException failure = readUntilFailure(c);

                assertVanished(failure, Duration.ofNanos(System.nanoTime() - killedNanos));
                c.abort(""); // idempotent cleanup after the loss
            }
        }
    }

    private static void readAtLeast(ConnectionBase c, long bytes, PeerProcess peer) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long got = 0;
        for (int reads = 0; got < bytes && reads < 1_000_000; reads++) {
            int n = c.receive(buf, 0, buf.length);
            if (n < 0) {
                fail("the peer's stream ended after " + got + " bytes; its stderr: " + peer.stderr());
            }
            got += n;
        }
        assertThat(got).as("bytes received before the kill").isGreaterThanOrEqualTo(bytes);
    }

    /** Reads (what was in flight drains first) until the connection fails; bounded by the read timeout per call and a count. */
    private static IOException readUntilFailure(ConnectionBase c) {
        byte[] buf = new byte[64 * 1024];
        for (int reads = 0; reads < 1_000_000; reads++) {
            try {
                if (c.receive(buf, 0, buf.length) < 0) {
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
