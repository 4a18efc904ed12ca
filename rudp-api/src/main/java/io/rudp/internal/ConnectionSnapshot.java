package io.rudp.internal;

import io.rudp.core.CloseReason;
import io.rudp.core.Connection;
import io.rudp.core.ConnectionState;
import io.rudp.core.ConnectionStats;

/**
 * What the driver last saw of one connection, for the application threads of its
 * {@link Session}, which never touch the engine: copied from the {@link Connection} by
 * {@link #refresh} (driver, engine lock held), read by waiting threads. Not thread-safe: the
 * session's lock guards it.
 *
 * <p>Every flag only ever turns true, and the state only moves forward (to {@code CLOSED} at the
 * latest, when the endpoint stops); the statistics are replaced by each answered request, which
 * bumps {@link #statsVersion}.
 */
final class ConnectionSnapshot {

    private ConnectionState state;
    private CloseReason closeReason;
    /** The peer's stream ended (or can no longer arrive): a reader that emptied the ring gets -1 or an error. */
    private boolean inputEnded;
    private boolean outputAcknowledged;
    /** Everything written was acknowledged and the peer finished its stream (our end may be unacknowledged). */
    private boolean delivered;
    /** The engine shut output down without this session asking (the server is shutting down). */
    private boolean outputClosedByEndpoint;
    private ConnectionStats stats;
    private long statsVersion;

    ConnectionSnapshot(ConnectionState initialState) {
        this.state = initialState;
    }

    /**
     * Copies what waiters wait for from {@code c}. Returns true if anything changed.
     *
     * @param outputShutdownBySession the session itself shut the output down (so the engine's
     *     shutdown is not the endpoint's)
     * @param statsWanted take fresh statistics
     */
    boolean refresh(Connection c, boolean outputShutdownBySession, boolean statsWanted) {
        boolean changed = false;
        if (state != c.state()) {
            state = c.state();
            closeReason = c.closeReason();
            changed = true;
        }
        if (c.isOutputShutdown() && !outputShutdownBySession && !outputClosedByEndpoint) {
            outputClosedByEndpoint = true; // writers blocked on a full ring must not wait forever
            changed = true;
        }
        if (!outputAcknowledged && c.isOutputAcknowledged()) {
            outputAcknowledged = true;
            changed = true;
        }
        if (!delivered && c.isDeliveredAndPeerFinished()) {
            delivered = true;
            changed = true;
        }
        if (statsWanted) {
            stats = c.stats();
            statsVersion++;
            changed = true;
        }
        return changed;
    }

    /** The connection's input ended (the inbound ring read its end). */
    void markInputEnded() {
        inputEnded = true;
    }

    /** The endpoint stopped: the connection is closed for {@code reason} unless it already was. */
    void endpointStopped(CloseReason reason) {
        if (state != ConnectionState.CLOSED) {
            state = ConnectionState.CLOSED;
            if (closeReason == null) {
                closeReason = reason;
            }
            inputEnded = true;
        }
    }

    ConnectionState state() {
        return state;
    }

    /** Why the connection ended, or null while open. */
    CloseReason closeReason() {
        return closeReason;
    }

    /** The connection ended for a reason other than a clean close. */
    boolean endedAbnormally() {
        return closeReason != null && !closeReason.isClean();
    }

    boolean isInputEnded() {
        return inputEnded;
    }

    boolean isOutputAcknowledged() {
        return outputAcknowledged;
    }

    boolean isDelivered() {
        return delivered;
    }

    boolean isOutputClosedByEndpoint() {
        return outputClosedByEndpoint;
    }

    /** The last statistics taken, or null if none was. */
    ConnectionStats stats() {
        return stats;
    }

    /** How many times statistics were taken. */
    long statsVersion() {
        return statsVersion;
    }
}
