package io.rudp.internal;

import io.rudp.core.Connection;

/**
 * A fixed-capacity FIFO of bytes between application threads and the driver. Not thread-safe:
 * the owning {@link Session}'s lock guards it. Transfers to and from the engine go through the
 * ring's contiguous segments, without a temporary array.
 */
final class ByteRing {

    private final byte[] bytes;
    private int head;
    private int size;

    ByteRing(int capacity) {
        this.bytes = new byte[capacity];
    }

    int size() { return size; }
    int free() { return bytes.length - size; }
    boolean isEmpty() { return size == 0; }
    boolean isFull() { return size == bytes.length; }

    /** Appends up to {@code len} bytes; returns how many fit. */
    int put(byte[] src, int off, int len) {
        int n = Math.min(len, free());
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
     * Fills the ring from the connection's received bytes. Returns how many were moved, or -1 if
     * nothing was moved and the connection has no more to give (end of stream or ended).
     */
    int fillFrom(Connection connection) {
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
}
