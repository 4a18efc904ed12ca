package io.rudp.bench.suite;

import io.rudp.ClientConnection;
import io.rudp.ReliableServer;
import io.rudp.ReliableSocket;
import io.rudp.RudpConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

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
            return BulkTransfer.fanOut(pool, totalBytes, connections, () -> {
                ClientConnection c = server.accept(ACCEPT_TIMEOUT);
                return () -> readToEnd(c);
            }, share -> send(server.localAddress(), share));
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
