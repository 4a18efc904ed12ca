package io.rudp;

import java.util.Objects;

/**
 * Why a connection ended, as {@link ConnectionResetException#reason()} reports it.
 *
 * @param kind what happened, in the terms an application acts on
 * @param errorCode the name of the protocol error code sent or received (docs/PROTOCOL.md §3):
 *     {@code NO_ERROR} for a clean end, else one of {@code INTERNAL_ERROR},
 *     {@code CONNECTION_REFUSED}, {@code SERVER_BUSY}, {@code FLOW_CONTROL_ERROR},
 *     {@code FINAL_SIZE_ERROR}, {@code PROTOCOL_VIOLATION}, {@code APPLICATION_ABORT},
 *     {@code TIMEOUT}; for logs and for telling apart the causes one {@link Kind} covers
 * @param message a sentence for humans: what happened and, where it helps, what to do (with the
 *     peer's own words when it aborted with a reason)
 */
public record CloseReason(Kind kind, String errorCode, String message) {

    /**
     * The most bytes of UTF-8 an abort reason may take ({@link RudpConnection#abort(String)}):
     * the protocol's limit on the reason a CLOSE frame carries (docs/PROTOCOL.md §2 and §7).
     */
    public static final int MAX_REASON_BYTES = io.rudp.core.CloseReason.MAX_REASON_BYTES;

    /** What happened. */
    public enum Kind {
        /** Both sides finished sending and everything was acknowledged. */
        NORMAL,
        /** The server refused the connection (not listening, busy, or at its limit). */
        REFUSED,
        /** The server never completed the handshake within the configured attempts and time. */
        HANDSHAKE_TIMEOUT,
        /**
         * The peer stopped answering: nothing was heard from it for the peer timeout while an
         * answer was awaited (or the peer closed with TIMEOUT).
         */
        TIMED_OUT,
        /** Nothing was heard from the peer for the idle timeout. */
        IDLE_TIMEOUT,
        /** The peer aborted the connection or closed it with an error. */
        RESET_BY_PEER,
        /** This side aborted the connection. */
        LOCAL_ABORT,
        /** The peer broke the protocol (flow control, final size, or another rule). */
        PROTOCOL_ERROR,
        /** The endpoint was shut down. */
        ENDPOINT_CLOSED
    }

    /**
     * @throws NullPointerException if any component is null
     */
    public CloseReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(message, "message");
    }

    /** True only for {@link Kind#NORMAL}. */
    public boolean isClean() {
        return kind == Kind.NORMAL;
    }
}
