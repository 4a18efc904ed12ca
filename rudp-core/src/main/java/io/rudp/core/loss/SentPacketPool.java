package io.rudp.core.loss;

/**
 * Spare {@link SentPacket} records, so that sending a packet does not allocate one: a record
 * taken with {@link #acquire} goes back with {@link #release} once the loss detector is done with
 * it (acknowledged or declared lost, after its listener was told, or discarded).
 *
 * <p>Bounded: at most {@code maxSpare} released records are kept; more go to the garbage
 * collector. The array holding them grows with use (doubling, so a steady sender stops
 * allocating once it holds as many as it needs) and {@link #releaseSpares} gives it all back
 * when the connection goes quiet. Only records this pool made are taken back, each once: a record built with
 * {@code new SentPacket(...)} (tests, callers of the plain API) or released twice is ignored, so
 * a caller that keeps such a record never sees it change. Not thread-safe.
 */
final class SentPacketPool {

    private static final SentPacket[] NONE = new SentPacket[0];
    private static final int FIRST_SPARE_SLOTS = 16;

    private final int maxSpare;
    private SentPacket[] spare = NONE;
    private int spareCount;
    private long created;

    /**
     * Creates an empty pool.
     *
     * @param maxSpare the most released records kept for reuse; not negative
     */
    SentPacketPool(int maxSpare) {
        if (maxSpare < 0) {
            throw new IllegalArgumentException("maxSpare must not be negative: " + maxSpare);
        }
        this.maxSpare = maxSpare;
    }

    /** A record describing a packet just sent, reused when one is spare; content fields reset. */
    SentPacket acquire(long packetNumber, long sentTimeNanos, int sizeBytes, boolean ackEliciting, boolean inFlight) {
        SentPacket p;
        if (spareCount > 0) {
            p = spare[--spareCount];
            spare[spareCount] = null;
        } else {
            p = new SentPacket(packetNumber, sentTimeNanos, sizeBytes, ackEliciting, inFlight);
            created++;
        }
        p.reset(packetNumber, sentTimeNanos, sizeBytes, ackEliciting, inFlight);
        p.takeFromPool();
        return p;
    }

    /** Takes {@code p} back if this kind of pool made it and it is in use; otherwise does nothing. */
    void release(SentPacket p) {
        if (!p.returnToPool()) {
            return;
        }
        if (spareCount == spare.length && spare.length < maxSpare) {
            spare = java.util.Arrays.copyOf(spare, Math.min(maxSpare, Math.max(FIRST_SPARE_SLOTS, 2 * spare.length)));
        }
        if (spareCount < spare.length) {
            spare[spareCount++] = p;
        }
    }

    /** Lets every spare record, and the array holding them, go (the connection went quiet). */
    void releaseSpares() {
        spare = NONE;
        spareCount = 0;
    }

    /** Released records waiting for reuse. */
    int spareCount() {
        return spareCount;
    }

    /** Records this pool allocated so far (the rest of the acquisitions were reuses). */
    long createdCount() {
        return created;
    }
}
