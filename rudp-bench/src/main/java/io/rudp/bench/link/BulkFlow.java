package io.rudp.bench.link;

import io.rudp.ClientConnection;
import io.rudp.ReliableSocket;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bulk flow over a connected pair: a thread writes as fast as the connection takes bytes
 * (client to server) and another reads and counts them on the server. {@link #stop()} ends both
 * (by aborting the connection, which unblocks them).
 */
final class BulkFlow {

    private static final int CHUNK_BYTES = 64 << 10;
    private static final long JOIN_MILLIS = 5_000;

    private final ReliableSocket client;
    private final ClientConnection server;
    private final AtomicLong bytesRead = new AtomicLong();
    private final Thread writer;
    private final Thread reader;
    private volatile boolean stopping;
    private volatile Throwable failure;

    BulkFlow(ProxiedPath.Pair pair, String name) {
        this.client = pair.client();
        this.server = pair.server();
        this.writer = new Thread(this::write, name + "-writer");
        this.reader = new Thread(this::read, name + "-reader");
        writer.setDaemon(true);
        reader.setDaemon(true);
    }

    /** Starts writing and reading. */
    void start() {
        reader.start();
        writer.start();
    }

    /** Application bytes the receiver has read so far. */
    long bytesRead() {
        return bytesRead.get();
    }

    /** What broke the flow before {@link #stop()}, or null. */
    Throwable failure() {
        return failure;
    }

    /** Aborts the connection and waits (bounded) for both threads. */
    void stop() throws InterruptedException {
        stopping = true;
        try {
            client.abort("measurement over");
        } catch (IOException e) {
            // already gone
        }
        try {
            server.abort("measurement over");
        } catch (IOException e) {
            // already gone
        }
        writer.join(JOIN_MILLIS);
        reader.join(JOIN_MILLIS);
    }

    private void write() {
        byte[] chunk = new byte[CHUNK_BYTES];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 31);
        }
        try {
            while (!stopping) {
                client.send(chunk);
            }
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                failure = e;
            }
        }
    }

    private void read() {
        byte[] buf = new byte[CHUNK_BYTES];
        try {
            while (!stopping) {
                int n = server.receive(buf, 0, buf.length);
                if (n < 0) {
                    return;
                }
                bytesRead.addAndGet(n);
            }
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                failure = e;
            }
        }
    }
}
