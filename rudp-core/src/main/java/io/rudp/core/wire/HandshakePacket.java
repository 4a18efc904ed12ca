package io.rudp.core.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the two token-carrying handshake packets hold (PROTOCOL.md §1): CHALLENGE (server to
 * client) and RESPONSE (client to server) both carry a destination and a source connection id,
 * the address-validation token and the sender's transport parameters.
 *
 * <p>The token is copied on construction; {@link #token()} returns the internal copy, which must
 * not be mutated. Two packets are equal when they are of the same type and their connection ids,
 * token contents and parameters are equal. Immutable.
 */
public abstract sealed class HandshakePacket implements Packet permits ChallengePacket, ResponsePacket {

    /** The longest token allowed (PROTOCOL.md §1). */
    public static final int MAX_TOKEN_BYTES = 255;

    private final long destinationConnectionId;
    private final long sourceConnectionId;
    private final byte[] token;
    private final TransportParameters params;

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if a connection id is 0 or the token is over 255 bytes
     * @throws NullPointerException if {@code token} or {@code params} is {@code null}
     */
    HandshakePacket(long destinationConnectionId, long sourceConnectionId, byte[] token, TransportParameters params) {
        ConnectionIds.requireNonZero(destinationConnectionId, "destinationConnectionId");
        ConnectionIds.requireNonZero(sourceConnectionId, "sourceConnectionId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(params, "params");
        if (token.length > MAX_TOKEN_BYTES) {
            throw new IllegalArgumentException("token longer than " + MAX_TOKEN_BYTES + " bytes: " + token.length);
        }
        this.destinationConnectionId = destinationConnectionId;
        this.sourceConnectionId = sourceConnectionId;
        this.token = token.clone();
        this.params = params;
    }

    /** The receiver's connection id, non-zero. */
    @Override
    public final long destinationConnectionId() {
        return destinationConnectionId;
    }

    /** The sender's own connection id, non-zero. */
    public final long sourceConnectionId() {
        return sourceConnectionId;
    }

    /** The address-validation token, 0..255 bytes; the internal copy, not to be mutated. */
    public final byte[] token() {
        return token;
    }

    /** The sender's transport parameters. */
    public final TransportParameters params() {
        return params;
    }

    /** Compares the type, the connection ids, the token's contents and the parameters. */
    @Override
    public final boolean equals(Object o) {
        return o instanceof HandshakePacket other && other.getClass() == getClass()
                && destinationConnectionId == other.destinationConnectionId
                && sourceConnectionId == other.sourceConnectionId
                && Arrays.equals(token, other.token) && params.equals(other.params);
    }

    /** Hashes the connection ids, the token's contents and the parameters. */
    @Override
    public final int hashCode() {
        int h = Long.hashCode(destinationConnectionId);
        h = 31 * h + Long.hashCode(sourceConnectionId);
        h = 31 * h + Arrays.hashCode(token);
        return 31 * h + params.hashCode();
    }

    /** Shows the type, the ids, the token in hex and the parameters. */
    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[destinationConnectionId=" + Long.toUnsignedString(destinationConnectionId, 16)
                + ", sourceConnectionId=" + Long.toUnsignedString(sourceConnectionId, 16)
                + ", token=" + HexFormat.of().formatHex(token) + ", params=" + params + "]";
    }
}
