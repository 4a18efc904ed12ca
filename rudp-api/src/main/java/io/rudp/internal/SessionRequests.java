package io.rudp.internal;

import io.rudp.core.Connection;
import io.rudp.core.ConnectionState;

/**
 * What the application asked of its connection (shut its output down, close, abort, fresh
 * statistics) and how far the driver has applied it to the engine. Application threads record
 * requests; the driver applies them in one method, {@link #applyTo}. Not thread-safe: the owning
 * {@link Session}'s lock guards it (the driver holds the engine lock too when it applies).
 *
 * <p>Invariants:
 * <ul>
 * <li>Requests are latches: once made they stay made (a statistics request excepted: each is
 *     answered once, {@link #takeStatsRequest}). An abort's reason is the first one given.
 * <li>Applied implies requested, and each is applied at most once: the output is shut down only
 *     after a shutdown or a close was requested, the connection closed only after a close, aborted
 *     only after an abort.
 * <li>The output is shut down only once every byte the application queued has reached the
 *     connection (the outbound ring is empty) and the connection is established, so the end of
 *     the stream follows all of them; the connection is closed once that ring is empty, or at
 *     once while the handshake runs (nothing can have been sent).
 * <li>Once the abort is applied nothing else is: no byte, shutdown or close reaches the engine
 *     any more ({@link #isAbortApplied}). Nothing is applied to a connection that is already
 *     terminating either.
 * <li>{@link #closedByEndpoint} is set only together with the close request it explains.
 * </ul>
 */
final class SessionRequests {

    private boolean outputShutdownRequested;
    private boolean closeRequested;
    /** Why the endpoint closed the session for the application (its client endpoint closed), or null. */
    private String closedByEndpoint;
    private String abortReason;
    private boolean statsRequested;
    private boolean outputShutdownApplied;
    private boolean closeApplied;
    private boolean abortApplied;

    // ---------------------------------------------------------------- application threads

    /** Asks for the output to be shut down (after everything queued). */
    void requestOutputShutdown() {
        outputShutdownRequested = true;
    }

    /** Asks for a graceful close; false if the session was already closed or aborted. */
    boolean requestClose() {
        if (isClosed()) {
            return false;
        }
        closeRequested = true;
        return true;
    }

    /** As {@link #requestClose}, on behalf of the endpoint, which tells later callers {@code why}. */
    boolean requestCloseByEndpoint(String why) {
        if (!requestClose()) {
            return false;
        }
        closedByEndpoint = why;
        return true;
    }

    /** Asks for an abort with {@code reason}; false if one was asked for already. */
    boolean requestAbort(String reason) {
        if (abortReason != null) {
            return false;
        }
        abortReason = reason;
        return true;
    }

    /** Asks the driver for fresh statistics at its next pump. */
    void requestStats() {
        statsRequested = true;
    }

    /** The application closed or aborted the session: no further reads or writes. */
    boolean isClosed() {
        return closeRequested || abortReason != null;
    }

    boolean isCloseRequested() {
        return closeRequested;
    }

    boolean isOutputShutdownRequested() {
        return outputShutdownRequested;
    }

    /** Why the endpoint closed the session, or null if it did not. */
    String closedByEndpoint() {
        return closedByEndpoint;
    }

    // ---------------------------------------------------------------- the driver (engine lock held too)

    /**
     * Applies every request still to apply to {@code connection}, moving the bytes queued in
     * {@code outbound} to it first (so a shutdown or close follows them). Returns whether bytes
     * moved.
     */
    boolean applyTo(Connection connection, ByteRing outbound, long nowNanos) {
        if (abortReason != null && !abortApplied) {
            abortApplied = true;
            connection.abort(nowNanos, abortReason);
        }
        if (abortApplied || connection.state().isTerminating()) {
            return false;
        }
        boolean drained = false;
        if (!connection.isOutputShutdown() && !outbound.isEmpty()) {
            drained = outbound.drainTo(connection, nowNanos) > 0;
        }
        if (outbound.isEmpty() && (outputShutdownRequested || closeRequested) && !outputShutdownApplied
                && connection.state() == ConnectionState.ESTABLISHED) {
            outputShutdownApplied = true;
            connection.shutdownOutput(nowNanos);
        }
        if (closeRequested && !closeApplied
                && (outbound.isEmpty() || connection.state() == ConnectionState.CONNECTING)) {
            closeApplied = true;
            connection.close(nowNanos);
        }
        return drained;
    }

    /** The abort reached the engine: nothing more may be handed to the connection. */
    boolean isAbortApplied() {
        return abortApplied;
    }

    /** The close reached the engine: the application reads nothing more from the connection. */
    boolean isCloseApplied() {
        return closeApplied;
    }

    /** This session shut the connection's output down (as opposed to the endpoint doing so). */
    boolean isOutputShutdownApplied() {
        return outputShutdownApplied;
    }

    /** Whether fresh statistics were asked for; the request counts as answered. */
    boolean takeStatsRequest() {
        boolean requested = statsRequested;
        statsRequested = false;
        return requested;
    }
}
