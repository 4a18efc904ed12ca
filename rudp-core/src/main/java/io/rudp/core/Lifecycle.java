package io.rudp.core;

import io.rudp.core.stream.ReceiveBuffer;
import io.rudp.core.stream.SendBuffer;
import io.rudp.core.wire.ErrorCode;

/**
 * Where a connection is in its life (docs/PROTOCOL.md §6) and every move between states: the
 * state, why it ended, the end of the lingering, closing or draining period, the deadline of a
 * graceful close, and whether the application gave up on input. A move settles what goes with
 * it: the CLOSE frame owed, the in-flight records dropped, the trace told, the endpoint told.
 */
final class Lifecycle {

    private static final long NO_DEADLINE = DatagramEngine.NO_DEADLINE;

    private final ControlFrames frames;
    private final Path path;
    private final SendBuffer sendBuffer;
    private final ReceiveBuffer receiveBuffer;
    private final ConnectionActivity activity;
    /** The event trace, or {@code null} when tracing is off. */
    private final ConnectionTrace trace;

    private ConnectionState state;
    private CloseReason closeReason;
    /** The end of the lingering, closing or draining period; NO_DEADLINE in the other states. */
    private long closeDeadlineNanos = NO_DEADLINE;
    /** When a close() gives up waiting for the peer and aborts; NO_DEADLINE until close() is called. */
    private long closeTimeoutDeadlineNanos = NO_DEADLINE;
    private int packetsReceivedWhileClosing;
    private boolean inputDiscarded;

    Lifecycle(ConnectionState initial, ControlFrames frames, Path path, SendBuffer sendBuffer,
              ReceiveBuffer receiveBuffer, ConnectionActivity activity, ConnectionTrace trace) {
        this.state = initial;
        this.frames = frames;
        this.path = path;
        this.sendBuffer = sendBuffer;
        this.receiveBuffer = receiveBuffer;
        this.activity = activity;
        this.trace = trace;
    }

    ConnectionState state() { return state; }

    /** Why the connection ended or is ending; {@code null} while it is open. */
    CloseReason closeReason() { return closeReason; }

    long closeDeadlineNanos() { return closeDeadlineNanos; }

    long closeTimeoutDeadlineNanos() { return closeTimeoutDeadlineNanos; }

    /** True once a graceful close discarded the peer's further input. */
    boolean isInputDiscarded() { return inputDiscarded; }

    /** A graceful close began: it gives up after {@code timeoutNanos} (the first call counts). */
    void startCloseTimeout(long nowNanos, long timeoutNanos) {
        if (closeTimeoutDeadlineNanos == NO_DEADLINE && state == ConnectionState.ESTABLISHED) {
            closeTimeoutDeadlineNanos = nowNanos + timeoutNanos;
        }
    }

    /** The application will read no more: whatever the peer still sends is discarded. */
    void discardInput() {
        inputDiscarded = true;
        receiveBuffer.discardIncoming();
    }

    /** RFC 9000 §10.2.1: repeat CLOSE for packets received while closing, on the 1st, 2nd, 4th, 8th ... */
    void onPacketWhileClosing() {
        int n = ++packetsReceivedWhileClosing;
        if ((n & (n - 1)) == 0) {
            frames.repeatClose();
        }
    }

    /** The peer's whole stream arrived, or (after a close) its final size did and all of it was received. */
    boolean isPeerStreamDone() {
        return receiveBuffer.isComplete() || (inputDiscarded && receiveBuffer.isFinalSizeKnown()
                && receiveBuffer.contiguousEnd() >= receiveBuffer.finalSize());
    }

    /** Both directions done and acknowledged: start lingering (docs/PROTOCOL.md §6). */
    void checkGracefulCompletion(long nowNanos) {
        if (state == ConnectionState.ESTABLISHED && sendBuffer.isFinished() && sendBuffer.isAllAcknowledged()
                && isPeerStreamDone()) {
            startLingering(nowNanos);
        }
    }

    /** The handshake completed on the client: data may flow. */
    void establish(long nowNanos) {
        enter(nowNanos, ConnectionState.ESTABLISHED);
    }

    /** Both directions finished and were acknowledged: linger to re-acknowledge late packets. */
    private void startLingering(long nowNanos) {
        enter(nowNanos, ConnectionState.LINGERING);
        closeReason = CloseReason.of(CloseReason.Kind.NORMAL, ErrorCode.NO_ERROR,
                "both sides finished sending and everything was acknowledged");
        closeDeadlineNanos = nowNanos + path.closingPeriodNanos();
        path.discardInFlight();
    }

    /** Ends the connection with an error the peer is told about in a CLOSE frame (closing state). */
    void closeWithError(long nowNanos, CloseReason.Kind kind, ErrorCode code, String message, String wireReason) {
        if (state.isTerminating()) {
            return;
        }
        closeReason = CloseReason.of(kind, code, message);
        enter(nowNanos, ConnectionState.CLOSING);
        frames.closeWith(code, wireReason);
        closeDeadlineNanos = nowNanos + path.closingPeriodNanos();
        path.discardInFlight();
        activity.onActivity();
    }

    /** The peer sent CLOSE: stay silent for the draining period (RFC 9000 §10.2.2). */
    void startDraining(long nowNanos, CloseReason reason) {
        if (state == ConnectionState.CLOSED || state == ConnectionState.DRAINING) {
            return;
        }
        if (closeReason == null || state != ConnectionState.CLOSING) {
            closeReason = reason;
        }
        enter(nowNanos, ConnectionState.DRAINING);
        frames.stopClose();
        closeDeadlineNanos = nowNanos + path.closingPeriodNanos();
        path.discardInFlight();
    }

    /** Gone: the endpoint forgets the id. {@code keepReason} keeps an earlier reason (lingering). */
    void terminate(long nowNanos, CloseReason reason, boolean keepReason) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        if (!keepReason || closeReason == null) {
            closeReason = reason;
        }
        enter(nowNanos, ConnectionState.CLOSED);
        closeDeadlineNanos = NO_DEADLINE;
        frames.stopClose();
        path.discardInFlight();
        if (trace != null) {
            trace.onClosed(nowNanos, closeReason);
        }
        activity.onActivity();
    }

    private void enter(long nowNanos, ConnectionState next) {
        state = next;
        if (trace != null) {
            trace.onStateChanged(nowNanos, next);
        }
    }
}
