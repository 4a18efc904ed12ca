package io.rudp.core.stream;

/**
 * One bit per stream byte over a sliding window of {@code capacityBits} consecutive offsets,
 * stored in a ring: the bit for offset {@code o} lives at index {@code o mod capacityBits}.
 *
 * <p>This is the range-set bookkeeping of the stream buffers (which bytes were received, acknowledged
 * or lost). Its memory ({@code capacityBits / 8} bytes, rounded up to whole 64-bit words) changes
 * only when the owner calls {@link #resize}, and every other operation costs O(range length / 64),
 * whatever order or granularity the ranges arrive in: a peer cannot make it grow or go quadratic by
 * sending many tiny, scattered frames.
 *
 * <p>Every range handed in is {@code [fromOffset, toOffset)} with {@code 0 <= fromOffset} and
 * {@code 0 <= toOffset - fromOffset <= capacityBits}; the owner keeps all ranges inside one window
 * of {@code capacityBits} offsets and clears bits that slide out of it, so offsets sharing an index
 * are never live together. A capacity of 0 holds nothing: only empty ranges are valid then.
 */
final class OffsetBitmap {

    private static final int WORD_SHIFT = 6;
    private static final int WORD_BITS = 1 << WORD_SHIFT;

    private static final long[] NO_WORDS = new long[0];

    private long[] words;
    private int capacityBits;

    /**
     * Creates a bitmap with every bit clear.
     *
     * @param capacityBits the window size in offsets, at least 0
     */
    OffsetBitmap(int capacityBits) {
        if (capacityBits < 0) {
            throw new IllegalArgumentException("negative capacityBits: " + capacityBits);
        }
        this.capacityBits = capacityBits;
        int wordCount = (int) ((capacityBits + (long) WORD_BITS - 1) >>> WORD_SHIFT);
        this.words = wordCount == 0 ? NO_WORDS : new long[wordCount];
    }

    /** The window size in offsets. */
    int capacityBits() {
        return capacityBits;
    }

    /** The bytes of storage held: the 64-bit words backing the bits. */
    long allocatedBytes() {
        return (long) words.length * Long.BYTES;
    }

    /**
     * Replaces the storage with a window of {@code newCapacityBits}, carrying over the bits of the
     * live window {@code [liveFromOffset, liveToOffset)} to their indexes for the new size (the live
     * window may straddle the seam of the old ring, of the new one, or both); bits outside it are
     * dropped. Costs O(new capacity / 64) to allocate plus O(live window) to copy.
     *
     * @throws IllegalArgumentException if the live window does not fit the old or the new capacity
     */
    void resize(int newCapacityBits, long liveFromOffset, long liveToOffset) {
        long liveBits = liveToOffset - liveFromOffset;
        if (liveFromOffset < 0 || liveBits < 0 || liveBits > capacityBits
                || liveBits > newCapacityBits) {
            throw new IllegalArgumentException("live window [" + liveFromOffset + ", " + liveToOffset
                    + ") does not fit capacities " + capacityBits + " and " + newCapacityBits);
        }
        OffsetBitmap resized = new OffsetBitmap(newCapacityBits);
        long position = liveFromOffset;
        while (position < liveToOffset) {
            long runStart = nextSet(position, liveToOffset);
            if (runStart == liveToOffset) {
                break;
            }
            long runEnd = nextClear(runStart, liveToOffset);
            resized.set(runStart, runEnd);
            position = runEnd;
        }
        this.words = resized.words;
        this.capacityBits = resized.capacityBits;
    }

    /** Sets the bits of {@code [fromOffset, toOffset)}; returns how many were clear before. */
    int set(long fromOffset, long toOffset) {
        int length = length(fromOffset, toOffset);
        if (length == 0) {
            return 0;
        }
        int start = index(fromOffset);
        long end = (long) start + length;
        int firstEnd = (int) Math.min(capacityBits, end);
        int changed = setLinear(start, firstEnd);
        if (end > capacityBits) {
            changed += setLinear(0, (int) (end - capacityBits));
        }
        return changed;
    }

    /** Clears the bits of {@code [fromOffset, toOffset)}; returns how many were set before. */
    int clear(long fromOffset, long toOffset) {
        int length = length(fromOffset, toOffset);
        if (length == 0) {
            return 0;
        }
        int start = index(fromOffset);
        long end = (long) start + length;
        int firstEnd = (int) Math.min(capacityBits, end);
        int changed = clearLinear(start, firstEnd);
        if (end > capacityBits) {
            changed += clearLinear(0, (int) (end - capacityBits));
        }
        return changed;
    }

    /** The lowest offset in {@code [fromOffset, toOffset)} whose bit is set, or {@code toOffset}. */
    long nextSet(long fromOffset, long toOffset) {
        return next(fromOffset, toOffset, true);
    }

    /** The lowest offset in {@code [fromOffset, toOffset)} whose bit is clear, or {@code toOffset}. */
    long nextClear(long fromOffset, long toOffset) {
        return next(fromOffset, toOffset, false);
    }

    private long next(long fromOffset, long toOffset, boolean wantSet) {
        int length = length(fromOffset, toOffset);
        if (length == 0) {
            return toOffset;
        }
        int start = index(fromOffset);
        long end = (long) start + length;
        int firstEnd = (int) Math.min(capacityBits, end);
        int found = nextLinear(start, firstEnd, wantSet);
        if (found >= 0) {
            return fromOffset + (found - start);
        }
        if (end > capacityBits) {
            found = nextLinear(0, (int) (end - capacityBits), wantSet);
            if (found >= 0) {
                return fromOffset + (capacityBits - start) + found;
            }
        }
        return toOffset;
    }

    private int index(long offset) {
        return (int) (offset % capacityBits);
    }

    private int length(long fromOffset, long toOffset) {
        long length = toOffset - fromOffset;
        if (fromOffset < 0 || length < 0 || length > capacityBits) {
            throw new IllegalArgumentException(
                    "range [" + fromOffset + ", " + toOffset + ") does not fit " + capacityBits);
        }
        return (int) length;
    }

    /** Sets bit indexes {@code [from, to)} of the array; returns how many changed. */
    private int setLinear(int from, int to) {
        if (from >= to) {
            return 0;
        }
        int changed = 0;
        int lastWord = (to - 1) >>> WORD_SHIFT;
        for (int w = from >>> WORD_SHIFT; w <= lastWord; w++) {
            long mask = maskFor(w, from, to, lastWord);
            changed += Long.bitCount(mask & ~words[w]);
            words[w] |= mask;
        }
        return changed;
    }

    /** Clears bit indexes {@code [from, to)} of the array; returns how many changed. */
    private int clearLinear(int from, int to) {
        if (from >= to) {
            return 0;
        }
        int changed = 0;
        int lastWord = (to - 1) >>> WORD_SHIFT;
        for (int w = from >>> WORD_SHIFT; w <= lastWord; w++) {
            long mask = maskFor(w, from, to, lastWord);
            changed += Long.bitCount(mask & words[w]);
            words[w] &= ~mask;
        }
        return changed;
    }

    /** The bits of word {@code w} that lie inside {@code [from, to)}. */
    private static long maskFor(int w, int from, int to, int lastWord) {
        long mask = -1L;
        if (w == from >>> WORD_SHIFT) {
            mask &= -1L << (from & (WORD_BITS - 1));
        }
        if (w == lastWord && (to & (WORD_BITS - 1)) != 0) {
            mask &= -1L >>> (WORD_BITS - (to & (WORD_BITS - 1)));
        }
        return mask;
    }

    /** The lowest index in {@code [from, to)} whose bit equals {@code wantSet}, or -1. */
    private int nextLinear(int from, int to, boolean wantSet) {
        if (from >= to) {
            return -1;
        }
        int w = from >>> WORD_SHIFT;
        long word = (wantSet ? words[w] : ~words[w]) & (-1L << (from & (WORD_BITS - 1)));
        while (true) {
            if (word != 0) {
                long found = ((long) w << WORD_SHIFT) + Long.numberOfTrailingZeros(word);
                return found < to ? (int) found : -1;
            }
            w++;
            if (((long) w << WORD_SHIFT) >= to) {
                return -1;
            }
            word = wantSet ? words[w] : ~words[w];
        }
    }
}
