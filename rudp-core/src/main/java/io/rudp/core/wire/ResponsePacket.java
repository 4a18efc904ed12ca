package io.rudp.core.wire;

/**
 * RESPONSE (type 0x03, client to server, PROTOCOL.md §1): echoes the server's token with the
 * client's transport parameters. Its datagram is padded to at least 1,200 bytes. Its fields,
 * equality and token rules are those of every {@link HandshakePacket}.
 */
public final class ResponsePacket extends HandshakePacket {

    /**
     * Validates and copies the components.
     *
     * @param destinationConnectionId the server's connection id
     *     (the CHALLENGE's source id), non-zero
     * @param sourceConnectionId the client's own connection id, non-zero
     * @param token the address-validation token, 0..255 bytes
     * @param params the client's transport parameters
     * @throws IllegalArgumentException if a connection id is 0 or the token is over 255 bytes
     * @throws NullPointerException if {@code token} or {@code params} is {@code null}
     */
    public ResponsePacket(long destinationConnectionId, long sourceConnectionId, byte[] token,
                          TransportParameters params) {
        super(destinationConnectionId, sourceConnectionId, token, params);
    }

    /** {@inheritDoc} */
    @Override
    public PacketType type() {
        return PacketType.RESPONSE;
    }
}
