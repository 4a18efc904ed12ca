package io.rudp.bench.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** TCP ({@code java.net.Socket}, default options) moving a payload one way over loopback. */
final class TcpBulk implements BulkTransfer {

    private static final int CHUNK_BYTES = 64 * 1024;
    private static final int ACCEPT_TIMEOUT_MILLIS = 30_000;
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    @Override
    public Delivery run(long totalBytes, int connections) throws Exception {
        ExecutorService pool = BenchThreads.pool("tcp-bulk");
        try (ServerSocket server = new ServerSocket(0, connections, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(ACCEPT_TIMEOUT_MILLIS);
            long startNanos = System.nanoTime();
            Future<List<Future<long[]>>> readers = pool.submit(() -> {
                List<Future<long[]>> each = new ArrayList<>();
                for (int i = 0; i < connections; i++) {
                    Socket s = server.accept();
                    each.add(pool.submit(() -> readToEnd(s)));
                }
                return each;
            });
            List<Future<Long>> senders = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                long share = BulkTransfer.share(totalBytes, connections, i);
                senders.add(pool.submit(() -> send(server.getLocalPort(), share)));
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

    private static long send(int port, long bytes) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port); OutputStream out = s.getOutputStream()) {
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            byte[] chunk = new byte[CHUNK_BYTES];
            for (long sent = 0; sent < bytes; sent += CHUNK_BYTES) {
                out.write(chunk, 0, (int) Math.min(CHUNK_BYTES, bytes - sent));
            }
            s.shutdownOutput();
            s.getInputStream().read(); // the receiver closes after the end: do not reset it early
        }
        return bytes;
    }

    private static long[] readToEnd(Socket socket) throws IOException {
        try (Socket s = socket; InputStream in = s.getInputStream()) {
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            byte[] buf = new byte[CHUNK_BYTES];
            long total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
            }
            return new long[] {total, System.nanoTime()};
        }
    }
}
