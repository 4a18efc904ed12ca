package io.rudp.testkit;

import java.net.InetSocketAddress;

/** One datagram copy in flight: it arrives at {@link #timeNanos}. Package-private. */
final class Delivery {
    final long timeNanos;
    /** Insertion order: breaks ties between deliveries due at the same instant. */
    final long sequence;
    final Link link;
    final InetSocketAddress from;
    final InetSocketAddress to;
    /** The node attached at {@link #to} when the copy was sent, or null to look it up on arrival. */
    final NodeSlot destination;
    final byte[] datagram;

    Delivery(long timeNanos, long sequence, Link link, InetSocketAddress from,
            InetSocketAddress to, NodeSlot destination, byte[] datagram) {
        this.timeNanos = timeNanos;
        this.sequence = sequence;
        this.link = link;
        this.from = from;
        this.to = to;
        this.destination = destination;
        this.datagram = datagram;
    }

    /** Whether this copy is due strictly before {@code other}: by time (wrap-safe), then sequence. */
    boolean before(Delivery other) {
        long dt = timeNanos - other.timeNanos; // wrap-safe: the origin is arbitrary
        if (dt != 0) {
            return dt < 0;
        }
        return sequence < other.sequence;
    }
}
