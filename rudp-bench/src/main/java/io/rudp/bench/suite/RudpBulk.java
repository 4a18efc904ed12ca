package io.rudp.bench.suite;

import io.rudp.ClientConnection;
import io.rudp.ReliableServer;
import io.rudp.ReliableSocket;
import io.rudp.core.RudpConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * rudp connections moving a payload one way over loopback: one server, one client socket (its own
 * endpoint and driver thread) per connection, a sender and a reader thread per connection.
 */
final class RudpBulk implements BulkTransfer {

    private static final int CHUNK_BYTES = 64 * 1024;
    private static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final RudpConfig config;

    RudpBulk(RudpConfig config) {
        this.config = config;
    }

    @Override
    public Delivery run(long totalBytes, int connections) throws Exception {
        ExecutorService pool = BenchThreads.pool("rudp-bulk");
        try (ReliableServer server = new ReliableServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), config)) {
            server.listen();
            long startNanos = System.nanoTime();
            Future<List<Future<long[]>>> readers = pool.submit(() -> {
                List<Future<long[]>> each = new ArrayList<>();
                for (int i = 0; i < connections; i++) {
                    ClientConnection c = server.accept(ACCEPT_TIMEOUT);
                    each.add(pool.submit(() -> readToEnd(c)));
                }
                return each;
            });
            List<Future<Long>> senders = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                long share = BulkTransfer.share(totalBytes, connections, i);
                senders.add(pool.submit(() -> send(server.localAddress(), share)));
            }
            long received = 0;
            long lastNanos = startNanos;
            for (Future<long[]> reader : Await.get(readers)) {
                long[] countAndTime = Await.get(reader);
                received += countAndTime[0];
                lastNanos = Math.max(lastNanos, countAndTime[1]);
            }
            long sent = 0;
            for (Future<Long> sender : senders) {
                sent += Await.get(sender);
            }
            return new Delivery(sent, received, lastNanos - startNanos);
        } finally {
            BenchThreads.shutdown(pool);
        }
    }

    private long send(InetSocketAddress server, long bytes) throws IOException {
        try (ReliableSocket socket = new ReliableSocket(server, config)) {
            socket.connect();
            byte[] chunk = new byte[CHUNK_BYTES];
            for (long sent = 0; sent < bytes; sent += CHUNK_BYTES) {
                socket.send(chunk, 0, (int) Math.min(CHUNK_BYTES, bytes - sent));
            }
            socket.shutdownOutput();
        }
        return bytes;
    }

    /** Reads to the end of the stream; returns {count, time of the end}. */
    private static long[] readToEnd(ClientConnection c) throws IOException {
        try (c) {
            c.setReadTimeout(READ_TIMEOUT);
            byte[] buf = new byte[CHUNK_BYTES];
            long total = 0;
            int n;
            while ((n = c.receive(buf, 0, buf.length)) >= 0) {
                total += n;
            }
            return new long[] {total, System.nanoTime()};
        }
    }
}
