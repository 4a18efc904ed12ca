package io.rudp.core.wire;

/**
 * A datagram that is not a well-formed rudp packet (docs/PROTOCOL.md §1-§2).
 *
 * <p>The exception carries no stack trace and no cause: a peer (or an attacker) can make the
 * decoder throw once per datagram, so throwing must be cheap.
 */
public final class MalformedPacketException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a datagram was rejected; engines count drops per reason. */
    public enum Reason {
        /** The datagram ends before a field, or a length field runs past the end. */
        TRUNCATED,
        /** The CRC32C trailer does not match the bytes before it (PROTOCOL.md §1). */
        BAD_CHECKSUM,
        /** The version byte is not {@link PacketCodec#VERSION}. */
        UNKNOWN_VERSION,
        /** The type byte is not one of the packet types of PROTOCOL.md §1. */
        UNKNOWN_PACKET_TYPE,
        /** A frame type inside a DATA packet is not in the table of PROTOCOL.md §2. */
        UNKNOWN_FRAME_TYPE,
        /** A field holds a value the protocol forbids (range, duplicate, trailing bytes, ...). */
        INVALID_FIELD,
        /** An INITIAL or RESPONSE datagram is shorter than 1,200 bytes. */
        HANDSHAKE_TOO_SMALL
    }

    /** The category of the defect. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason the category of the defect, never {@code null}
     * @param detail a short human-readable description for logs
     */
    public MalformedPacketException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = java.util.Objects.requireNonNull(reason, "reason");
    }

    /**
     * Returns the category of the defect.
     *
     * @return the reason, never {@code null}
     */
    public Reason reason() {
        return reason;
    }
}
