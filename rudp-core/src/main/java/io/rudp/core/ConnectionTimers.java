package io.rudp.core;

import static io.rudp.core.util.TimeMath.earliest;

import io.rudp.core.wire.ErrorCode;

/**
 * A connection's timers as named deadline slots (never a thread or a polling tick): handshake
 * retransmission, loss detection / probe timeout, peer timeout, acknowledgement delay, held
 * partial packet, pacing, idle timeout, keep-alive, and the end of the lingering, closing or
 * draining period. The earliest is what the endpoint files the connection under.
 */
final class ConnectionTimers {

    private final Connection c;

    ConnectionTimers(Connection connection) {
        this.c = connection;
    }

    long nextDeadlineNanos() {
        switch (c.state()) {
            case CONNECTING:
                return c.handshake.deadlineNanos();
            case ESTABLISHED:
                return establishedDeadlineNanos();
            case LINGERING:
                return earliest(c.closeDeadlineNanos, c.received.ackWanted() ? c.received.ackDeadlineNanos() : Connection.NO_DEADLINE);
            case CLOSING:
            case DRAINING:
                return c.closeDeadlineNanos;
            default:
                return Connection.NO_DEADLINE;
        }
    }

    private long establishedDeadlineNanos() {
        long d = c.loss.deadlineNanos();
        if (c.received.ackWanted()) {
            d = earliest(d, c.received.ackDeadlineNanos());
        }
        if (c.loss.hasAckElicitingInFlight()) {
            d = earliest(d, c.peerTimeoutDeadlineNanos());
        }
        if (c.idleTimeoutNanos > 0) {
            d = earliest(d, idleDeadlineNanos());
        }
        if (c.keepAliveIntervalNanos > 0 && !c.pingPending) {
            d = earliest(d, keepAliveDeadlineNanos());
        }
        if (c.pacingDeadlineNanos != Connection.NO_DEADLINE) {
            // RFC 9002 §7.7: data is ready and the window open, only the pacer holds it back. This
            // supersedes the held-packet deadline, which may have passed: nothing goes before it.
            d = earliest(d, c.pacingDeadlineNanos);
        } else if (holdingPartialPacket()) {
            d = earliest(d, c.assembler.heldDataDeadlineNanos());
        }
        if (c.pmtu != null) {
            d = earliest(d, c.pmtu.raiseDeadlineNanos()); // RFC 8899 §5.1.1 PMTU_RAISE_TIMER
        }
        return earliest(d, c.closeTimeoutDeadlineNanos);
    }

    void onTimeout(long nowNanos) {
        switch (c.state()) {
            case CONNECTING: {
                String failure = c.handshake.onTimeout(nowNanos);
                if (failure != null) {
                    c.terminate(nowNanos, CloseReason.of(CloseReason.Kind.HANDSHAKE_TIMEOUT, ErrorCode.TIMEOUT, failure), false);
                }
                return;
            }
            case ESTABLISHED:
                onEstablishedTimeout(nowNanos);
                return;
            case LINGERING:
            case CLOSING:
            case DRAINING:
                if (nowNanos - c.closeDeadlineNanos >= 0) {
                    c.terminate(nowNanos, c.closeReason(), true);
                }
                return;
            default:
        }
    }

    private void onEstablishedTimeout(long nowNanos) {
        if (c.pacingDeadlineNanos != Connection.NO_DEADLINE && nowNanos - c.pacingDeadlineNanos >= 0) {
            // The pacer has tokens again; the next poll sends and sets the next pacing deadline.
            c.pacingDeadlineNanos = Connection.NO_DEADLINE;
        }
        if (c.closeTimeoutDeadlineNanos != Connection.NO_DEADLINE && nowNanos - c.closeTimeoutDeadlineNanos >= 0) {
            c.closeWithError(nowNanos, CloseReason.Kind.LOCAL_ABORT, ErrorCode.APPLICATION_ABORT,
                    "close() gave up after " + c.config.closeTimeout().toMillis()
                            + " ms: the peer did not acknowledge everything and finish its side; the connection was aborted",
                    "close timed out");
            return;
        }
        if (c.loss.hasAckElicitingInFlight() && nowNanos - c.peerTimeoutDeadlineNanos() >= 0) {
            // Liveness by time (docs/PROTOCOL.md §5): an answer was awaited for the whole peer
            // timeout and nothing at all came from the peer. Checked before the idle timeout, so
            // when both are due the reason says what was awaited.
            long timeoutMillis = c.peerTimeoutNanos / 1_000_000;
            c.closeWithError(nowNanos, CloseReason.Kind.TIMED_OUT, ErrorCode.TIMEOUT,
                    "the peer stopped answering: nothing was heard from it for the peer timeout of " + timeoutMillis
                            + " ms while a packet sent to it awaited its acknowledgement; it may have crashed or the path is down",
                    "no answer for " + timeoutMillis + " ms");
            return;
        }
        if (c.idleTimeoutNanos > 0 && nowNanos - idleDeadlineNanos() >= 0) {
            // RFC 9000 §10.1: an idle connection is closed silently.
            c.terminate(nowNanos, CloseReason.of(CloseReason.Kind.IDLE_TIMEOUT, ErrorCode.TIMEOUT,
                    "nothing was heard from the peer for the idle timeout of " + c.idleTimeoutNanos / 1_000_000
                            + " ms; enable keep-alives or raise the idle timeout if the peer is just quiet"), false);
            return;
        }
        if (nowNanos - c.loss.deadlineNanos() >= 0 && c.incoming.onLossTimeout(nowNanos)) {
            c.counters.probeTimeouts++;
            // RFC 9002 §6.2.4: send one or two ack-eliciting probes, which may exceed the window
            // (one once the backoff has reached its ceiling: docs/PROTOCOL.md §5).
            c.probesPending = c.loss.probesDue();
            if (c.pmtu != null) {
                // RFC 8899 §4.3: repeated probe timeouts may mean the path stopped carrying our size.
                c.pmtu.onProbeTimeout(c.loss.ptoCount(), nowNanos);
                c.onPathMtuEvent();
            }
        }
        if (c.keepAliveIntervalNanos > 0 && nowNanos - keepAliveDeadlineNanos() >= 0) {
            c.pingPending = true;
            trimQuietStorage();
        }
    }

    /**
     * A packet of PINGs (and ACKs) arrived: the peer's keep-alive or a probe with nothing to carry.
     * It is acknowledged at once (nothing follows to share the ACK with, so a delay would only
     * cost this side a timer wake-up), and since the peer sends a keep-alive only after a quiet
     * interval both ways, this side's drained buffers give their storage back as at its own.
     */
    void onKeepAliveReceived(long nowNanos) {
        c.received.acknowledgeAtOnce(nowNanos);
        trimQuietStorage();
    }

    /** Quiet for a keep-alive interval: drained buffers and idle loss-recovery records give their storage back. */
    private void trimQuietStorage() {
        c.sendBuffer.trimStorage();
        c.receiveBuffer.trimStorage();
        if (c.loss != null) {
            c.loss.trimStorage();
        }
    }

    private long idleDeadlineNanos() {
        // RFC 9000 §10.1: at least three probe timeouts, so a slow path is not mistaken for a dead one.
        return c.lastReceivedNanos + Math.max(c.idleTimeoutNanos, c.closingPeriodNanos());
    }

    private long keepAliveDeadlineNanos() {
        if (!c.isClient()) {
            // The client keeps an idle connection alive and the server answers: one PING and one
            // ACK per interval, not two of each. The server pings only if the client fell silent
            // (it may have keep-alives off), late enough that the client's own PING comes first.
            // After its own PING, the next comes one interval later if the client stays silent.
            long afterClient = c.lastReceivedNanos + serverKeepAliveIntervalNanos();
            long afterOwn = c.lastAckElicitingSentNanos + keepAliveIntervalNanos();
            return afterClient - afterOwn >= 0 ? afterClient : afterOwn;
        }
        long lastActivity = c.lastAckElicitingSentNanos - c.lastReceivedNanos >= 0 ? c.lastAckElicitingSentNanos : c.lastReceivedNanos;
        return lastActivity + keepAliveIntervalNanos();
    }

    /**
     * How long the server waits, after the last packet from the client, before it pings itself:
     * twice the keep-alive interval, but leaving one interval before the idle timeout, and never
     * less than one interval.
     */
    private long serverKeepAliveIntervalNanos() {
        long interval = keepAliveIntervalNanos();
        long fallback = 2 * interval;
        if (c.idleTimeoutNanos > 0) {
            fallback = Math.min(fallback, c.idleTimeoutNanos - interval);
        }
        return Math.max(interval, fallback);
    }

    /**
     * The configured interval, but at most half the negotiated idle timeout: a peer that announced
     * a shorter idle timeout than ours must still hear from us in time (RFC 9000 §10.1.2).
     */
    private long keepAliveIntervalNanos() {
        long configured = c.keepAliveIntervalNanos;
        return c.idleTimeoutNanos > 0 ? Math.min(configured, c.idleTimeoutNanos / 2) : configured;
    }

    /** A partly filled packet of new bytes is waiting for more (and nothing else blocks it). */
    private boolean holdingPartialPacket() {
        return c.sendBuffer.unsentBytes() > 0 && !c.sendBuffer.isFinished()
                && c.sendBuffer.sendOffset() < c.sendCredit.limit()
                && c.loss.bytesInFlight() + c.maxPacketBytes() <= c.congestion.congestionWindowBytes();
    }
}
