package io.rudp.core.stream;

/**
 * How much ring storage a stream buffer holds, so that memory follows use rather than the
 * configured capacity.
 *
 * <p>A buffer starts with no storage. When its live window needs more than it holds, it moves to
 * the smallest size on the ladder {@code initial, 2 x initial, 4 x initial, ...} that fits the
 * window, capped at the capacity (growth by doubling: the bytes copied on growth are at most the
 * bytes buffered, so they cost amortized O(1) per byte). When a buffer drains it keeps storage of
 * up to the <em>retained</em> size (by default all of it) and lets a larger one go; its owner
 * trims the storage of a drained buffer back to nothing (the initial size included) once the
 * connection has been quiet for a while ({@code trimStorage}, on the keep-alive timer). Keeping it matters on the hot path: a bulk
 * stream drains its buffers many times a second (every time the reader catches up, every time
 * everything sent is acknowledged), and regrowing from nothing on each cycle allocated several
 * bytes per byte moved. A buffer that never grew past the initial size keeps it when it drains, so
 * a connection trading small messages does not allocate on every write or read; only the quiet
 * trim takes it.
 *
 * <p>Immutable.
 */
final class StorageSizing {

    /** The first size a buffer allocates, unless its capacity is smaller. */
    static final int DEFAULT_INITIAL_BYTES = 4 * 1024;
    /** Storage up to this size is kept when a buffer drains: all of it (the capacity caps it). */
    static final int DEFAULT_RETAINED_BYTES = Integer.MAX_VALUE;

    private final int capacityBytes;
    private final int initialBytes;
    private final int retainedBytes;

    /**
     * Creates the policy of one buffer that keeps, when drained, only storage of at most its
     * initial size (tests use it to exercise release and regrowth).
     *
     * @param capacityBytes the most bytes the buffer's window may span, at least 1
     * @param initialBytes the first size allocated, at least 1; capped at {@code capacityBytes}
     */
    StorageSizing(int capacityBytes, int initialBytes) {
        this(capacityBytes, initialBytes, initialBytes);
    }

    /**
     * Creates the policy of one buffer.
     *
     * @param capacityBytes the most bytes the buffer's window may span, at least 1
     * @param initialBytes the first size allocated, at least 1; capped at {@code capacityBytes}
     * @param retainedBytes the largest storage kept when the buffer drains; at least the initial
     *     size is always kept
     */
    StorageSizing(int capacityBytes, int initialBytes, int retainedBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacityBytes must be positive: " + capacityBytes);
        }
        if (initialBytes <= 0) {
            throw new IllegalArgumentException("initialBytes must be positive: " + initialBytes);
        }
        this.capacityBytes = capacityBytes;
        this.initialBytes = Math.min(initialBytes, capacityBytes);
        this.retainedBytes = Math.max(this.initialBytes, Math.min(retainedBytes, capacityBytes));
    }

    /** The sizing of a stream buffer: the default first size, kept once grown until trimmed. */
    static StorageSizing withDefaults(int capacityBytes) {
        return new StorageSizing(capacityBytes, DEFAULT_INITIAL_BYTES, DEFAULT_RETAINED_BYTES);
    }

    /** The configured capacity: no size exceeds it. */
    int capacityBytes() {
        return capacityBytes;
    }

    /** The first size allocated (the configured initial size, capped at the capacity). */
    int initialBytes() {
        return initialBytes;
    }

    /**
     * The size to hold so that a window of {@code neededBytes} fits: {@code currentBytes} when it
     * already does, else the smallest ladder step at least {@code neededBytes}, capped at the
     * capacity. Costs at most 31 doublings, whatever the capacity.
     *
     * @throws IllegalArgumentException if {@code neededBytes} exceeds the capacity (the owner
     *     checks its window against the capacity first, so this is a bug, never a peer's doing)
     */
    int sizeFor(int currentBytes, long neededBytes) {
        if (neededBytes <= currentBytes) {
            return currentBytes;
        }
        if (neededBytes > capacityBytes) {
            throw new IllegalArgumentException(
                    "window of " + neededBytes + " bytes exceeds the capacity " + capacityBytes);
        }
        long sizeBytes = initialBytes;
        while (sizeBytes < neededBytes) {
            sizeBytes <<= 1; // below 2^32: neededBytes <= capacityBytes < 2^31
        }
        return (int) Math.min(sizeBytes, capacityBytes);
    }

    /** The largest storage a drained buffer keeps. */
    int retainedBytes() {
        return retainedBytes;
    }

    /**
     * Whether a drained buffer holding {@code currentBytes} lets it go when its owner trims it: any
     * storage at all, the initial size included, so that a quiet connection holds none.
     */
    boolean releasesWhenTrimmed(int currentBytes) {
        return currentBytes > 0;
    }

    /** Whether a buffer holding {@code currentBytes} of storage lets it go once it drains. */
    boolean releasesWhenDrained(int currentBytes) {
        return currentBytes > retainedBytes;
    }
}
