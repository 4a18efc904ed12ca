package io.rudp.cli.proxy;

import io.rudp.testkit.LinkStats;

/**
 * What one direction of an {@link ImpairmentProxy} did, over every client it has seen.
 *
 * <p>Every received datagram ends in exactly one of {@code delivered}, {@code lost},
 * {@code burstLost}, {@code queueDropped}, {@code overflowDropped} or {@code sendFailed}, or is
 * still pending; a duplicated one adds one more copy. So, once nothing is pending:
 * {@code received + duplicated == delivered + lost + burstLost + queueDropped + overflowDropped
 * + sendFailed}.
 *
 * @param received datagrams the proxy read from the sender
 * @param delivered copies the proxy handed to the operating system for the receiver
 * @param bytesDelivered payload bytes of the delivered copies
 * @param lost dropped by random loss
 * @param burstLost dropped by burst loss (Gilbert-Elliott bad state)
 * @param queueDropped dropped because the rate limit's queue was full
 * @param duplicated extra copies made
 * @param corrupted copies with one bit flipped
 * @param reordered datagrams held back to arrive after later ones
 * @param overflowDropped copies dropped because the proxy's pending-bytes bound was reached
 * @param sendFailed copies the operating system refused (buffer full, port unreachable...)
 */
public record DirectionStats(long received, long delivered, long bytesDelivered, long lost,
        long burstLost, long queueDropped, long duplicated, long corrupted, long reordered,
        long overflowDropped, long sendFailed) {

    /** Converts the impairment engine's counters plus the proxy's own overflow count. */
    public static DirectionStats of(LinkStats s, long overflowDropped) {
        return new DirectionStats(s.sent(), s.delivered(), s.bytesDelivered(), s.lost(),
                s.burstLost(), s.queueDropped(), s.duplicated(), s.corrupted(), s.reordered(),
                overflowDropped, s.unroutable());
    }

    /** One line for people: every counter with its name. */
    public String describe() {
        return received + " received, " + delivered + " delivered (" + bytesDelivered
                + " bytes), " + lost + " lost, " + burstLost + " burst-lost, " + queueDropped
                + " queue drops, " + duplicated + " duplicated, " + corrupted + " corrupted, "
                + reordered + " reordered, " + overflowDropped + " over the pending limit, "
                + sendFailed + " send failures";
    }
}
