package io.rudp.core.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What CHALLENGE and RESPONSE share (PROTOCOL.md §1): two connection ids, a token and transport
 * parameters, with the same validation, content equality and text form.
 */
final class HandshakeFields {

    /** The longest token allowed (PROTOCOL.md §1). */
    static final int MAX_TOKEN_BYTES = 255;

    private HandshakeFields() {
    }

    /** Validates the fields and returns a private copy of the token. */
    static byte[] checkedToken(long destinationConnectionId, long sourceConnectionId, byte[] token,
                               TransportParameters params) {
        ConnectionIds.requireNonZero(destinationConnectionId, "destinationConnectionId");
        ConnectionIds.requireNonZero(sourceConnectionId, "sourceConnectionId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(params, "params");
        if (token.length > MAX_TOKEN_BYTES) {
            throw new IllegalArgumentException("token longer than " + MAX_TOKEN_BYTES + " bytes: " + token.length);
        }
        return token.clone();
    }

    static boolean equal(long dcidA, long scidA, byte[] tokenA, TransportParameters paramsA,
                         long dcidB, long scidB, byte[] tokenB, TransportParameters paramsB) {
        return dcidA == dcidB && scidA == scidB && Arrays.equals(tokenA, tokenB) && paramsA.equals(paramsB);
    }

    static int hash(long dcid, long scid, byte[] token, TransportParameters params) {
        int h = Long.hashCode(dcid);
        h = 31 * h + Long.hashCode(scid);
        h = 31 * h + Arrays.hashCode(token);
        return 31 * h + params.hashCode();
    }

    static String describe(String name, long dcid, long scid, byte[] token, TransportParameters params) {
        return name + "[destinationConnectionId=" + Long.toUnsignedString(dcid, 16)
                + ", sourceConnectionId=" + Long.toUnsignedString(scid, 16)
                + ", token=" + HexFormat.of().formatHex(token) + ", params=" + params + "]";
    }
}
