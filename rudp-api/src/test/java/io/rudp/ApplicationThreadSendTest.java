package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Application threads run the engine and send their datagrams themselves (under the driver's
 * engine lock) while the driver thread receives and runs timers. These tests check what that
 * sharing must keep: a timer armed by an application thread's send still fires though the driver
 * sleeps, and the byte stream stays whole and in order while both ends' threads and drivers
 * take turns at the engine.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApplicationThreadSendTest {

    @Test
    void aLostDatagramSentByTheApplicationThreadIsRetransmittedByTheSleepingDriver() throws Exception {
        try (ReliableServer server = new ReliableServer(new java.net.InetSocketAddress("127.0.0.1", 0), LoopbackPair.FAST);
             LoopbackRelay relay = new LoopbackRelay(server.localAddress())) {
            server.listen();
            ReliableSocket socket = new ReliableSocket(relay.address(), LoopbackPair.FAST);
            try {
                socket.connect();
                ClientConnection accepted = server.accept(LoopbackPair.ACCEPT_BOUND);
                socket.send("ping");
                accepted.setReadTimeout(Duration.ofSeconds(5));
                assertThat(accepted.receive(16)).asString().isEqualTo("ping");
                // Both drivers now sleep to their keep-alive deadlines, 10 s away (longer than the
                // read timeout below). The next send leaves on this thread and is lost: only the
                // retransmission timer its send armed, earlier than that sleep, can deliver it.
                relay.dropFromClient(1);
                socket.send("pong");
                assertThat(accepted.receive(16)).asString().isEqualTo("pong");
                assertThat(socket.stats().retransmittedPackets()).isPositive();
                accepted.close();
            } finally {
                socket.close();
            }
        }
    }

    @Test
    void bothEndsWritingLargeAndSmallRunsAtOnceDeliverEveryByteInOrder() throws Exception {
        int bytesEachWay = 8 << 20;
        try (LoopbackPair pair = LoopbackPair.open(); TestThreads threads = new TestThreads(4)) {
            CyclicBarrier start = new CyclicBarrier(4);
            List<Future<byte[]>> results = new ArrayList<>();
            results.add(threads.submit(() -> write(pair.client, bytesEachWay, 1, start)));
            results.add(threads.submit(() -> write(pair.accepted, bytesEachWay, 2, start)));
            results.add(threads.submit(() -> read(pair.accepted, bytesEachWay, start)));
            results.add(threads.submit(() -> read(pair.client, bytesEachWay, start)));
            results.get(0).get(30, TimeUnit.SECONDS);
            results.get(1).get(30, TimeUnit.SECONDS);
            assertThat(results.get(2).get(30, TimeUnit.SECONDS)).isEqualTo(pattern(bytesEachWay, 1));
            assertThat(results.get(3).get(30, TimeUnit.SECONDS)).isEqualTo(pattern(bytesEachWay, 2));
        }
    }

    @Test
    void aReaderWokenByTheDriverRepliesAtOnceForThousandsOfRoundTrips() throws Exception {
        int roundTrips = 2000;
        try (LoopbackPair pair = LoopbackPair.open(); TestThreads threads = new TestThreads(1)) {
            pair.client.setReadTimeout(Duration.ofSeconds(10));
            pair.accepted.setReadTimeout(Duration.ofSeconds(10));
            Future<Integer> echo = threads.submit(() -> {
                byte[] message = new byte[64];
                int echoed = 0;
                while (readFully(pair.accepted, message)) { // woken by the driver, replies on this thread
                    pair.accepted.send(message);
                    echoed++;
                }
                pair.accepted.shutdownOutput();
                return echoed;
            });
            byte[] message = new byte[64];
            byte[] reply = new byte[64];
            for (int i = 0; i < roundTrips; i++) {
                Arrays.fill(message, (byte) i);
                pair.client.send(message);
                assertThat(readFully(pair.client, reply)).as("reply %d", i).isTrue();
                assertThat(reply).as("reply %d", i).isEqualTo(message);
            }
            pair.client.shutdownOutput();
            assertThat(echo.get(10, TimeUnit.SECONDS)).isEqualTo(roundTrips);
            assertThat(pair.client.receive(reply, 0, 1)).as("the echo's end of stream").isEqualTo(-1);
        }
    }

    private static boolean readFully(RudpConnection c, byte[] buf) throws Exception {
        int got = 0;
        while (got < buf.length) {
            int n = c.receive(buf, got, buf.length - got);
            if (n < 0) {
                assertThat(got).as("the stream ended inside a message").isZero();
                return false;
            }
            got += n;
        }
        return true;
    }

    /** Bytes {@code (i * 31 + seed) & 0xFF}: a shifted or repeated run shows. */
    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    /** Writes the pattern in runs cycling through 1 byte, 1,000 bytes and 256 KiB, then shuts output down. */
    private static byte[] write(RudpConnection c, int length, int seed, CyclicBarrier start) throws Exception {
        byte[] bytes = pattern(length, seed);
        int[] runs = {1, 1000, 256 << 10};
        start.await(10, TimeUnit.SECONDS);
        int off = 0;
        for (int i = 0; off < length; i++) {
            int n = Math.min(runs[i % runs.length], length - off);
            c.send(bytes, off, n);
            off += n;
        }
        c.shutdownOutput();
        return null;
    }

    private static byte[] read(RudpConnection c, int length, CyclicBarrier start) throws Exception {
        c.setReadTimeout(Duration.ofSeconds(20));
        byte[] got = new byte[length + 1];
        start.await(10, TimeUnit.SECONDS);
        int total = 0;
        int n;
        while ((n = c.receive(got, total, got.length - total)) >= 0) { // each receive returns at least 1 byte
            total += n;
            assertThat(total).as("no more than was sent").isLessThanOrEqualTo(length);
        }
        return Arrays.copyOf(got, total);
    }
}
