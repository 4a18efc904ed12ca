package io.rudp.core.stream;

import java.util.Objects;

/**
 * Outgoing side of the stream: bytes the application wrote, kept until the peer acknowledges them.
 *
 * <p>Offsets start at 0 and only grow. The buffer holds the window {@code [ackedFront, writtenEnd)}
 * in a ring; a write accepts only what fits in {@code capacityBytes}. The ring's storage follows use
 * ({@link StorageSizing}): none until the first write, then doubling as the window needs it, never
 * beyond the capacity, and let go when a buffer that had grown past the retained size drains. Inside that window:
 * <ul>
 *   <li>{@code [ackedFront, sendOffset)} has been sent at least once; parts of it may be
 *       acknowledged out of order or queued for retransmission after a loss;</li>
 *   <li>{@code [sendOffset, writtenEnd)} has never been sent.</li>
 * </ul>
 * The acknowledged and lost parts are tracked with one bit per byte of the window
 * ({@link OffsetBitmap}) sized with the ring, so the bookkeeping is bounded by the window too,
 * whatever the peer acks.
 *
 * <p>Data lost in a packet is resent in new packets from the same offsets (RFC 9000 §2.2: the
 * receiver reassembles by offset, so a retransmission need not repeat the original framing).
 * The FIN (RFC 9000 §4.5: the final size is {@link #writtenEnd()} once finished) is tracked and
 * retransmitted like a range of its own.
 *
 * <p>Not thread-safe.
 */
public final class SendBuffer {

    /** A range to send: filled in by {@link #pollChunk}. */
    public static final class Chunk {
        /** Stream offset of the first byte. */
        public long offset;
        /** Number of bytes, 0 for a FIN alone. */
        public int length;
        /** True when the range ends at the final size and carries the FIN. */
        public boolean fin;

        /** Creates an empty chunk, to be filled by {@link SendBuffer#pollChunk}. */
        public Chunk() {
        }

        @Override
        public String toString() {
            return "Chunk[offset=" + offset + ", length=" + length + ", fin=" + fin + "]";
        }
    }

    /** Holds {@code [ackedFront, writtenEnd)}; its size is always the bitmaps' too. */
    private final StreamStorage storage;
    /** Bytes of {@code [ackedFront, sendOffset)} acknowledged ahead of {@code ackedFront}. */
    private final OffsetBitmap ackedAboveFront = new OffsetBitmap(0);
    /** Bits set in {@link #ackedAboveFront}: bytes acknowledged beyond the front. */
    private long ackedAboveFrontBytes;
    /** Bytes of {@code [ackedFront, sendOffset)} waiting to be sent again. */
    private final OffsetBitmap lostBytesMap = new OffsetBitmap(0);

    private long writtenEnd;
    private long ackedFront;
    private long sendOffset;
    private long lostByteCount;
    /** No byte in {@code [ackedFront, lostScanFrom)} is queued for retransmission. */
    private long lostScanFrom;

    private boolean finished;
    private boolean finSent;
    private boolean finLost;
    private boolean finAcked;

    /**
     * Creates an empty buffer. It holds no storage until the first write.
     *
     * @param capacityBytes the most unacknowledged bytes it holds, at least 1
     */
    public SendBuffer(int capacityBytes) {
        this.storage = new StreamStorage(StorageSizing.withDefaults(capacityBytes), this::resizeBitmaps);
    }

    /**
     * Creates an empty buffer whose storage starts at {@code initialStorageBytes} when first
     * needed (tests use small sizes to exercise growth).
     *
     * @param capacityBytes the most unacknowledged bytes it holds, at least 1
     * @param initialStorageBytes the first ring size allocated, at least 1
     */
    SendBuffer(int capacityBytes, int initialStorageBytes) {
        this.storage = new StreamStorage(new StorageSizing(capacityBytes, initialStorageBytes), this::resizeBitmaps);
    }

    /**
     * Accepts up to {@code len} bytes of {@code src} from {@code off}, as many as free space allows.
     *
     * @return the number of bytes taken (0 when the buffer is full)
     * @throws IllegalStateException after {@link #finish()}
     */
    public int write(byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        if (finished) {
            throw new IllegalStateException("write after finish()");
        }
        int taken = Math.min(len, freeBytes());
        if (taken == 0) {
            return 0;
        }
        storage.ensure(writtenEnd - ackedFront + taken, ackedFront, writtenEnd);
        storage.put(writtenEnd, src, off, taken);
        writtenEnd += taken;
        return taken;
    }

    /**
     * No more writes: the final size is {@link #writtenEnd()} and a FIN goes out after the last
     * byte (RFC 9000 §4.5). Idempotent.
     */
    public void finish() {
        finished = true;
    }

    /** Whether {@link #finish()} was called. */
    public boolean isFinished() {
        return finished;
    }

    /** Total bytes ever written; equals the final size once finished. */
    public long writtenEnd() {
        return writtenEnd;
    }

    /** Bytes a write can take now: capacity minus the unacknowledged bytes held. */
    public int freeBytes() {
        return storage.capacityBytes() - (int) (writtenEnd - ackedFront);
    }

    /**
     * Bytes of storage held now: the ring plus the two bitmaps. 0 before the first write and after
     * a buffer that had grown drains; never more than the capacity needs
     * ({@code capacity + 2 x capacity / 8}, rounded up to whole words).
     */
    public long allocatedBytes() {
        return storage.sizeBytes() + ackedAboveFront.allocatedBytes() + lostBytesMap.allocatedBytes();
    }

    /**
     * Lets storage that grew past the initial size go if everything written was acknowledged; the
     * owner calls it once the connection has been quiet for a while (a drained buffer otherwise
     * keeps its storage, see {@link StorageSizing}).
     */
    public void trimStorage() {
        storage.trim(ackedFront, writtenEnd);
    }

    /** Re-lays the bitmaps' live window at its indexes for the storage's new size. */
    private void resizeBitmaps(int newSizeBytes) {
        ackedAboveFront.resize(newSizeBytes, ackedFront, sendOffset);
        lostBytesMap.resize(newSizeBytes, ackedFront, sendOffset);
    }

    /** Every byte below this offset is acknowledged and its space freed. */
    public long ackedFront() {
        return ackedFront;
    }

    /** The lowest offset never sent yet: new data starts here. */
    public long sendOffset() {
        return sendOffset;
    }

    /** Bytes written but never sent: {@code writtenEnd() - sendOffset()}. */
    public long unsentBytes() {
        return writtenEnd - sendOffset;
    }

    /** Whether lost ranges, or a lost FIN, wait to be sent again. */
    public boolean hasRetransmission() {
        return lostByteCount > 0 || finLost;
    }

    /**
     * Whether anything is sendable now: a retransmission, new bytes below {@code flowLimitOffset},
     * or a FIN not yet sent (or lost) once every byte has been sent.
     *
     * @param flowLimitOffset the peer's credit: the offset new data may reach (exclusive)
     */
    public boolean hasSendable(long flowLimitOffset) {
        return hasRetransmission()
                || (sendOffset < writtenEnd && sendOffset < flowLimitOffset)
                || isFreshFinDue();
    }

    /**
     * Takes the next range to send and marks it in flight. Retransmissions go first, lowest offset
     * first; otherwise new bytes from {@link #sendOffset()}, at most {@code maxLength} and never
     * past {@code flowLimitOffset} (RFC 9000 §4.1). A FIN rides on the range ending at the final
     * size, or goes alone as a zero-length range (which fits even when {@code maxLength} is 0).
     * Retransmitted bytes are not limited by the credit: they lie below {@code sendOffset}, which
     * was within the credit when first sent, and credit never shrinks.
     *
     * @param maxLength the most bytes the caller has room for, at least 0
     * @param flowLimitOffset the peer's credit (exclusive)
     * @param out filled with the range when one is returned
     * @return false, leaving {@code out} untouched, when nothing fits
     */
    public boolean pollChunk(int maxLength, long flowLimitOffset, Chunk out) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("negative maxLength: " + maxLength);
        }
        Objects.requireNonNull(out, "out");
        if (lostByteCount > 0 && maxLength > 0) {
            return pollRetransmission(maxLength, out);
        }
        if (finLost && (lostByteCount == 0 || maxLength == 0)) {
            // The FIN alone is a zero-length range at the final size.
            finLost = false;
            return fill(out, writtenEnd, 0, true);
        }
        long creditBytes = flowLimitOffset > sendOffset ? flowLimitOffset - sendOffset : 0;
        int newBytes = (int) Math.min(maxLength, Math.min(creditBytes, writtenEnd - sendOffset));
        if (newBytes > 0) {
            long start = sendOffset;
            sendOffset += newBytes;
            boolean fin = isFreshFinDue();
            finSent |= fin;
            return fill(out, start, newBytes, fin);
        }
        if (isFreshFinDue()) {
            finSent = true;
            return fill(out, writtenEnd, 0, true);
        }
        return false;
    }

    private boolean pollRetransmission(int maxLength, Chunk out) {
        long start = lostBytesMap.nextSet(lostScanFrom, sendOffset);
        long limit = Math.min(sendOffset, start + maxLength);
        long end = lostBytesMap.nextClear(start, limit);
        lostByteCount -= lostBytesMap.clear(start, end);
        lostScanFrom = end;
        // The FIN rides along if this range reaches the final size and the FIN is due.
        boolean fin = end == writtenEnd && (finLost || isFreshFinDue());
        if (fin) {
            finLost = false;
            finSent = true;
        }
        return fill(out, start, (int) (end - start), fin);
    }

    private static boolean fill(Chunk out, long offset, int length, boolean fin) {
        out.offset = offset;
        out.length = length;
        out.fin = fin;
        return true;
    }

    private boolean isFreshFinDue() {
        return finished && !finSent && sendOffset == writtenEnd;
    }

    /**
     * Copies stream bytes {@code [offset, offset+length)} into {@code dst} from {@code dstOff}.
     *
     * @throws IllegalArgumentException if the range is not within {@code [ackedFront, writtenEnd)}
     */
    public void copyTo(long offset, int length, byte[] dst, int dstOff) {
        Objects.checkFromIndexSize(dstOff, length, dst.length);
        if (offset < ackedFront || offset > writtenEnd - length) {
            throw new IllegalArgumentException("range [" + offset + ", +" + length
                    + ") outside held bytes [" + ackedFront + ", " + writtenEnd + ")");
        }
        storage.get(offset, dst, dstOff, length);
    }

    /**
     * The range (and the FIN, if {@code fin}) was acknowledged: frees what is now contiguous from
     * {@link #ackedFront()} and drops the range from the retransmission queue (RFC 9000 §13.3:
     * acknowledged data is never sent again, even if its packet was declared lost). Duplicate,
     * overlapping or already-freed ranges are harmless; parts never sent are ignored.
     */
    public void onAcked(long offset, int length, boolean fin) {
        long from = Math.max(offset, ackedFront);
        long to = Math.min(rangeEnd(offset, length), sendOffset);
        if (from < to) {
            if (lostByteCount > 0) {
                lostByteCount -= lostBytesMap.clear(from, to);
            }
            if (from == ackedFront && ackedAboveFrontBytes == 0) {
                // In order with nothing acknowledged beyond it (the common case): the front moves
                // and the bitmap, all clear, is not touched.
                ackedFront = to;
                lostScanFrom = Math.max(lostScanFrom, ackedFront);
                storage.releaseIfDrained(ackedFront, writtenEnd);
            } else if (from == ackedFront) {
                ackedAboveFrontBytes += ackedAboveFront.set(from, to);
                long newFront = ackedAboveFront.nextClear(ackedFront, sendOffset);
                ackedAboveFrontBytes -= ackedAboveFront.clear(ackedFront, newFront);
                ackedFront = newFront;
                lostScanFrom = Math.max(lostScanFrom, ackedFront);
                storage.releaseIfDrained(ackedFront, writtenEnd);
            } else {
                ackedAboveFrontBytes += ackedAboveFront.set(from, to);
            }
        }
        if (fin && finSent) {
            finAcked = true;
            finLost = false;
        }
    }

    /**
     * The packet carrying the range was declared lost: queues its not-yet-acknowledged parts (and
     * the FIN, if {@code fin} and not acknowledged) for retransmission in new frames (RFC 9000
     * §13.3). Harmless for parts already acknowledged or already queued.
     */
    public void onLost(long offset, int length, boolean fin) {
        long from = Math.max(offset, ackedFront);
        long to = Math.min(rangeEnd(offset, length), sendOffset);
        long position = from;
        while (position < to) {
            long lostStart = ackedAboveFront.nextClear(position, to);
            if (lostStart == to) {
                break;
            }
            long lostEnd = ackedAboveFront.nextSet(lostStart, to);
            lostByteCount += lostBytesMap.set(lostStart, lostEnd);
            lostScanFrom = Math.min(lostScanFrom, lostStart);
            position = lostEnd;
        }
        if (fin && finSent && !finAcked) {
            finLost = true;
        }
    }

    /**
     * Queues the oldest unacknowledged bytes, at most {@code maxLength} from {@link #ackedFront()}
     * (and the FIN if that reaches the final size), to be sent again although their packet is not
     * declared lost: the content of a probe when no new data waits (RFC 9002 §6.2.4: a probe
     * "MAY" carry unacknowledged data; retransmitting it lets the probe repair a lost tail at once
     * instead of merely eliciting the acknowledgement that reveals the loss). Parts already
     * acknowledged are skipped, as in {@link #onLost}.
     *
     * @return whether anything is now queued for retransmission
     */
    public boolean requeueOldestUnacknowledged(int maxLength) {
        if (maxLength <= 0) {
            return hasRetransmission();
        }
        long end = Math.min(sendOffset, ackedFront + maxLength);
        onLost(ackedFront, (int) (end - ackedFront), end == writtenEnd);
        return hasRetransmission();
    }

    /** Whether {@link #finish()} was called and every byte and the FIN are acknowledged. */
    public boolean isAllAcknowledged() {
        return finished && finAcked && ackedFront == writtenEnd;
    }

    private static long rangeEnd(long offset, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length: " + length);
        }
        long end = offset + length;
        return end < offset ? Long.MAX_VALUE : end;
    }
}
