package io.rudp.core;

import io.rudp.core.wire.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Why a connection ended.
 *
 * @param kind what happened, in the terms an application acts on
 * @param errorCode the protocol error code sent or received (NO_ERROR for a clean end)
 * @param message a sentence for humans: what happened and, where it helps, what to do
 */
public record CloseReason(Kind kind, ErrorCode errorCode, String message) {

    /**
     * The most bytes of UTF-8 an application's abort reason may take: the protocol's limit on
     * the reason a CLOSE frame carries (docs/PROTOCOL.md §2 and §7).
     */
    public static final int MAX_REASON_BYTES = 255;

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

    public CloseReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(message, "message");
    }

    /** True only for {@link Kind#NORMAL}. */
    public boolean isClean() {
        return kind == Kind.NORMAL;
    }

    /**
     * Checks an application's abort reason against the protocol's limit.
     *
     * @param reason the reason to send to the peer (may be empty)
     * @return {@code reason}
     * @throws NullPointerException if {@code reason} is null
     * @throws IllegalArgumentException if it takes more than {@link #MAX_REASON_BYTES} bytes of UTF-8
     */
    public static String checkReason(String reason) {
        Objects.requireNonNull(reason, "reason");
        // A UTF-8 encoding takes at least one byte per char: a longer string cannot fit.
        int bytes = reason.length() > MAX_REASON_BYTES ? Integer.MAX_VALUE
                : reason.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("reason must take at most " + MAX_REASON_BYTES
                    + " bytes of UTF-8 (the protocol's limit on a CLOSE frame's reason), got "
                    + (bytes == Integer.MAX_VALUE ? reason.length() + " chars" : bytes + " bytes"));
        }
        return reason;
    }

    static CloseReason of(Kind kind, ErrorCode code, String message) {
        return new CloseReason(kind, code, message);
    }
}
