package io.rudp.core.wire;

/**
 * The transport parameters exchanged in CHALLENGE and RESPONSE (PROTOCOL.md §1, "Transport
 * parameters"). Each value describes the sender of the parameters.
 *
 * @param maxDatagramBytes the largest UDP payload the sender accepts, 1,200..65,507
 * @param initialMaxData the flow-control credit the peer starts with, in stream bytes
 * @param maxAckDelayMicros the longest the sender delays an acknowledgement, in microseconds
 * @param idleTimeoutMillis the sender's idle timeout in milliseconds; 0 means none
 */
public record TransportParameters(int maxDatagramBytes, long initialMaxData,
                                  long maxAckDelayMicros, long idleTimeoutMillis) {

    /** The smallest allowed {@code maxDatagramBytes} (PROTOCOL.md §1: below is malformed). */
    public static final int MIN_DATAGRAM_BYTES = 1200;

    /** The largest allowed {@code maxDatagramBytes}: the largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM_BYTES = 65_507;

    /** The values a receiver assumes for absent parameters: 1200, 65536, 25000, 0. */
    public static final TransportParameters DEFAULTS =
            new TransportParameters(1200, 65_536, 25_000, 0);

    /**
     * Validates the ranges.
     *
     * @param maxDatagramBytes the largest UDP payload the sender accepts, 1,200..65,507
     * @param initialMaxData the flow-control credit the peer starts with, in stream bytes
     * @param maxAckDelayMicros the longest the sender delays an acknowledgement, in microseconds
     * @param idleTimeoutMillis the sender's idle timeout in milliseconds; 0 means none
     * @throws IllegalArgumentException if {@code maxDatagramBytes} is outside 1,200..65,507 or a
     *     long value is outside {@code 0..Varint.MAX_VALUE}
     */
    public TransportParameters {
        if (maxDatagramBytes < MIN_DATAGRAM_BYTES || maxDatagramBytes > MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException(
                    "maxDatagramBytes out of range: " + maxDatagramBytes);
        }
        requireVarint(initialMaxData, "initialMaxData");
        requireVarint(maxAckDelayMicros, "maxAckDelayMicros");
        requireVarint(idleTimeoutMillis, "idleTimeoutMillis");
    }

    private static void requireVarint(long value, String name) {
        if (value < 0 || value > Varint.MAX_VALUE) {
            throw new IllegalArgumentException(name + " out of range: " + value);
        }
    }
}
