package io.rudp.core.stream;

/**
 * The sender's side of flow control (RFC 9000 §4.1): the peer's MAX_DATA limit, and when to tell
 * the peer with DATA_BLOCKED that the limit stops us.
 *
 * <p>Not thread-safe.
 */
public final class SendCredit {

    private static final long NONE = -1;

    private long limit;
    private long blockedReportedAt = NONE;

    /**
     * Creates the credit.
     *
     * @param initialLimit the peer's initial_max_data: the offset we may send up to (exclusive)
     */
    public SendCredit(long initialLimit) {
        if (initialLimit < 0) {
            throw new IllegalArgumentException("negative initialLimit: " + initialLimit);
        }
        this.limit = initialLimit;
    }

    /** The stream offset we may send up to (exclusive). */
    public long limit() {
        return limit;
    }

    /**
     * Applies a MAX_DATA value. RFC 9000 §4.1: limits only increase, so a smaller or equal value
     * (reordered or stale) is ignored.
     *
     * @return true if the limit was raised
     */
    public boolean onMaxData(long limit) {
        if (limit > this.limit) {
            this.limit = limit;
            return true;
        }
        return false;
    }

    /**
     * Whether to send DATA_BLOCKED now (RFC 9000 §4.1, §19.12): the sender has data to send at
     * {@code sendOffset} but the limit stops it, and it has not reported this limit yet. Returns
     * true at most once per limit; the caller then sends {@code DATA_BLOCKED(limit())}.
     *
     * @param sendOffset where new data would start
     * @param hasUnsentData whether the application has written bytes not yet sent
     */
    public boolean shouldReportBlocked(long sendOffset, boolean hasUnsentData) {
        if (!hasUnsentData || sendOffset < limit || blockedReportedAt == limit) {
            return false;
        }
        blockedReportedAt = limit;
        return true;
    }
}
