package io.rudp.core.stream;

/** What the stream buffers' storage should weigh, for the storage tests. */
final class StorageFixtures {

    static final int KIB = 1024;
    static final int MIB = 1024 * KIB;

    private StorageFixtures() {
    }

    /** Bytes of a bitmap with one bit per ring byte, in whole 64-bit words. */
    static long bitmapBytes(long ringBytes) {
        return (ringBytes + 63) / 64 * 8;
    }

    /** A {@link SendBuffer}'s storage for a ring of {@code ringBytes}: the ring and two bitmaps. */
    static long sendStorage(long ringBytes) {
        return ringBytes + 2 * bitmapBytes(ringBytes);
    }

    /** A {@link ReceiveBuffer}'s storage for a ring of {@code ringBytes}: the ring and a bitmap. */
    static long receiveStorage(long ringBytes) {
        return ringBytes + bitmapBytes(ringBytes);
    }

    /**
     * The largest ring a window of {@code windowBytes} may have grown to: doubling from
     * {@code initialBytes} overshoots by less than a factor of two, and never passes the capacity.
     */
    static long largestRingFor(long windowBytes, int initialBytes, int capacityBytes) {
        return Math.min(capacityBytes, Math.max(initialBytes, 2 * windowBytes - 1));
    }
}
