package io.rudp.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** A one-way bulk transfer over loopback, split over parallel connections (or flows). */
interface BulkTransfer {

    /**
     * Moves {@code totalBytes} one way, split evenly over {@code connections}, and waits until the
     * receivers have all of it (or, for a lossy transport, all that will arrive).
     *
     * @return what arrived and how long it took
     */
    Delivery run(long totalBytes, int connections) throws Exception;

    /**
     * The outcome of a transfer.
     *
     * @param bytesSent payload bytes handed to the senders
     * @param bytesReceived payload bytes the receivers read
     * @param elapsedNanos from the start (before connecting) until the last receiver had its last
     *     byte
     */
    record Delivery(long bytesSent, long bytesReceived, long elapsedNanos) {
        /** Received bytes per second, in Gbit/s. */
        double goodputGbps() {
            return bytesReceived * 8.0 / elapsedNanos;
        }
    }

    /** {@code total / connections}, the last connection taking the remainder. */
    static long share(long totalBytes, int connections, int index) {
        long each = totalBytes / connections;
        return index == connections - 1 ? totalBytes - each * (connections - 1) : each;
    }

    /** Accepts the next incoming connection and returns the task that reads it to its end. */
    interface Acceptor {
        /** @return a task returning {bytes read, System.nanoTime() of the last byte} */
        Callable<long[]> acceptNext() throws Exception;
    }

    /** Opens one connection and sends {@code bytes} over it; returns the bytes sent. */
    interface Sender {
        long send(long bytes) throws Exception;
    }

    /**
     * The shape every connection-based transfer shares: one task accepts {@code connections}
     * connections and starts a reader for each, {@code connections} senders each send their
     * share, and the delivery ends with the last byte any reader read.
     */
    static Delivery fanOut(ExecutorService pool, long totalBytes, int connections, Acceptor acceptor, Sender sender)
            throws Exception {
        long startNanos = System.nanoTime();
        Future<List<Future<long[]>>> readers = pool.submit(() -> {
            List<Future<long[]>> each = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                each.add(pool.submit(acceptor.acceptNext()));
            }
            return each;
        });
        List<Future<Long>> senders = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            long share = share(totalBytes, connections, i);
            senders.add(pool.submit(() -> sender.send(share)));
        }
        long received = 0;
        long lastNanos = startNanos;
        for (Future<long[]> reader : Await.get(readers)) {
            long[] countAndTime = Await.get(reader);
            received += countAndTime[0];
            lastNanos = Math.max(lastNanos, countAndTime[1]);
        }
        long sent = 0;
        for (Future<Long> s : senders) {
            sent += Await.get(s);
        }
        return new Delivery(sent, received, lastNanos - startNanos);
    }
}
