package io.rudp.cli.proxy;

import java.util.PriorityQueue;

/**
 * The copies waiting for their delivery time, ordered by (time, sequence), with the bound on
 * their total size. Package-private; used by the relay thread only.
 */
final class DeliverySchedule {
    private final PriorityQueue<ScheduledDatagram> queue =
            new PriorityQueue<>(ScheduledDatagram::compare);
    private final long maxBytes;
    private long bytes;
    private long nextSequence;

    DeliverySchedule(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Schedules {@code datagram} for {@code atNanos}, unless that would put more than the bound
     * in waiting.
     *
     * @return false when the copy was refused because of the bound
     */
    boolean add(long atNanos, ClientMapping mapping, boolean upstream, byte[] datagram) {
        if (bytes + datagram.length > maxBytes) {
            return false;
        }
        queue.add(new ScheduledDatagram(atNanos, nextSequence++, mapping, upstream, datagram));
        bytes += datagram.length;
        mapping.pending++;
        return true;
    }

    /** Removes and returns the earliest copy if it is due at {@code nowNanos}, else null. */
    ScheduledDatagram pollDue(long nowNanos) {
        ScheduledDatagram head = queue.peek();
        if (head == null || head.atNanos - nowNanos > 0) {
            return null;
        }
        queue.poll();
        bytes -= head.bytes.length;
        head.mapping.pending--;
        return head;
    }

    /** The earliest copy, or null when nothing waits. */
    ScheduledDatagram peek() {
        return queue.peek();
    }

    int size() {
        return queue.size();
    }

    long bytes() {
        return bytes;
    }
}
