package io.rudp.core.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

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
    public static final int MAX_TOKEN_BYTES = 255;

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
        ConnectionIds.requireNonZero(destinationConnectionId, "destinationConnectionId");
        ConnectionIds.requireNonZero(sourceConnectionId, "sourceConnectionId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(params, "params");
        if (token.length > MAX_TOKEN_BYTES) {
            throw new IllegalArgumentException("token longer than " + MAX_TOKEN_BYTES + " bytes: "
                    + token.length);
        }
        token = token.clone();
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
                && destinationConnectionId == other.destinationConnectionId
                && sourceConnectionId == other.sourceConnectionId
                && Arrays.equals(token, other.token) && params.equals(other.params);
    }

    /** Hashes the connection ids, the token's contents and the parameters. */
    @Override
    public int hashCode() {
        int h = Long.hashCode(destinationConnectionId);
        h = 31 * h + Long.hashCode(sourceConnectionId);
        h = 31 * h + Arrays.hashCode(token);
        return 31 * h + params.hashCode();
    }

    /** Shows the ids, the token in hex and the parameters. */
    @Override
    public String toString() {
        return "ChallengePacket[destinationConnectionId="
                + Long.toUnsignedString(destinationConnectionId, 16)
                + ", sourceConnectionId=" + Long.toUnsignedString(sourceConnectionId, 16)
                + ", token=" + HexFormat.of().formatHex(token) + ", params=" + params + "]";
    }
}
