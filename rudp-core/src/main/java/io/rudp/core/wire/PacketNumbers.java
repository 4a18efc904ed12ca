package io.rudp.core.wire;

/**
 * Packet number truncation and restoration (PROTOCOL.md §1 "Packet numbers"; RFC 9000 §17.1 and
 * Appendix A.3 with a fixed 32-bit truncated length).
 */
public final class PacketNumbers {

    private static final long WINDOW = 1L << 32;
    private static final long HALF_WINDOW = WINDOW / 2;
    private static final long MASK = WINDOW - 1;
    /** RFC 9000 §12.3: packet numbers are 0..2^62-1. */
    private static final long MAX_PACKET_NUMBER = Varint.MAX_VALUE;

    private PacketNumbers() {
    }

    /**
     * Returns the low 32 bits of a packet number, which is what a DATA packet carries. Read the
     * result as unsigned ({@code Integer.toUnsignedLong}); {@link #restore} accepts it either way.
     *
     * @param packetNumber the full packet number
     * @return the low 32 bits
     */
    public static int truncate(long packetNumber) {
        return (int) packetNumber;
    }

    /**
     * Restores a full packet number from its low 32 bits: the number closest to
     * {@code largestReceived + 1} with those bits (RFC 9000 Appendix A.3).
     *
     * @param largestReceived the largest packet number received so far in this direction, or -1
     *     if none
     * @param truncated the low 32 bits as received, either as an unsigned value {@code 0..2^32-1}
     *     or as the (possibly negative) int from {@link #truncate}; only the low 32 bits are used
     * @return the restored packet number
     * @throws IllegalArgumentException if {@code largestReceived} is outside {@code -1..2^62-1} or
     *     {@code truncated} is outside {@code -2^31..2^32-1}
     */
    public static long restore(long largestReceived, long truncated) {
        if (largestReceived < -1 || largestReceived > MAX_PACKET_NUMBER) {
            throw new IllegalArgumentException("largestReceived out of range: " + largestReceived);
        }
        if (truncated < Integer.MIN_VALUE || truncated > MASK) {
            throw new IllegalArgumentException("truncated is not a 32-bit value: " + truncated);
        }
        long low = truncated & MASK;
        // RFC 9000 Appendix A.3, with pn_nbits = 32.
        long expected = largestReceived + 1;
        long candidate = (expected & ~MASK) | low;
        if (candidate <= expected - HALF_WINDOW && candidate < (1L << 62) - WINDOW) {
            return candidate + WINDOW;
        }
        if (candidate > expected + HALF_WINDOW && candidate >= WINDOW) {
            return candidate - WINDOW;
        }
        return candidate;
    }
}
