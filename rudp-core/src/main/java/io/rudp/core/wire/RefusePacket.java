package io.rudp.core.wire;

import java.util.Objects;

/**
 * REFUSE (type 0x05, server to client, PROTOCOL.md §1): the server declines the connection.
 *
 * <p>As in {@link CloseFrame}, the reason is kept as given and cut on the wire to at most 255
 * bytes of UTF-8 on a code-point boundary.
 *
 * @param destinationConnectionId the client's connection id, non-zero
 * @param errorCode why the server refuses
 * @param reason a human-readable explanation, never {@code null} (may be empty)
 */
public record RefusePacket(long destinationConnectionId, ErrorCode errorCode, String reason)
        implements Packet {

    /**
     * Validates the components.
     *
     * @param destinationConnectionId the client's connection id, non-zero
     * @param errorCode why the server refuses
     * @param reason a human-readable explanation, never {@code null} (may be empty)
     * @throws IllegalArgumentException if the DCID is 0
     * @throws NullPointerException if {@code errorCode} or {@code reason} is {@code null}
     */
    public RefusePacket {
        ConnectionIds.requireNonZero(destinationConnectionId, "destinationConnectionId");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@inheritDoc} */
    @Override
    public PacketType type() {
        return PacketType.REFUSE;
    }
}
