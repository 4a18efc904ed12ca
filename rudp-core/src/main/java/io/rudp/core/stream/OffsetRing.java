package io.rudp.core.stream;

/**
 * Storage for a window of consecutive stream bytes: the byte at stream offset {@code o} lives at
 * index {@code o mod sizeBytes}. The owner decides which window of offsets is live (never more
 * than {@code sizeBytes} of them) and when to {@link #resize} the storage, which re-lays the live
 * window at its indexes for the new size.
 *
 * <p>A size of 0 holds nothing: only empty ranges may be read or written then.
 */
final class OffsetRing {

    private static final byte[] NO_STORAGE = new byte[0];

    private byte[] storage;

    /**
     * Allocates the storage.
     *
     * @param sizeBytes the window size in bytes, at least 0
     */
    OffsetRing(int sizeBytes) {
        this.storage = allocate(sizeBytes);
    }

    /** The window size in bytes: the storage currently held. */
    int sizeBytes() {
        return storage.length;
    }

    /** Stores {@code src[srcOff, srcOff+length)} at stream offsets {@code [offset, offset+length)}. */
    void put(long offset, byte[] src, int srcOff, int length) {
        copy(offset, src, srcOff, length, true);
    }

    /** Copies stream offsets {@code [offset, offset+length)} into {@code dst[dstOff, dstOff+length)}. */
    void get(long offset, byte[] dst, int dstOff, int length) {
        copy(offset, dst, dstOff, length, false);
    }

    /** Copies between the ring and an array, in two runs where the range crosses the seam. */
    private void copy(long offset, byte[] array, int arrayOff, int length, boolean intoRing) {
        checkRange(offset, length);
        if (length == 0) {
            return;
        }
        int index = index(offset, storage.length);
        int first = Math.min(length, storage.length - index);
        if (intoRing) {
            System.arraycopy(array, arrayOff, storage, index, first);
            System.arraycopy(array, arrayOff + first, storage, 0, length - first);
        } else {
            System.arraycopy(storage, index, array, arrayOff, first);
            System.arraycopy(storage, 0, array, arrayOff + first, length - first);
        }
    }

    /**
     * Replaces the storage with {@code newSizeBytes} of it, carrying over the bytes of the live
     * window {@code [liveFromOffset, liveToOffset)}, which may straddle the seam of the old ring,
     * of the new one, or both. Costs O(new size) to allocate plus O(live window) to copy.
     *
     * @throws IllegalArgumentException if the live window does not fit the old or the new size
     */
    void resize(int newSizeBytes, long liveFromOffset, long liveToOffset) {
        long liveBytes = liveToOffset - liveFromOffset;
        if (liveFromOffset < 0 || liveBytes < 0 || liveBytes > storage.length
                || liveBytes > newSizeBytes) {
            throw new IllegalArgumentException("live window [" + liveFromOffset + ", " + liveToOffset
                    + ") does not fit sizes " + storage.length + " and " + newSizeBytes);
        }
        byte[] resized = allocate(newSizeBytes);
        long position = liveFromOffset;
        while (position < liveToOffset) {
            // Each pass copies a run contiguous in both arrays: it ends at the live end or a seam.
            int from = index(position, storage.length);
            int to = index(position, resized.length);
            int run = (int) Math.min(liveToOffset - position,
                    Math.min(storage.length - from, resized.length - to));
            System.arraycopy(storage, from, resized, to, run);
            position += run;
        }
        storage = resized;
    }

    private static byte[] allocate(int sizeBytes) {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("negative sizeBytes: " + sizeBytes);
        }
        return sizeBytes == 0 ? NO_STORAGE : new byte[sizeBytes];
    }

    private static int index(long offset, int sizeBytes) {
        return (int) (offset % sizeBytes);
    }

    private void checkRange(long offset, int length) {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset: " + offset);
        }
        if (length < 0 || length > storage.length) {
            throw new IllegalArgumentException("length " + length + " outside 0.." + storage.length);
        }
    }
}
