package io.rudp.internal;

import io.rudp.core.Connection;
import io.rudp.core.DatagramEngine;
import io.rudp.core.Endpoint;
import java.util.concurrent.TimeUnit;

/**
 * When an endpoint's driver stops, and what closing an endpoint waits for (the close and linger
 * rule).
 *
 * <ul>
 * <li>A driver stops when asked to ({@link HandOff#requestStop}; {@code shutdownNow} and
 *     {@code closeNow} queue {@link #abortAll} first), after one more turn so that the aborts
 *     leave.
 * <li>Otherwise it stops once it has been idle (no connection, no command queued) for
 *     {@link #IDLE_GRACE_NANOS}, if it is a {@code ReliableSocket}'s own driver that had its
 *     connection, or after {@link #beginClosingAll}: TCP's TIME_WAIT, answering late packets
 *     (a re-acknowledgement, or REFUSE(NO_ERROR) "finished") so a lost final ACK does not leave
 *     the peer retrying into a closed port. An endpoint closing that never had a connection has
 *     nothing to linger for.
 * <li>While closing, the application waits ({@code closeAll}, bounded) only for the connections
 *     that have not {@linkplain #isSettled settled}; those still unsettled when its bound ends
 *     are aborted ({@link #abortUnsettled}). The driver goes on in the background until idle.
 * </ul>
 */
final class DriverLifetime {

    /**
     * How long a driver that is to stop once idle stays open after its last connection ended,
     * kept short because it holds a thread. It runs in the background: no application call waits
     * for it unless it asks to ({@code awaitTermination}).
     */
    static final long IDLE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);

    /** A {@code ReliableSocket}'s own driver: stop once its connection has ended (and the grace passed). */
    private final boolean stopWhenIdle;
    /** The application closed the endpoint: stop once no connection is left (and the grace passed). */
    private volatile boolean closingAll;
    // Driver thread only:
    /** A connection existed, so "no connections" now means "all ended". */
    private boolean hadConnection;
    /** When the endpoint last became idle (valid while it stays idle). */
    private long idleSinceNanos;
    private boolean idle;

    DriverLifetime(boolean stopWhenIdle) {
        this.stopWhenIdle = stopWhenIdle;
    }

    /** The application closes the endpoint (idempotent). */
    void beginClosingAll() {
        closingAll = true;
    }

    /**
     * Nothing the application wrote or waits for is outstanding: the connection ended or is
     * ending, or the peer acknowledged everything including the end of our stream, or the peer
     * finished its stream and acknowledged every byte we wrote (a peer that closed and went away
     * never acknowledges the end of our stream; waiting for it would stall a close for the close
     * timeout).
     */
    static boolean isSettled(Connection c) {
        return c.state().isTerminating() || c.isOutputAcknowledged() || c.isDeliveredAndPeerFinished();
    }

    // ---------------------------------------------------------------- driver thread, engine lock held

    /** How many connections a closing application waits for: those not settled (all while not closing). */
    int connectionsToWaitFor(Endpoint endpoint) {
        if (!closingAll) {
            return endpoint.connectionCount();
        }
        int unsettled = 0;
        for (Connection c : endpoint.connectionsSnapshot()) {
            if (!isSettled(c)) {
                unsettled++;
            }
        }
        return unsettled;
    }

    /** Aborts the connections that have not settled (a closing application waited long enough). */
    static void abortUnsettled(Endpoint endpoint, long nowNanos, String reason) {
        for (Connection c : endpoint.connectionsSnapshot()) {
            if (!isSettled(c)) {
                c.abort(nowNanos, reason);
            }
        }
    }

    /** Aborts every connection (the peers are told), before the driver stops at once. */
    static void abortAll(Endpoint endpoint, long nowNanos, String reason) {
        for (Connection c : endpoint.connectionsSnapshot()) {
            c.abort(nowNanos, reason);
        }
    }

    /**
     * At the end of each turn: records whether the endpoint is idle and returns whether the
     * driver stops now (its idle grace is over).
     */
    boolean stopsAfterTurn(long nowNanos, boolean idleNow) {
        hadConnection |= !idleNow;
        if (idleNow && !idle) {
            idleSinceNanos = nowNanos;
        }
        idle = idleNow;
        boolean graceOver = idleNow && (nowNanos - idleSinceNanos >= IDLE_GRACE_NANOS || !hadConnection);
        return stopsOnceIdle() && graceOver;
    }

    /** The time the driver must wake at by itself to stop (its grace ends), or {@code NO_DEADLINE}. */
    long ownDeadlineNanos() {
        return stopsOnceIdle() && idle ? idleSinceNanos + IDLE_GRACE_NANOS : DatagramEngine.NO_DEADLINE;
    }

    private boolean stopsOnceIdle() {
        return (stopWhenIdle && hadConnection) || closingAll;
    }
}
