package io.rudp.core.wire;

/**
 * CHALLENGE (type 0x02, server to client, PROTOCOL.md §1): the server's stateless cookie and
 * its transport parameters. Not padded. Its fields, equality and token rules are those of every
 * {@link HandshakePacket}.
 */
public final class ChallengePacket extends HandshakePacket {

    /**
     * Validates and copies the components.
     *
     * @param destinationConnectionId the client's connection id
     *     (the INITIAL's source id), non-zero
     * @param sourceConnectionId the server's own connection id, non-zero
     * @param token the address-validation token, 0..255 bytes
     * @param params the server's transport parameters
     * @throws IllegalArgumentException if a connection id is 0 or the token is over 255 bytes
     * @throws NullPointerException if {@code token} or {@code params} is {@code null}
     */
    public ChallengePacket(long destinationConnectionId, long sourceConnectionId, byte[] token,
                           TransportParameters params) {
        super(destinationConnectionId, sourceConnectionId, token, params);
    }

    /** {@inheritDoc} */
    @Override
    public PacketType type() {
        return PacketType.CHALLENGE;
    }
}
