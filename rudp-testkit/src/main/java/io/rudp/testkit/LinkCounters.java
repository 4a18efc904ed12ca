package io.rudp.testkit;

/** The mutable counters behind a {@link LinkStats} snapshot. Package-private. */
final class LinkCounters {
    long sent;
    long delivered;
    long lost;
    long burstLost;
    long queueDropped;
    long duplicated;
    long corrupted;
    long reordered;
    long bytesDelivered;
    long unroutable;

    /** Adds these counters to {@code sum}. */
    void addTo(LinkCounters sum) {
        sum.sent += sent;
        sum.delivered += delivered;
        sum.lost += lost;
        sum.burstLost += burstLost;
        sum.queueDropped += queueDropped;
        sum.duplicated += duplicated;
        sum.corrupted += corrupted;
        sum.reordered += reordered;
        sum.bytesDelivered += bytesDelivered;
        sum.unroutable += unroutable;
    }

    /** An immutable copy of the current values. */
    LinkStats snapshot() {
        return new LinkStats(sent, delivered, lost, burstLost, queueDropped, duplicated,
                corrupted, reordered, bytesDelivered, unroutable);
    }
}
