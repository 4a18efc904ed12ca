package io.rudp.bench.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;

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
            return BulkTransfer.fanOut(pool, totalBytes, connections, () -> {
                Socket s = server.accept();
                return () -> readToEnd(s);
            }, share -> send(server.getLocalPort(), share));
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
