package io.rudp.core.wire;

/**
 * INITIAL (type 0x01, client to server, PROTOCOL.md §1): opens a handshake. Its datagram is padded
 * to at least 1,200 bytes so a server never answers more bytes than it received.
 *
 * @param destinationConnectionId always 0: the client does not know the server's id yet
 * @param sourceConnectionId the client's own connection id, non-zero
 */
public record InitialPacket(long destinationConnectionId, long sourceConnectionId)
        implements Packet {

    /**
     * Validates the connection ids.
     *
     * @param destinationConnectionId always 0: the client does not know the server's id yet
     * @param sourceConnectionId the client's own connection id, non-zero
     * @throws IllegalArgumentException if the DCID is not 0 or the SCID is 0
     */
    public InitialPacket {
        if (destinationConnectionId != 0) {
            throw new IllegalArgumentException("an INITIAL's destination connection id must be 0");
        }
        ConnectionIds.requireNonZero(sourceConnectionId, "sourceConnectionId");
    }

    /** {@inheritDoc} */
    @Override
    public PacketType type() {
        return PacketType.INITIAL;
    }
}
