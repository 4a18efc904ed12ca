package io.rudp.core.stream;

/**
 * Fixed storage for a window of {@code capacityBytes} consecutive stream bytes: the byte at stream
 * offset {@code o} lives at index {@code o mod capacityBytes}. Allocated once, never grows; the
 * owner decides which window of offsets is live.
 */
final class ByteRing {

    private final byte[] storage;

    /**
     * Allocates the storage.
     *
     * @param capacityBytes the window size in bytes, at least 1
     */
    ByteRing(int capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacityBytes must be positive: " + capacityBytes);
        }
        this.storage = new byte[capacityBytes];
    }

    /** The window size in bytes. */
    int capacityBytes() {
        return storage.length;
    }

    /** Stores {@code src[srcOff, srcOff+length)} at stream offsets {@code [offset, offset+length)}. */
    void put(long offset, byte[] src, int srcOff, int length) {
        checkLength(length);
        int index = index(offset);
        int first = Math.min(length, storage.length - index);
        System.arraycopy(src, srcOff, storage, index, first);
        System.arraycopy(src, srcOff + first, storage, 0, length - first);
    }

    /** Copies stream offsets {@code [offset, offset+length)} into {@code dst[dstOff, dstOff+length)}. */
    void get(long offset, byte[] dst, int dstOff, int length) {
        checkLength(length);
        int index = index(offset);
        int first = Math.min(length, storage.length - index);
        System.arraycopy(storage, index, dst, dstOff, first);
        System.arraycopy(storage, 0, dst, dstOff + first, length - first);
    }

    private int index(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset: " + offset);
        }
        return (int) (offset % storage.length);
    }

    private void checkLength(int length) {
        if (length < 0 || length > storage.length) {
            throw new IllegalArgumentException("length " + length + " outside 0.." + storage.length);
        }
    }
}
