package io.rudp.core.wire;

/** The packet types of PROTOCOL.md §1, with their one-byte wire codes. */
public enum PacketType {
    /** Client to server: opens a handshake; padded to 1,200 bytes. */
    INITIAL(0x01),
    /** Server to client: a stateless cookie (token) and the server's transport parameters. */
    CHALLENGE(0x02),
    /** Client to server: echoes the token with the client's transport parameters; padded. */
    RESPONSE(0x03),
    /** Both directions: a numbered packet of frames. */
    DATA(0x04),
    /** Server to client: the server declines the connection. */
    REFUSE(0x05);

    private static final PacketType[] BY_CODE = new PacketType[6];

    static {
        for (PacketType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    /**
     * Returns the wire code of this type.
     *
     * @return the value of the Type byte
     */
    public int code() {
        return code;
    }

    /**
     * Looks a wire code up.
     *
     * @param code the value of a Type byte (any int)
     * @return the packet type, or {@code null} if the code is not in PROTOCOL.md §1
     */
    public static PacketType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
