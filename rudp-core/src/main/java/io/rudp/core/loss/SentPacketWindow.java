package io.rudp.core.loss;

import java.util.Arrays;
import java.util.List;

/**
 * The packets still awaiting acknowledgement, in sending order: a growable ring indexed by
 * position from the oldest slot still held.
 *
 * <p>Packet numbers strictly increase along the ring, so a number is found by binary search.
 * Removing a packet leaves an empty slot behind (remembering whether it was acknowledged, which
 * persistent congestion needs); {@link #trimHead} drops the empty slots at the front. Positions
 * are stable until {@link #trimHead} is called. A work counter counts slot reads and search
 * probes, so tests can check that an acknowledgement costs what it should.
 */
final class SentPacketWindow {

    private static final int INITIAL_CAPACITY = 16;

    private SentPacket[] packets = new SentPacket[INITIAL_CAPACITY];
    private long[] packetNumbers = new long[INITIAL_CAPACITY];
    private boolean[] acked = new boolean[INITIAL_CAPACITY];
    private int head;
    private int size;
    private int trackedCount;
    private long workUnits;

    /** Appends a packet; its number must exceed every number added before. */
    void add(SentPacket packet) {
        if (size == packets.length) {
            grow();
        }
        int index = index(size);
        packets[index] = packet;
        packetNumbers[index] = packet.packetNumber;
        acked[index] = false;
        size++;
        trackedCount++;
    }

    /** Slots from the oldest held to the newest, empty ones included. */
    int size() {
        return size;
    }

    /** Packets held (not removed). */
    int trackedCount() {
        return trackedCount;
    }

    /** The packet at {@code position}, or null if it was removed. */
    SentPacket packetAt(int position) {
        workUnits++;
        return packets[index(position)];
    }

    /** The packet number of the slot at {@code position}, removed or not. */
    long packetNumberAt(int position) {
        return packetNumbers[index(position)];
    }

    /** Whether the slot at {@code position} was emptied by an acknowledgement. */
    boolean wasAckedAt(int position) {
        return acked[index(position)];
    }

    /** Empties the slot at {@code position}, which must hold a packet, and returns the packet. */
    SentPacket removeAt(int position, boolean byAcknowledgement) {
        int index = index(position);
        SentPacket packet = packets[index];
        packets[index] = null;
        acked[index] = byAcknowledgement;
        trackedCount--;
        return packet;
    }

    /** Drops the empty slots at the front; positions shift down by the number dropped. */
    void trimHead() {
        while (size > 0 && packets[head] == null) {
            head = (head + 1) & (packets.length - 1);
            size--;
        }
    }

    /** The first position whose packet number is at least {@code packetNumber}, or {@link #size()}. */
    int firstPositionAtOrAbove(long packetNumber) {
        int low = 0;
        int high = size;
        while (low < high) {
            workUnits++;
            int mid = (low + high) >>> 1;
            if (packetNumberAt(mid) < packetNumber) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * While at least {@code thresholdSlots} slots are held, forgets the oldest packet if it is
     * neither ack-eliciting nor in flight (an ACK-only packet, which a peer is never obliged to
     * acknowledge). Stops at the first packet that does not qualify.
     */
    void evictOldestUnacknowledgeable(int thresholdSlots, SentPacketPool pool) {
        while (size >= thresholdSlots && size > 0) {
            SentPacket oldest = packets[head];
            if (oldest == null || oldest.ackEliciting || oldest.inFlight) {
                return;
            }
            removeAt(0, false);
            trimHead();
            pool.release(oldest);
        }
    }

    /**
     * The largest number the ranges name that is at most {@code ceiling} (the largest sent), or -1
     * if they name none. Ranges use the layout {@code [high0, low0, high1, low1, ...]}.
     */
    static long largestNamed(long[] ranges, int count, long ceiling) {
        long largest = -1;
        for (int i = 0; i < count; i++) {
            long high = Math.min(ranges[2 * i], ceiling);
            long low = Math.max(ranges[2 * i + 1], 0);
            if (low <= high) {
                largest = Math.max(largest, high);
            }
        }
        return largest;
    }

    /**
     * Removes the packets the ranges acknowledge (RFC 9002 A.7 DetectAndRemoveAckedPackets),
     * lowest range first, appending them to {@code into} in ascending order, then trims the head.
     * Numbers above {@code ceiling} are ignored. A range that does not lie wholly above the ones
     * before it (malformed: overlapping or unordered) is clipped, so no slot is visited twice.
     *
     * @return the largest packet removed, or null if none
     */
    SentPacket removeAcknowledged(long[] ranges, int count, long ceiling, List<SentPacket> into) {
        SentPacket largest = null;
        long nextAllowed = 0;
        for (int i = count - 1; i >= 0; i--) {
            long low = Math.max(ranges[2 * i + 1], nextAllowed);
            long high = Math.min(ranges[2 * i], ceiling);
            if (low > high) {
                continue;
            }
            nextAllowed = high == Long.MAX_VALUE ? high : high + 1;
            for (int position = firstPositionAtOrAbove(low);
                 position < size && packetNumberAt(position) <= high; position++) {
                SentPacket packet = packetAt(position);
                if (packet != null) {
                    removeAt(position, true);
                    into.add(packet);
                    largest = packet;
                }
            }
        }
        trimHead();
        return largest;
    }

    /** Forgets every packet, giving the records back to {@code pool}. */
    void clear(SentPacketPool pool) {
        for (int position = 0; position < size; position++) {
            SentPacket packet = packets[index(position)];
            if (packet != null) {
                pool.release(packet);
            }
        }
        Arrays.fill(packets, null);
        head = 0;
        size = 0;
        trackedCount = 0;
    }

    /** Slot reads and search probes so far. */
    long workUnits() {
        return workUnits;
    }

    private int index(int position) {
        return (head + position) & (packets.length - 1);
    }

    /**
     * Gives storage that grew past the initial capacity back when no packet is held (the
     * connection went quiet); a window still holding packets is left as it is.
     */
    void shrinkIfEmpty() {
        if (size == 0 && packets.length > INITIAL_CAPACITY) {
            packets = new SentPacket[INITIAL_CAPACITY];
            packetNumbers = new long[INITIAL_CAPACITY];
            acked = new boolean[INITIAL_CAPACITY];
            head = 0;
        }
    }

    /** Slots the window holds before it must grow. */
    int capacity() {
        return packets.length;
    }

    private void grow() {
        int capacity = packets.length * 2;
        if (capacity <= 0) {
            throw new IllegalStateException("too many packets awaiting acknowledgement");
        }
        SentPacket[] newPackets = new SentPacket[capacity];
        long[] newNumbers = new long[capacity];
        boolean[] newAcked = new boolean[capacity];
        for (int position = 0; position < size; position++) {
            int index = index(position);
            newPackets[position] = packets[index];
            newNumbers[position] = packetNumbers[index];
            newAcked[position] = acked[index];
        }
        packets = newPackets;
        packetNumbers = newNumbers;
        acked = newAcked;
        head = 0;
    }
}
