package io.rudp.core.wire;

/** The error codes of PROTOCOL.md §3, carried in CLOSE frames and REFUSE packets. */
public enum ErrorCode {
    /** Closed without an error. */
    NO_ERROR(0),
    /** The sender hit a bug or an unexpected state; also what unknown codes decode to. */
    INTERNAL_ERROR(1),
    /** The server is not accepting connections. */
    CONNECTION_REFUSED(2),
    /** The server is at its connection limit or its accept queue is full. */
    SERVER_BUSY(3),
    /** The peer sent beyond the credit it was given. */
    FLOW_CONTROL_ERROR(4),
    /** The peer changed the stream's final size or sent data past it. */
    FINAL_SIZE_ERROR(5),
    /** The peer broke a rule of PROTOCOL.md. */
    PROTOCOL_VIOLATION(6),
    /** The application aborted the connection. */
    APPLICATION_ABORT(7),
    /** The sender gave up on an unresponsive peer. */
    TIMEOUT(8);

    private static final ErrorCode[] BY_CODE = values();

    private final long code;

    ErrorCode(long code) {
        this.code = code;
    }

    /**
     * Returns the wire value of this code.
     *
     * @return the varint carried on the wire
     */
    public long code() {
        return code;
    }

    /**
     * Maps a wire value to an error code. PROTOCOL.md §3: receivers treat unknown codes as
     * {@link #INTERNAL_ERROR}.
     *
     * @param code any value
     * @return the matching code, or {@link #INTERNAL_ERROR} if unknown
     */
    public static ErrorCode fromCode(long code) {
        // The constants are declared in code order: ordinal == code.
        return code >= 0 && code < BY_CODE.length ? BY_CODE[(int) code] : INTERNAL_ERROR;
    }
}
