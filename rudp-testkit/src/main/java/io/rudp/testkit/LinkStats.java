package io.rudp.testkit;

/**
 * A snapshot of the counters of one link direction, or of the whole network.
 *
 * <p>Every datagram handed to a link counts once in {@code sent} and ends up, once it has left
 * the network, in exactly one of {@code delivered}, {@code lost}, {@code burstLost},
 * {@code queueDropped} or {@code unroutable}; a duplicated datagram adds one more copy that
 * counts in {@code delivered} or {@code unroutable}. So, once nothing is in flight:
 * {@code sent + duplicated == delivered + lost + burstLost + queueDropped + unroutable}.
 *
 * @param sent datagrams handed to the link (by a node or by {@code inject})
 * @param delivered copies handed to a node
 * @param lost datagrams dropped by independent random loss, above the path MTU, or while the link
 *     was cut ({@code SimulatedNetwork#cutPath}: in flight or sent during an outage)
 * @param burstLost datagrams dropped while the Gilbert-Elliott chain was in its bad state
 * @param queueDropped datagrams dropped because the bottleneck queue was full
 * @param duplicated extra copies created by duplication
 * @param corrupted copies that had one bit flipped
 * @param reordered datagrams held back by the reordering delay
 * @param bytesDelivered payload bytes of the delivered copies
 * @param unroutable copies that arrived at an address where no node is attached
 */
public record LinkStats(long sent, long delivered, long lost, long burstLost, long queueDropped,
        long duplicated, long corrupted, long reordered, long bytesDelivered, long unroutable) {

    /** All counters zero. */
    public static final LinkStats ZERO = new LinkStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The counter-by-counter sum of this and {@code other} (to total several links). */
    public LinkStats plus(LinkStats other) {
        return new LinkStats(sent + other.sent, delivered + other.delivered, lost + other.lost,
                burstLost + other.burstLost, queueDropped + other.queueDropped,
                duplicated + other.duplicated, corrupted + other.corrupted,
                reordered + other.reordered, bytesDelivered + other.bytesDelivered,
                unroutable + other.unroutable);
    }
}
