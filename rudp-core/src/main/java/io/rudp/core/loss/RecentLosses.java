package io.rudp.core.loss;

/**
 * The packets most recently declared lost, so that an acknowledgement arriving for one of them
 * later shows the loss was spurious (packet numbers are never reused, so such an acknowledgement
 * can only mean the original arrived: the role DSACK plays in RFC 8985 §6.2 step 4).
 *
 * <p>A ring of at most {@link #CAPACITY} packet numbers with their sending times, in ascending
 * order (losses are declared oldest first, see {@link LossDetector}); when full, the oldest entry
 * is forgotten. The arrays are made on the first loss, so a connection that never loses holds
 * none. Matching an ACK costs a binary search per range that overlaps the ring. Allocation-free
 * after the first loss.
 */
final class RecentLosses {

    /** Losses remembered at most: a few round trips' worth at the loss rates that matter. */
    static final int CAPACITY = 64;

    private long[] packetNumbers;
    private long[] sentTimesNanos;
    private boolean[] matched;
    private int head;
    private int size;

    /** Remembers a packet just declared lost; ignored unless its number exceeds every number remembered. */
    void add(long packetNumber, long sentTimeNanos) {
        if (packetNumbers == null) {
            packetNumbers = new long[CAPACITY];
            sentTimesNanos = new long[CAPACITY];
            matched = new boolean[CAPACITY];
        }
        if (size > 0 && packetNumber <= packetNumbers[index(size - 1)]) {
            return;
        }
        if (size == CAPACITY) {
            head = (head + 1) % CAPACITY;
            size--;
        }
        int i = index(size);
        packetNumbers[i] = packetNumber;
        sentTimesNanos[i] = sentTimeNanos;
        matched[i] = false;
        size++;
    }

    /** Losses remembered and not yet found spurious. */
    int size() {
        int count = 0;
        for (int position = 0; position < size; position++) {
            if (!matched[index(position)]) {
                count++;
            }
        }
        return count;
    }

    /**
     * Finds the remembered losses the ranges acknowledge, forgets them, and tells {@code sink} of
     * each (lowest range first, ascending within a range). Ranges use the layout
     * {@code [high0, low0, high1, low1, ...]}.
     *
     * @return how many were found
     */
    int removeAcknowledged(long[] ranges, int count, SpuriousLossSink sink) {
        if (size == 0) {
            return 0;
        }
        long lowest = packetNumbers[index(0)];
        long highest = packetNumbers[index(size - 1)];
        int found = 0;
        for (int r = count - 1; r >= 0; r--) {
            long high = ranges[2 * r];
            long low = ranges[2 * r + 1];
            if (high < lowest || low > highest || low > high) {
                continue;
            }
            for (int position = firstPositionAtOrAbove(low);
                 position < size && packetNumbers[index(position)] <= high; position++) {
                int i = index(position);
                if (!matched[i]) {
                    matched[i] = true;
                    found++;
                    sink.onSpuriousLoss(packetNumbers[i], sentTimesNanos[i]);
                }
            }
        }
        while (size > 0 && matched[head]) {
            head = (head + 1) % CAPACITY;
            size--;
        }
        return found;
    }

    /** Forgets everything. */
    void clear() {
        head = 0;
        size = 0;
    }

    private int firstPositionAtOrAbove(long packetNumber) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (packetNumbers[index(mid)] < packetNumber) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private int index(int position) {
        return (head + position) % CAPACITY;
    }

    /** Told of each loss found spurious. */
    interface SpuriousLossSink {

        /** The packet {@code packetNumber}, sent at {@code sentTimeNanos} and declared lost, was acknowledged after all. */
        void onSpuriousLoss(long packetNumber, long sentTimeNanos);
    }
}
