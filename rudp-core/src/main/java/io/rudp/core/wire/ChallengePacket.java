package io.rudp.core.wire;

/**
 * CHALLENGE (type 0x02, server to client, PROTOCOL.md §1): the server's stateless cookie and
 * its transport parameters. Not padded.
 *
 * <p>The token is copied on construction; {@link #token()} returns the internal copy, which must
 * not be mutated. Equality and hash code are over the token's contents.
 *
 * @param destinationConnectionId the client's connection id
 *     (the INITIAL's source id), non-zero
 * @param sourceConnectionId the server's own connection id, non-zero
 * @param token the address-validation token, 0..255 bytes
 * @param params the server's transport parameters
 */
public record ChallengePacket(long destinationConnectionId, long sourceConnectionId, byte[] token,
                              TransportParameters params) implements Packet {

    /** The longest token allowed (PROTOCOL.md §1). */
    public static final int MAX_TOKEN_BYTES = HandshakeFields.MAX_TOKEN_BYTES;

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
    public ChallengePacket {
        token = HandshakeFields.checkedToken(destinationConnectionId, sourceConnectionId, token, params);
    }

    /** {@inheritDoc} */
    @Override
    public PacketType type() {
        return PacketType.CHALLENGE;
    }

    /** Compares the connection ids, the token's contents and the parameters. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ChallengePacket other
                && HandshakeFields.equal(destinationConnectionId, sourceConnectionId, token, params,
                        other.destinationConnectionId, other.sourceConnectionId, other.token, other.params);
    }

    /** Hashes the connection ids, the token's contents and the parameters. */
    @Override
    public int hashCode() {
        return HandshakeFields.hash(destinationConnectionId, sourceConnectionId, token, params);
    }

    /** Shows the ids, the token in hex and the parameters. */
    @Override
    public String toString() {
        return HandshakeFields.describe("ChallengePacket", destinationConnectionId, sourceConnectionId, token, params);
    }
}
