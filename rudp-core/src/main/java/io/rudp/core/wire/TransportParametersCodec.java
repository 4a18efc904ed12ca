package io.rudp.core.wire;

import io.rudp.core.wire.MalformedPacketException.Reason;

/**
 * Encodes and decodes the transport parameter block of CHALLENGE and RESPONSE (PROTOCOL.md §1,
 * "Transport parameters"): a varint count, then (id, value) varint pairs.
 *
 * <p>The encoder always writes all four known parameters, in id order, so a peer never has to
 * rely on its own defaults matching ours.
 */
final class TransportParametersCodec {

    static final long ID_MAX_DATAGRAM_BYTES = 0x01;
    static final long ID_INITIAL_MAX_DATA = 0x02;
    static final long ID_MAX_ACK_DELAY_MICROS = 0x03;
    static final long ID_IDLE_TIMEOUT_MILLIS = 0x04;

    /** PROTOCOL.md §1: at most 32 parameters. */
    static final int MAX_PARAMETERS = 32;

    private static final int KNOWN_PARAMETERS = 4;

    private TransportParametersCodec() {
    }

    /** Exact encoded size of {@code params}. */
    static int encodedLength(TransportParameters params) {
        // Each id is 1..4, one byte each; the count (4) is one byte.
        return 1 + KNOWN_PARAMETERS
                + Varint.encodedLength(params.maxDatagramBytes())
                + Varint.encodedLength(params.initialMaxData())
                + Varint.encodedLength(params.maxAckDelayMicros())
                + Varint.encodedLength(params.idleTimeoutMillis());
    }

    static void write(WireWriter w, TransportParameters params) {
        w.writeVarint(KNOWN_PARAMETERS);
        w.writeVarint(ID_MAX_DATAGRAM_BYTES);
        w.writeVarint(params.maxDatagramBytes());
        w.writeVarint(ID_INITIAL_MAX_DATA);
        w.writeVarint(params.initialMaxData());
        w.writeVarint(ID_MAX_ACK_DELAY_MICROS);
        w.writeVarint(params.maxAckDelayMicros());
        w.writeVarint(ID_IDLE_TIMEOUT_MILLIS);
        w.writeVarint(params.idleTimeoutMillis());
    }

    /**
     * Reads a parameter block. Unknown ids are skipped; absent ones take
     * {@link TransportParameters#DEFAULTS}.
     *
     * @throws MalformedPacketException {@code INVALID_FIELD} for more than 32 parameters, any
     *     duplicated id (known or not), or a max_datagram_bytes outside 1,200..65,507;
     *     {@code TRUNCATED} if the block runs past the end
     */
    static TransportParameters read(WireReader r) throws MalformedPacketException {
        long count = r.readVarint("transport parameter count");
        if (count > MAX_PARAMETERS) {
            throw new MalformedPacketException(Reason.INVALID_FIELD,
                    count + " transport parameters, at most " + MAX_PARAMETERS);
        }
        TransportParameters defaults = TransportParameters.DEFAULTS;
        long maxDatagramBytes = defaults.maxDatagramBytes();
        long initialMaxData = defaults.initialMaxData();
        long maxAckDelayMicros = defaults.maxAckDelayMicros();
        long idleTimeoutMillis = defaults.idleTimeoutMillis();
        long[] seenIds = new long[(int) count];
        for (int i = 0; i < count; i++) {
            long id = r.readVarint("transport parameter id");
            long value = r.readVarint("transport parameter value");
            for (int j = 0; j < i; j++) {
                if (seenIds[j] == id) {
                    throw new MalformedPacketException(Reason.INVALID_FIELD,
                            "duplicated transport parameter id " + id);
                }
            }
            seenIds[i] = id;
            if (id == ID_MAX_DATAGRAM_BYTES) {
                maxDatagramBytes = value;
            } else if (id == ID_INITIAL_MAX_DATA) {
                initialMaxData = value;
            } else if (id == ID_MAX_ACK_DELAY_MICROS) {
                maxAckDelayMicros = value;
            } else if (id == ID_IDLE_TIMEOUT_MILLIS) {
                idleTimeoutMillis = value;
            }
            // Any other id: ignored (PROTOCOL.md §1, the extension mechanism).
        }
        if (maxDatagramBytes < TransportParameters.MIN_DATAGRAM_BYTES
                || maxDatagramBytes > TransportParameters.MAX_DATAGRAM_BYTES) {
            throw new MalformedPacketException(Reason.INVALID_FIELD,
                    "max_datagram_bytes out of range: " + maxDatagramBytes);
        }
        return new TransportParameters((int) maxDatagramBytes, initialMaxData, maxAckDelayMicros,
                idleTimeoutMillis);
    }
}
