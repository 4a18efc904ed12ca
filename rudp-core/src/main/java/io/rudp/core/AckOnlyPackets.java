package io.rudp.core;

/**
 * The last few ACK-only packets this side sent and the largest number each acknowledged. ACK-only
 * packets are not tracked by the loss detector (nobody acknowledges them reliably, so that log
 * would only grow); this small table still lets the receiver notice when the peer acknowledges one,
 * and stop repeating ranges the peer already has (RFC 9000 §13.2.4). Fixed size: old entries are
 * overwritten.
 */
final class AckOnlyPackets {

    private static final int SLOTS = 16;

    private final long[] packetNumbers = new long[SLOTS];
    private final long[] largestAcked = new long[SLOTS];
    private int next;

    AckOnlyPackets() {
        java.util.Arrays.fill(packetNumbers, -1);
    }

    void onSent(long packetNumber, long largestAckedInAck) {
        packetNumbers[next] = packetNumber;
        largestAcked[next] = largestAckedInAck;
        next = (next + 1) % SLOTS;
    }

    /**
     * The largest "largest acknowledged" among our ACK-only packets that the ranges cover, or -1.
     * Ranges: {@code [high0, low0, high1, low1, ...]}, highest first.
     */
    long acknowledgedBy(long[] ranges, int rangeCount) {
        long best = -1;
        for (int i = 0; i < SLOTS; i++) {
            long pn = packetNumbers[i];
            if (pn >= 0 && covers(ranges, rangeCount, pn)) {
                best = Math.max(best, largestAcked[i]);
                packetNumbers[i] = -1;
            }
        }
        return best;
    }

    private static boolean covers(long[] ranges, int rangeCount, long pn) {
        for (int r = 0; r < rangeCount; r++) {
            if (pn > ranges[2 * r]) {
                return false;
            }
            if (pn >= ranges[2 * r + 1]) {
                return true;
            }
        }
        return false;
    }
}
