package io.rudp.core.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * An ACK frame (type 0x02, PROTOCOL.md §2; RFC 9000 §19.3).
 *
 * <p>{@code ranges} lists the acknowledged ranges as {@code [high0, low0, high1, low1, ...]},
 * highest first: range {@code i} covers {@code low_i..high_i} inclusive, and at least one packet
 * number is missing between consecutive ranges ({@code low_i > high_(i+1) + 1}). There are 1 to
 * 64 ranges.
 *
 * <p>The array is <em>not copied</em>: the caller must not mutate it after construction, and
 * {@link #ranges()} returns the same array, which must not be mutated either. Equality, hash code
 * and string form are over the array's contents.
 *
 * @param ackDelayMicros how long the sender delayed this acknowledgement, in microseconds
 * @param ranges the acknowledged ranges, laid out as above
 */
public record AckFrame(long ackDelayMicros, long[] ranges) implements Frame {

    /** The most ranges one ACK frame may carry (PROTOCOL.md §2). */
    public static final int MAX_RANGES = 64;

    /**
     * Validates the layout.
     *
     * @param ackDelayMicros how long the sender delayed this acknowledgement, in microseconds
     * @param ranges the acknowledged ranges, laid out as above
     * @throws IllegalArgumentException if the delay is not a varint value, or {@code ranges} has
     *     an odd length, fewer than 1 or more than 64 ranges, a value outside 0..2^62-1, a range
     *     with {@code low > high}, or ranges that are not strictly descending with a gap
     * @throws NullPointerException if {@code ranges} is {@code null}
     */
    public AckFrame {
        Objects.requireNonNull(ranges, "ranges");
        Varint.encodedLength(ackDelayMicros);
        if (ranges.length % 2 != 0 || ranges.length < 2 || ranges.length > 2 * MAX_RANGES) {
            throw new IllegalArgumentException("need 1.." + MAX_RANGES + " [high, low] pairs, got "
                    + ranges.length + " values");
        }
        if (ranges[0] > Varint.MAX_VALUE) {
            throw new IllegalArgumentException("largest acknowledged out of range: " + ranges[0]);
        }
        for (int i = 0; i < ranges.length; i += 2) {
            long high = ranges[i];
            long low = ranges[i + 1];
            if (low < 0 || low > high) {
                throw new IllegalArgumentException("bad range " + low + ".." + high);
            }
            // RFC 9000 §19.3.1: Gap = previous smallest - this largest - 2 must be >= 0.
            if (i > 0 && high > ranges[i - 1] - 2) {
                throw new IllegalArgumentException("range " + low + ".." + high
                        + " is not below the previous one with a gap");
            }
        }
    }

    /**
     * Returns the number of ranges.
     *
     * @return 1..64
     */
    public int rangeCount() {
        return ranges.length / 2;
    }

    /**
     * Returns the largest acknowledged packet number (the high end of range 0).
     *
     * @return the Largest Acknowledged field
     */
    public long largestAcknowledged() {
        return ranges[0];
    }

    /**
     * Returns the highest packet number of range {@code i}.
     *
     * @param i the range index, 0 being the highest range
     * @return the inclusive upper end
     * @throws IndexOutOfBoundsException if {@code i} is not in {@code 0..rangeCount()-1}
     */
    public long rangeHigh(int i) {
        Objects.checkIndex(i, rangeCount());
        return ranges[2 * i];
    }

    /**
     * Returns the lowest packet number of range {@code i}.
     *
     * @param i the range index, 0 being the highest range
     * @return the inclusive lower end
     * @throws IndexOutOfBoundsException if {@code i} is not in {@code 0..rangeCount()-1}
     */
    public long rangeLow(int i) {
        Objects.checkIndex(i, rangeCount());
        return ranges[2 * i + 1];
    }

    /** {@inheritDoc} */
    @Override
    public int encodedLength() {
        // RFC 9000 §19.3: type, Largest, Delay, Range Count, First Range, then (Gap, Length)*.
        int length = 1 + Varint.encodedLength(ranges[0]) + Varint.encodedLength(ackDelayMicros)
                + Varint.encodedLength(rangeCount() - 1L)
                + Varint.encodedLength(ranges[0] - ranges[1]);
        for (int i = 2; i < ranges.length; i += 2) {
            length += Varint.encodedLength(ranges[i - 1] - ranges[i] - 2)
                    + Varint.encodedLength(ranges[i] - ranges[i + 1]);
        }
        return length;
    }

    /** {@inheritDoc} ACK is not ack-eliciting. */
    @Override
    public boolean ackEliciting() {
        return false;
    }

    /** Compares the delay and the contents of the ranges. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AckFrame other && ackDelayMicros == other.ackDelayMicros
                && Arrays.equals(ranges, other.ranges);
    }

    /** Hashes the delay and the contents of the ranges. */
    @Override
    public int hashCode() {
        return 31 * Long.hashCode(ackDelayMicros) + Arrays.hashCode(ranges);
    }

    /** Lists the ranges as {@code low..high}, highest first. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AckFrame[ackDelayMicros=").append(ackDelayMicros)
                .append(", ranges=[");
        for (int i = 0; i < ranges.length; i += 2) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(ranges[i + 1]).append("..").append(ranges[i]);
        }
        return sb.append("]]").toString();
    }
}
