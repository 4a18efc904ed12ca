package io.rudp.core.stream;

import java.util.Objects;

/**
 * Incoming side of the stream: reassembles out-of-order STREAM frames into the in-order byte
 * stream (RFC 9000 §2.2) and enforces the final size (RFC 9000 §4.5).
 *
 * <p>The buffer holds the window {@code [readOffset, readOffset + capacityBytes)} in a ring; which
 * of those bytes have arrived is tracked with one bit per byte ({@link OffsetBitmap}). The storage
 * follows use ({@link StorageSizing}): none until the first frame, then doubling to cover
 * {@code [readOffset, highestReceivedEnd)}, and let go when a buffer that had grown past the retained size is read empty.
 * Nothing a peer sends makes it grow past the capacity or throw: data beyond the window is refused
 * as a {@link Result#FLOW_CONTROL_ERROR} before anything is stored.
 *
 * <p>Not thread-safe.
 */
public final class ReceiveBuffer {

    /** What {@link #onData} made of a frame. */
    public enum Result {
        /** Something new was learned: new bytes, the final size, or a higher end offset. */
        ACCEPTED,
        /** Nothing new: every byte was already received (or already read). */
        DUPLICATE,
        /** Bytes at or beyond {@code readOffset + capacity}: the peer overran its credit. */
        FLOW_CONTROL_ERROR,
        /** The final size changed, data went past it, or it fell below data already received. */
        FINAL_SIZE_ERROR
    }

    private static final long UNKNOWN = -1;

    /**
     * Holds {@code [readOffset, highestReceivedEnd)} (the storage always covers that span); its
     * size is always the bitmap's too.
     */
    private final StreamStorage storage;
    /** Bytes of {@code [contiguousEnd, highestReceivedEnd)} received so far (below contiguousEnd all were; bits there may be stale until read). */
    private final OffsetBitmap received = new OffsetBitmap(0);
    /** Bits set in {@link #received}, so reads skip clearing a bitmap that is all clear. */
    private long receivedBitsSet;

    private long readOffset;
    private long contiguousEnd;
    private long highestReceivedEnd;
    private long finalSize = UNKNOWN;
    private boolean discarding;

    /**
     * Creates an empty buffer.
     *
     * @param capacityBytes the most bytes held between reads, at least 1; also the furthest the
     *     peer may send beyond {@link #readOffset()}
     */
    public ReceiveBuffer(int capacityBytes) {
        this.storage = new StreamStorage(StorageSizing.withDefaults(capacityBytes), this::resizeBitmap);
    }

    /**
     * Creates an empty buffer whose storage starts at {@code initialStorageBytes} when first
     * needed (tests use small sizes to exercise growth).
     *
     * @param capacityBytes as for {@link #ReceiveBuffer(int)}
     * @param initialStorageBytes the first ring size allocated, at least 1
     */
    ReceiveBuffer(int capacityBytes, int initialStorageBytes) {
        this.storage = new StreamStorage(new StorageSizing(capacityBytes, initialStorageBytes), this::resizeBitmap);
    }

    /**
     * Stores stream bytes {@code [offset, offset+len)}, copied from {@code src[off, off+len)}: the
     * caller may reuse {@code src} on return. Bytes below {@link #readOffset()} are ignored, as are
     * bytes already received (the first copy wins). {@code fin} declares the final size
     * {@code offset + len}.
     *
     * @return {@link Result#FINAL_SIZE_ERROR} for a final size different from one already known,
     *     data or FIN beyond a known final size, or a final size below data already received;
     *     else {@link Result#FLOW_CONTROL_ERROR} if any byte lies at or beyond
     *     {@code readOffset + capacity} (nothing is stored then); else {@link Result#DUPLICATE} when
     *     nothing new was learned, {@link Result#ACCEPTED} otherwise
     * @throws IllegalArgumentException for a negative offset (never decoded from the wire)
     */
    public Result onData(long offset, byte[] src, int off, int len, boolean fin) {
        Objects.checkFromIndexSize(off, len, src.length);
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset: " + offset);
        }
        if (offset > Long.MAX_VALUE - len) {
            return Result.FLOW_CONTROL_ERROR;
        }
        long end = offset + len;
        if (finalSize != UNKNOWN) {
            // RFC 9000 §4.5: a known final size cannot change, and no data may lie beyond it.
            if (end > finalSize || (fin && end != finalSize)) {
                return Result.FINAL_SIZE_ERROR;
            }
        } else if (fin && end < highestReceivedEnd) {
            // RFC 9000 §4.5: a final size below data already received.
            return Result.FINAL_SIZE_ERROR;
        }
        if (end - readOffset > storage.capacityBytes()) {
            // RFC 9000 §4.1: the peer sent beyond the credit this window backs.
            return Result.FLOW_CONTROL_ERROR;
        }
        if (end > highestReceivedEnd) {
            // The storage covers [readOffset, highestReceivedEnd), which is about to reach end.
            storage.ensure(end - readOffset, readOffset, highestReceivedEnd);
        }
        boolean learned = false;
        if (fin && finalSize == UNKNOWN) {
            finalSize = end;
            learned = true;
        }
        if (highestReceivedEnd == contiguousEnd && offset <= contiguousEnd && end > contiguousEnd) {
            // In order with nothing received beyond (the common case): store the new bytes and
            // move both ends; below contiguousEnd the bitmap is not consulted, so it is not touched.
            if (!discarding) {
                storage.put(contiguousEnd, src, off + (int) (contiguousEnd - offset), (int) (end - contiguousEnd));
            }
            contiguousEnd = end;
            highestReceivedEnd = end;
            if (discarding) {
                consumeContiguous();
            }
            return Result.ACCEPTED;
        }
        if (end > highestReceivedEnd) {
            highestReceivedEnd = end;
            learned = true;
        }
        // Every byte below contiguousEnd was received (its bits need not be set): RFC 9000 §2.2,
        // the first copy is kept.
        learned |= storeMissing(offset, src, off, Math.max(offset, contiguousEnd), end);
        advanceContiguousEnd();
        if (discarding) {
            consumeContiguous();
        }
        return learned ? Result.ACCEPTED : Result.DUPLICATE;
    }

    /**
     * Stores the not-yet-received runs of {@code [from, end)}, where {@code src[off]} holds stream
     * offset {@code frameOffset}. RFC 9000 §2.2: data already received at an offset is kept.
     */
    private boolean storeMissing(long frameOffset, byte[] src, int off, long from, long end) {
        boolean stored = false;
        long position = from;
        while (position < end) {
            long runStart = received.nextClear(position, end);
            if (runStart == end) {
                break;
            }
            long runEnd = received.nextSet(runStart, end);
            if (!discarding) {
                storage.put(runStart, src, off + (int) (runStart - frameOffset),
                        (int) (runEnd - runStart));
            }
            receivedBitsSet += received.set(runStart, runEnd);
            stored = true;
            position = runEnd;
        }
        return stored;
    }

    private void advanceContiguousEnd() {
        if (highestReceivedEnd > contiguousEnd) {
            contiguousEnd = received.nextClear(contiguousEnd, highestReceivedEnd);
        }
    }

    /** Frees {@code [readOffset, contiguousEnd)} as if the application had read it. */
    private void consumeContiguous() {
        clearReceived(readOffset, contiguousEnd);
        readOffset = contiguousEnd;
        storage.releaseIfDrained(readOffset, highestReceivedEnd);
    }

    private void clearReceived(long from, long to) {
        if (receivedBitsSet > 0) {
            receivedBitsSet -= received.clear(from, to);
        }
    }

    /**
     * Lets storage that grew past the initial size go if every byte received was read; the owner
     * calls it once the connection has been quiet for a while (a drained buffer otherwise keeps
     * its storage, see {@link StorageSizing}).
     */
    public void trimStorage() {
        storage.trim(readOffset, highestReceivedEnd);
    }

    /** Re-lays the bitmap's live window {@code [readOffset, highestReceivedEnd)} for the storage's new size. */
    private void resizeBitmap(int newSizeBytes) {
        received.resize(newSizeBytes, readOffset, highestReceivedEnd);
    }

    /**
     * Reads bytes in order into {@code dst[off, off+len)}.
     *
     * @return -1 at the end of the stream (the final size is known and every byte was read),
     *     else the number of bytes read: 0 if none is available yet or {@code len} is 0
     */
    public int read(byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        int available = readableBytes();
        if (available == 0) {
            return isEndOfStream() ? -1 : 0;
        }
        int count = Math.min(len, available);
        storage.get(readOffset, dst, off, count);
        // The ring slots now belong to offsets one ring size further on, none received yet.
        clearReceived(readOffset, readOffset + count);
        readOffset += count;
        storage.releaseIfDrained(readOffset, highestReceivedEnd);
        return count;
    }

    /** Contiguous bytes available to read now. */
    public int readableBytes() {
        return (int) (contiguousEnd - readOffset);
    }

    /** Bytes consumed by the application so far (or dropped after {@link #discardIncoming()}). */
    public long readOffset() {
        return readOffset;
    }

    /** Every byte below this offset has been received. */
    public long contiguousEnd() {
        return contiguousEnd;
    }

    /** The largest {@code offset + len} of any frame accepted. */
    public long highestReceivedEnd() {
        return highestReceivedEnd;
    }

    /** Whether a FIN has fixed the final size. */
    public boolean isFinalSizeKnown() {
        return finalSize != UNKNOWN;
    }

    /** The final size of the stream, or -1 if not known yet. */
    public long finalSize() {
        return finalSize;
    }

    /** The final size is known and every byte up to it has been received. */
    public boolean isComplete() {
        return finalSize != UNKNOWN && contiguousEnd == finalSize;
    }

    /** Complete, and every byte has been read (or discarded). */
    public boolean isEndOfStream() {
        return isComplete() && readOffset == finalSize;
    }

    /**
     * The application will never read again: from now on bytes are consumed as soon as they become
     * contiguous, so {@link #readOffset()} follows {@link #contiguousEnd()}, memory is freed and
     * credit keeps flowing until the peer finishes. Bytes already buffered are dropped too.
     */
    public void discardIncoming() {
        discarding = true;
        consumeContiguous();
    }

    /** The capacity given at construction. */
    public int capacityBytes() {
        return storage.capacityBytes();
    }

    /**
     * Bytes of storage held now: the ring plus the bitmap. 0 before the first frame and after a
     * buffer that had grown is read empty; never more than the capacity needs
     * ({@code capacity + capacity / 8}, rounded up to whole words).
     */
    public long allocatedBytes() {
        return storage.sizeBytes() + received.allocatedBytes();
    }
}
