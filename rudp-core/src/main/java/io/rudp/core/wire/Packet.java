package io.rudp.core.wire;

/**
 * One rudp packet, the content of one datagram (PROTOCOL.md §1). Packets are immutable values;
 * {@link PacketCodec} encodes and decodes them.
 */
public sealed interface Packet permits InitialPacket, HandshakePacket,
        DataPacket, RefusePacket {

    /**
     * Returns the connection id the receiver chose for itself (0 in an INITIAL).
     *
     * @return the Destination Connection ID field
     */
    long destinationConnectionId();

    /**
     * Returns the packet's type.
     *
     * @return the type, constant per record class
     */
    PacketType type();
}
