package io.rudp.core;

import io.rudp.core.wire.CloseFrame;
import io.rudp.core.wire.ErrorCode;

/**
 * The control frames a connection owes its peer: what must go out next besides stream data, and
 * why. The packet assembler asks what is owed and reports what it wrote; the receive side, the
 * loss detector's listener and the timers say what became owed.
 *
 * <p>Invariants (kept by the methods, never by callers):
 * <ul>
 *   <li>HANDSHAKE_DONE is owed only by a server (RFC 9000 §4.1.2): on a client it is never owed.
 *       A lost or probe-carried one is owed again only until the client acknowledged one
 *       (handshake confirmed); a retransmitted RESPONSE makes it owed again in any case.</li>
 *   <li>MAX_DATA and DATA_BLOCKED are owed at most once each (a flag, not a count): the frame
 *       written carries the newest value (RFC 9000 §13.3: only the latest credit matters).
 *       DATA_BLOCKED stops being owed when the peer raises our credit.</li>
 *   <li>PING and the probes owed are settled by the next ack-eliciting packet: it clears PING and
 *       takes one probe (RFC 9002 §6.2.4); probes never go below zero.</li>
 *   <li>CLOSE carries the code and reason given once by {@link #closeWith}; it may be owed again
 *       (the echo while closing, RFC 9000 §10.2.1) only after that, and stops being owed for good
 *       when the connection drains or ends ({@link #stopClose}). The reason is kept after
 *       (an ended connection's retired id answers late packets with it).</li>
 * </ul>
 */
final class ControlFrames {

    private final boolean server;
    private boolean handshakeDone;
    /** Server: the client acknowledged HANDSHAKE_DONE (RFC 9000 §4.1.2 "handshake confirmed"). */
    private boolean handshakeConfirmed;
    private boolean maxData;
    private boolean dataBlocked;
    private boolean ping;
    private int probes;
    private boolean close;
    private ErrorCode closeCode;
    private String closeReason;

    ControlFrames(boolean server) {
        this.server = server;
    }

    // ---------------------------------------------------------------- HANDSHAKE_DONE

    /** The server accepted the handshake, or the client repeated its RESPONSE: confirm (again). */
    void requestHandshakeDone() {
        if (server) {
            handshakeDone = true;
        }
    }

    /**
     * A HANDSHAKE_DONE was lost, or a probe is due and should carry it: owed again unless the
     * client has acknowledged one already.
     */
    void resendHandshakeDoneIfUnconfirmed() {
        if (server && !handshakeConfirmed) {
            handshakeDone = true;
        }
    }

    /** The client acknowledged a packet that carried HANDSHAKE_DONE. */
    void onHandshakeDoneAcknowledged() {
        handshakeConfirmed = true;
    }

    /** Server: the client acknowledged HANDSHAKE_DONE (RFC 9000 §4.1.2 "handshake confirmed"). */
    boolean isHandshakeConfirmed() {
        return handshakeConfirmed;
    }

    boolean owesHandshakeDone() {
        return handshakeDone;
    }

    /** Returns whether HANDSHAKE_DONE was owed, and settles it (the caller writes it). */
    boolean takeHandshakeDone() {
        boolean owed = handshakeDone;
        handshakeDone = false;
        return owed;
    }

    // ---------------------------------------------------------------- MAX_DATA, DATA_BLOCKED

    /** The peer should hear of our credit: it grew enough, the peer is blocked, or the last one was lost. */
    void requestMaxData() {
        maxData = true;
    }

    boolean owesMaxData() {
        return maxData;
    }

    void onMaxDataWritten() {
        maxData = false;
    }

    /** The peer's credit blocks us (RFC 9000 §4.1), or the last DATA_BLOCKED was lost. */
    void requestDataBlocked() {
        dataBlocked = true;
    }

    /** The peer raised our credit: we are no longer blocked at the limit we would report. */
    void onCreditRaised() {
        dataBlocked = false;
    }

    boolean owesDataBlocked() {
        return dataBlocked;
    }

    void onDataBlockedWritten() {
        dataBlocked = false;
    }

    // ---------------------------------------------------------------- PING, probes

    /** A keep-alive is due: the next packet must be ack-eliciting. */
    void requestPing() {
        ping = true;
    }

    boolean owesPing() {
        return ping;
    }

    /** A probe timeout fired: the next {@code count} ack-eliciting packets are probes (RFC 9002 §6.2.4). */
    void requestProbes(int count) {
        probes = Math.max(0, count);
    }

    /** Ack-eliciting probes still owed; they may exceed the congestion window and are not paced. */
    boolean owesProbe() {
        return probes > 0;
    }

    /** An ack-eliciting packet was written: it carries the PING owed, and is one of the probes owed. */
    void onAckElicitingWritten() {
        ping = false;
        if (probes > 0) {
            probes--;
        }
    }

    // ---------------------------------------------------------------- CLOSE

    /** The connection closes with an error: CLOSE with this code and wire reason is owed. */
    void closeWith(ErrorCode code, String reason) {
        close = true;
        closeCode = code;
        closeReason = reason;
    }

    /**
     * Owe the CLOSE frame again (RFC 9000 §10.2.1, answering a packet received while closing).
     *
     * @throws IllegalStateException if no CLOSE was ever given ({@link #closeWith})
     */
    void repeatClose() {
        if (closeCode == null) {
            throw new IllegalStateException("no CLOSE to repeat: closeWith was never called");
        }
        close = true;
    }

    /** Draining or gone: no CLOSE goes out any more. */
    void stopClose() {
        close = false;
    }

    /** The CLOSE frame owed, settling it; {@code null} if none is owed. */
    CloseFrame takeClose() {
        if (!close) {
            return null;
        }
        close = false;
        return new CloseFrame(closeCode, closeReason);
    }

    /** The reason the last CLOSE frame carried, or {@code null} if none was ever given. */
    String closeReason() {
        return closeReason;
    }
}
