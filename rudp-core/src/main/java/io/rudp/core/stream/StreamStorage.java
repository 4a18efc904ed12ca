package io.rudp.core.stream;

import java.util.function.IntConsumer;

/**
 * Where a stream buffer keeps its bytes: an {@link OffsetRing} whose size follows use as
 * {@link StorageSizing} says, grown when the live window needs more and let go when the buffer
 * has drained. The owner names its live window {@code [frontOffset, endOffset)} at each call (the
 * buffer is drained when the two meet) and re-lays whatever else it sizes with the ring (its
 * bitmaps) in the callback it gives at construction, after the ring. Not thread-safe.
 */
final class StreamStorage {

    private final StorageSizing sizing;
    private final OffsetRing ring = new OffsetRing(0);
    private final IntConsumer resizeCompanions;

    /**
     * Creates storage that holds nothing until first needed.
     *
     * @param sizing how the storage grows and when it is let go
     * @param resizeCompanions told the new size after every resize of the ring
     */
    StreamStorage(StorageSizing sizing, IntConsumer resizeCompanions) {
        this.sizing = sizing;
        this.resizeCompanions = resizeCompanions;
    }

    /** The most bytes the live window may span. */
    int capacityBytes() {
        return sizing.capacityBytes();
    }

    /** The storage held now, in bytes (0 when none). */
    int sizeBytes() {
        return ring.sizeBytes();
    }

    /** Stores {@code src[srcOff, srcOff+length)} at stream offsets {@code [offset, offset+length)}. */
    void put(long offset, byte[] src, int srcOff, int length) {
        ring.put(offset, src, srcOff, length);
    }

    /** Copies stream offsets {@code [offset, offset+length)} into {@code dst[dstOff, dstOff+length)}. */
    void get(long offset, byte[] dst, int dstOff, int length) {
        ring.get(offset, dst, dstOff, length);
    }

    /** Grows the storage, if needed, so that a window of {@code neededBytes} fits. */
    void ensure(long neededBytes, long frontOffset, long endOffset) {
        int sizeBytes = ring.sizeBytes();
        int newSizeBytes = sizing.sizeFor(sizeBytes, neededBytes);
        if (newSizeBytes != sizeBytes) {
            resize(newSizeBytes, frontOffset, endOffset);
        }
    }

    /**
     * Lets any storage go if the buffer is drained; the owner calls it once the connection has
     * been quiet for a while (a drained buffer otherwise keeps its storage, see
     * {@link StorageSizing}).
     */
    void trim(long frontOffset, long endOffset) {
        if (frontOffset == endOffset && sizing.releasesWhenTrimmed(ring.sizeBytes())) {
            resize(0, frontOffset, endOffset);
        }
    }

    /** Lets the storage go if the buffer is drained and the storage grew past the retained size. */
    void releaseIfDrained(long frontOffset, long endOffset) {
        if (frontOffset == endOffset && sizing.releasesWhenDrained(ring.sizeBytes())) {
            resize(0, frontOffset, endOffset);
        }
    }

    private void resize(int newSizeBytes, long frontOffset, long endOffset) {
        ring.resize(newSizeBytes, frontOffset, endOffset);
        resizeCompanions.accept(newSizeBytes);
    }
}
