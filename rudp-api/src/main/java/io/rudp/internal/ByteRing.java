package io.rudp.internal;

import io.rudp.core.Connection;

/**
 * A bounded FIFO of bytes between application threads and the driver. Not thread-safe: the
 * owning {@link Session}'s lock guards it. Transfers to and from the engine go through the ring's
 * contiguous segments, without a temporary array.
 *
 * <p>Its storage follows use: none at first, then the smallest of {@value #FIRST_STORAGE_BYTES},
 * twice that, four times ... (capped at the capacity) that holds what is queued, so a busy
 * stream is back at the full capacity after a few doublings and the bytes copied on growth are at
 * most the bytes queued. An empty ring keeps its storage (a stream drains it many times a second)
 * until its owner {@linkplain #releaseStorage releases} it because the connection went quiet.
 */
final class ByteRing {

    /** The first storage a ring allocates (unless its capacity is smaller). */
    static final int FIRST_STORAGE_BYTES = 4 * 1024;
    private static final byte[] NO_STORAGE = new byte[0];
    /** Read into when the connection has nothing readable: never written to. */
    private static final byte[] END_PROBE = new byte[1];

    private final int capacityBytes;
    private byte[] bytes = NO_STORAGE;
    private int head;
    private int size;

    /**
     * Creates an empty ring holding no storage.
     *
     * @param capacityBytes the most bytes it queues, at least 1
     */
    ByteRing(int capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacityBytes must be positive: " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    int size() { return size; }
    int free() { return capacityBytes - size; }
    boolean isEmpty() { return size == 0; }
    boolean isFull() { return size == capacityBytes; }
    /** The storage held now, in bytes (0 to the capacity). */
    int storageBytes() { return bytes.length; }

    /** Lets the storage go if nothing is queued; returns whether it held any. */
    boolean releaseStorage() {
        if (size > 0 || bytes.length == 0) {
            return false;
        }
        bytes = NO_STORAGE;
        head = 0;
        return true;
    }

    /** Appends up to {@code len} bytes; returns how many fit. */
    int put(byte[] src, int off, int len) {
        int n = Math.min(len, free());
        if (n == 0) {
            return 0;
        }
        ensureStorage(size + n);
        int tail = (head + size) % bytes.length;
        int first = Math.min(n, bytes.length - tail);
        System.arraycopy(src, off, bytes, tail, first);
        System.arraycopy(src, off + first, bytes, 0, n - first);
        size += n;
        return n;
    }

    /** Removes up to {@code len} bytes into {@code dst}; returns how many. */
    int take(byte[] dst, int off, int len) {
        int n = Math.min(len, size);
        if (n == 0) {
            return 0;
        }
        int first = Math.min(n, bytes.length - head);
        System.arraycopy(bytes, head, dst, off, first);
        System.arraycopy(bytes, 0, dst, off + first, n - first);
        head = (head + n) % bytes.length;
        size -= n;
        return n;
    }

    /** Hands the ring's bytes to the connection as far as it takes them; returns how many it took. */
    int drainTo(Connection connection, long nowNanos) {
        int moved = 0;
        while (size > 0) {
            int first = Math.min(size, bytes.length - head);
            int n = connection.write(nowNanos, bytes, head, first);
            head = (head + n) % bytes.length;
            size -= n;
            moved += n;
            if (n < first) {
                break;
            }
        }
        return moved;
    }

    /**
     * Fills the ring from the connection's received bytes, growing the storage to hold what the
     * connection has (up to the capacity). Returns how many were moved, or -1 if nothing was
     * moved and the connection has no more to give (end of stream or ended).
     */
    int fillFrom(Connection connection) {
        int readable = connection.readableBytes();
        if (readable == 0) {
            // Nothing to move: only learn whether the input ended (copies no byte).
            return connection.read(END_PROBE, 0, 1) < 0 ? -1 : 0;
        }
        ensureStorage((int) Math.min(capacityBytes, (long) size + readable));
        int moved = 0;
        while (size < bytes.length) {
            int tail = (head + size) % bytes.length;
            int room = Math.min(bytes.length - size, bytes.length - tail);
            int n = connection.read(bytes, tail, room);
            if (n < 0) {
                return moved == 0 ? -1 : moved;
            }
            if (n == 0) {
                break;
            }
            size += n;
            moved += n;
        }
        return moved;
    }

    /** Grows the storage, if needed, to the smallest step of the ladder holding {@code neededBytes}. */
    private void ensureStorage(int neededBytes) {
        if (neededBytes <= bytes.length) {
            return;
        }
        int newLength = Math.min(capacityBytes, FIRST_STORAGE_BYTES);
        while (newLength < neededBytes) {
            newLength = (int) Math.min(capacityBytes, 2L * newLength);
        }
        byte[] grown = new byte[newLength];
        int first = Math.min(size, bytes.length - head);
        System.arraycopy(bytes, head, grown, 0, first);
        System.arraycopy(bytes, 0, grown, first, size - first);
        bytes = grown;
        head = 0;
    }
}
