package io.rudp.core;

import static io.rudp.core.util.TimeMath.earliest;

import io.rudp.core.ack.ReceivedPacketTracker;
import io.rudp.core.stream.ReceiveBuffer;
import io.rudp.core.stream.SendBuffer;
import io.rudp.core.wire.ErrorCode;

/**
 * A connection's timers as named deadline slots (never a thread or a polling tick): handshake
 * retransmission, loss detection / probe timeout, peer timeout, acknowledgement delay, held
 * partial packet, pacing, idle timeout, keep-alive, and the end of the lingering, closing or
 * draining period. The earliest is what the endpoint files the connection under.
 */
final class ConnectionTimers {

    private static final long NO_DEADLINE = DatagramEngine.NO_DEADLINE;

    private final boolean client;
    /** The client's handshake; {@code null} on a server. */
    private final ClientHandshake handshake;
    private final Lifecycle lifecycle;
    private final Path path;
    private final Peer peer;
    private final Liveness liveness;
    private final ControlFrames frames;
    private final ReceivedPacketTracker received;
    private final SendBuffer sendBuffer;
    private final ReceiveBuffer receiveBuffer;
    private final ConnectionCounters counters;
    private final RecoveryListener recovery;
    private final PacketAssembler assembler;
    /** {@link EngineConfig#keepAliveInterval()} (0: none), converted once (it is read on every reschedule). */
    private final long keepAliveIntervalNanos;
    private final long closeTimeoutMillis;

    ConnectionTimers(boolean client, ClientHandshake handshake, Lifecycle lifecycle, Path path, Peer peer,
                     Liveness liveness, ControlFrames frames, ReceivedPacketTracker received, SendBuffer sendBuffer,
                     ReceiveBuffer receiveBuffer, ConnectionCounters counters, RecoveryListener recovery,
                     PacketAssembler assembler, EngineConfig config) {
        this.client = client;
        this.handshake = handshake;
        this.lifecycle = lifecycle;
        this.path = path;
        this.peer = peer;
        this.liveness = liveness;
        this.frames = frames;
        this.received = received;
        this.sendBuffer = sendBuffer;
        this.receiveBuffer = receiveBuffer;
        this.counters = counters;
        this.recovery = recovery;
        this.assembler = assembler;
        this.keepAliveIntervalNanos = config.keepAliveInterval().toNanos();
        this.closeTimeoutMillis = config.closeTimeout().toMillis();
    }

    long nextDeadlineNanos() {
        switch (lifecycle.state()) {
            case CONNECTING:
                return handshake.deadlineNanos();
            case ESTABLISHED:
                return establishedDeadlineNanos();
            case LINGERING:
                return earliest(lifecycle.closeDeadlineNanos(), received.ackWanted() ? received.ackDeadlineNanos() : NO_DEADLINE);
            case CLOSING:
            case DRAINING:
                return lifecycle.closeDeadlineNanos();
            default:
                return NO_DEADLINE;
        }
    }

    private long establishedDeadlineNanos() {
        long d = path.loss().deadlineNanos();
        if (received.ackWanted()) {
            d = earliest(d, received.ackDeadlineNanos());
        }
        if (path.loss().hasAckElicitingInFlight()) {
            d = earliest(d, liveness.peerTimeoutDeadlineNanos());
        }
        if (peer.idleTimeoutNanos() > 0) {
            d = earliest(d, idleDeadlineNanos());
        }
        if (keepAliveIntervalNanos > 0 && !frames.owesPing()) {
            d = earliest(d, keepAliveDeadlineNanos());
        }
        if (path.pacingDeadlineNanos() != NO_DEADLINE) {
            // RFC 9002 §7.7: data is ready and the window open, only the pacer holds it back. This
            // supersedes the held-packet deadline, which may have passed: nothing goes before it.
            d = earliest(d, path.pacingDeadlineNanos());
        } else if (holdingPartialPacket()) {
            d = earliest(d, assembler.heldDataDeadlineNanos());
        }
        if (path.pmtu() != null) {
            d = earliest(d, path.pmtu().raiseDeadlineNanos()); // RFC 8899 §5.1.1 PMTU_RAISE_TIMER
        }
        return earliest(d, lifecycle.closeTimeoutDeadlineNanos());
    }

    void onTimeout(long nowNanos) {
        switch (lifecycle.state()) {
            case CONNECTING: {
                String failure = handshake.onTimeout(nowNanos);
                if (failure != null) {
                    lifecycle.terminate(nowNanos, CloseReason.of(CloseReason.Kind.HANDSHAKE_TIMEOUT, ErrorCode.TIMEOUT, failure), false);
                }
                return;
            }
            case ESTABLISHED:
                onEstablishedTimeout(nowNanos);
                return;
            case LINGERING:
            case CLOSING:
            case DRAINING:
                if (nowNanos - lifecycle.closeDeadlineNanos() >= 0) {
                    lifecycle.terminate(nowNanos, lifecycle.closeReason(), true);
                }
                return;
            default:
        }
    }

    private void onEstablishedTimeout(long nowNanos) {
        long pacingDeadlineNanos = path.pacingDeadlineNanos();
        if (pacingDeadlineNanos != NO_DEADLINE && nowNanos - pacingDeadlineNanos >= 0) {
            // The pacer has tokens again; the next poll sends and sets the next pacing deadline.
            path.clearPacingDeadline();
        }
        long closeTimeoutDeadlineNanos = lifecycle.closeTimeoutDeadlineNanos();
        if (closeTimeoutDeadlineNanos != NO_DEADLINE && nowNanos - closeTimeoutDeadlineNanos >= 0) {
            lifecycle.closeWithError(nowNanos, CloseReason.Kind.LOCAL_ABORT, ErrorCode.APPLICATION_ABORT,
                    "close() gave up after " + closeTimeoutMillis
                            + " ms: the peer did not acknowledge everything and finish its side; the connection was aborted",
                    "close timed out");
            return;
        }
        if (path.loss().hasAckElicitingInFlight() && nowNanos - liveness.peerTimeoutDeadlineNanos() >= 0) {
            // Liveness by time (docs/PROTOCOL.md §5): an answer was awaited for the whole peer
            // timeout and nothing at all came from the peer. Checked before the idle timeout, so
            // when both are due the reason says what was awaited.
            long timeoutMillis = liveness.peerTimeoutNanos() / 1_000_000;
            lifecycle.closeWithError(nowNanos, CloseReason.Kind.TIMED_OUT, ErrorCode.TIMEOUT,
                    "the peer stopped answering: nothing was heard from it for the peer timeout of " + timeoutMillis
                            + " ms while a packet sent to it awaited its acknowledgement; it may have crashed or the path is down",
                    "no answer for " + timeoutMillis + " ms");
            return;
        }
        if (peer.idleTimeoutNanos() > 0 && nowNanos - idleDeadlineNanos() >= 0) {
            // RFC 9000 §10.1: an idle connection is closed silently.
            lifecycle.terminate(nowNanos, CloseReason.of(CloseReason.Kind.IDLE_TIMEOUT, ErrorCode.TIMEOUT,
                    "nothing was heard from the peer for the idle timeout of " + peer.idleTimeoutNanos() / 1_000_000
                            + " ms; enable keep-alives or raise the idle timeout if the peer is just quiet"), false);
            return;
        }
        if (nowNanos - path.loss().deadlineNanos() >= 0 && recovery.onLossTimeout(nowNanos)) {
            counters.onProbeTimeout();
            // RFC 9002 §6.2.4: send one or two ack-eliciting probes, which may exceed the window
            // (one once the backoff has reached its ceiling: docs/PROTOCOL.md §5).
            frames.requestProbes(path.loss().probesDue());
            if (path.pmtu() != null) {
                // RFC 8899 §4.3: repeated probe timeouts may mean the path stopped carrying our size.
                path.pmtu().onProbeTimeout(path.loss().ptoCount(), nowNanos);
                path.onPathMtuEvent();
            }
        }
        if (keepAliveIntervalNanos > 0 && nowNanos - keepAliveDeadlineNanos() >= 0) {
            frames.requestPing();
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
        received.acknowledgeAtOnce(nowNanos);
        trimQuietStorage();
    }

    /** Quiet for a keep-alive interval: drained buffers and idle loss-recovery records give their storage back. */
    private void trimQuietStorage() {
        sendBuffer.trimStorage();
        receiveBuffer.trimStorage();
        path.trimStorage();
    }

    private long idleDeadlineNanos() {
        // RFC 9000 §10.1: at least three probe timeouts, so a slow path is not mistaken for a dead one.
        return liveness.lastReceivedNanos() + Math.max(peer.idleTimeoutNanos(), path.closingPeriodNanos());
    }

    private long keepAliveDeadlineNanos() {
        if (!client) {
            // The client keeps an idle connection alive and the server answers: one PING and one
            // ACK per interval, not two of each. The server pings only if the client fell silent
            // (it may have keep-alives off), late enough that the client's own PING comes first.
            // After its own PING, the next comes one interval later if the client stays silent.
            long afterClient = liveness.lastReceivedNanos() + serverKeepAliveIntervalNanos();
            long afterOwn = liveness.lastAckElicitingSentNanos() + keepAliveIntervalNanos();
            return afterClient - afterOwn >= 0 ? afterClient : afterOwn;
        }
        long lastSentNanos = liveness.lastAckElicitingSentNanos();
        long lastReceivedNanos = liveness.lastReceivedNanos();
        long lastActivity = lastSentNanos - lastReceivedNanos >= 0 ? lastSentNanos : lastReceivedNanos;
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
        if (peer.idleTimeoutNanos() > 0) {
            fallback = Math.min(fallback, peer.idleTimeoutNanos() - interval);
        }
        return Math.max(interval, fallback);
    }

    /**
     * The configured interval, but at most half the negotiated idle timeout: a peer that announced
     * a shorter idle timeout than ours must still hear from us in time (RFC 9000 §10.1.2).
     */
    private long keepAliveIntervalNanos() {
        long idleTimeoutNanos = peer.idleTimeoutNanos();
        return idleTimeoutNanos > 0 ? Math.min(keepAliveIntervalNanos, idleTimeoutNanos / 2) : keepAliveIntervalNanos;
    }

    /** A partly filled packet of new bytes is waiting for more (and nothing else blocks it). */
    private boolean holdingPartialPacket() {
        return sendBuffer.unsentBytes() > 0 && !sendBuffer.isFinished()
                && sendBuffer.sendOffset() < peer.sendCredit().limit()
                && path.loss().bytesInFlight() + path.maxPacketBytes() <= path.congestion().congestionWindowBytes();
    }
}
