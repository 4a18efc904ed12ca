package io.rudp.bench.suite;

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
}
