package io.rudp.core.stream;

/**
 * The receiver's side of flow control (RFC 9000 §4.1-4.2): when to send MAX_DATA, and what value.
 *
 * <p>The credit is a sliding window: the peer may send up to {@code readOffset + windowBytes}.
 * Updates are only worth a frame once the limit can move by half a window, so a slowly reading
 * application does not provoke a stream of tiny increments (the "silly window" of RFC 9000 §4.2).
 *
 * <p>Not thread-safe.
 */
public final class ReceiveCredit {

    private final int windowBytes;
    private long advertisedLimit;

    /**
     * Creates the credit; the initial limit (the initial_max_data transport parameter) is
     * {@code windowBytes}.
     *
     * @param windowBytes the window, at least 1; at most the {@link ReceiveBuffer} capacity, so
     *     that every byte the peer may send fits in the buffer
     */
    public ReceiveCredit(int windowBytes) {
        if (windowBytes <= 0) {
            throw new IllegalArgumentException("windowBytes must be positive: " + windowBytes);
        }
        this.windowBytes = windowBytes;
        this.advertisedLimit = windowBytes;
    }

    /** The highest MAX_DATA value sent, or the initial limit if none was. */
    public long advertisedLimit() {
        return advertisedLimit;
    }

    /**
     * Whether a MAX_DATA is worth sending: the limit could move at least half a window (and at
     * least one byte) past what was advertised (RFC 9000 §4.2).
     *
     * @param readOffset the bytes the application has consumed
     */
    public boolean shouldAdvertise(long readOffset) {
        long gainBytes = nextLimit(readOffset) - advertisedLimit;
        return gainBytes >= Math.max(1, windowBytes / 2);
    }

    /**
     * The limit to advertise now: {@code readOffset + windowBytes} (RFC 9000 §4.1).
     *
     * @param readOffset the bytes the application has consumed
     */
    public long nextLimit(long readOffset) {
        return readOffset + windowBytes;
    }

    /**
     * Remembers a MAX_DATA value being sent. Monotonic: a value below the one already advertised
     * is ignored (RFC 9000 §4.1: the limit never decreases).
     */
    public void onAdvertised(long limit) {
        advertisedLimit = Math.max(advertisedLimit, limit);
    }

    /**
     * The peer reported DATA_BLOCKED at {@code blockedLimit} (RFC 9000 §4.1): an update is due now
     * if we can offer more than that, even below the half-window threshold, since the peer is
     * stalled (its copy of our last MAX_DATA may also have been lost or still be in flight).
     *
     * @param blockedLimit the limit the peer says it is blocked at
     * @param readOffset the bytes the application has consumed
     */
    public boolean shouldAdvertiseOnBlocked(long blockedLimit, long readOffset) {
        return nextLimit(readOffset) > blockedLimit;
    }
}
