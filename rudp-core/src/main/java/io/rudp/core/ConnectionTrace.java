package io.rudp.core;

import io.rudp.core.congestion.BbrController;
import io.rudp.core.congestion.CongestionController;
import io.rudp.core.loss.LossDetector;
import io.rudp.core.loss.SentPacket;
import io.rudp.core.path.RttEstimator;
import io.rudp.core.trace.ConnectionRole;
import io.rudp.core.trace.ConnectionTracer;
import io.rudp.core.trace.ConnectionTracerFactory;
import io.rudp.core.trace.LossTrigger;
import java.net.InetSocketAddress;

/**
 * A connection's link to its {@link ConnectionTracer}: forwards packet events and reports the RTT
 * estimate and the congestion metrics only when they changed since last reported. Exists only
 * while tracing is on; the connection holds {@code null} otherwise, so each event site costs one
 * null check.
 */
final class ConnectionTrace {

    private final Path path;
    private final ConnectionTracer tracer;

    private long latestRttNanos = -1;
    private long smoothedRttNanos = -1;
    private long minRttNanos = -1;
    private long rttVarNanos = -1;
    private long congestionWindowBytes = -1;
    private long bytesInFlight = -1;
    private long pacingRateBytesPerSecond = -1;
    private String controllerState;
    private boolean closed;

    private ConnectionTrace(Path path, ConnectionTracer tracer) {
        this.path = path;
        this.tracer = tracer;
    }

    /**
     * Asks the configured factory for a tracer; {@code null} when tracing is off, the factory
     * declines, or it throws (tracing must never stop a connection from opening).
     */
    static ConnectionTrace open(EngineConfig config, boolean client, long localConnectionId, InetSocketAddress peerAddress,
                                ConnectionState initialState, Path path, long nowNanos) {
        ConnectionTracerFactory factory = config.tracerFactory();
        if (factory == null) {
            return null;
        }
        ConnectionTracer tracer;
        try {
            tracer = factory.newTracer(nowNanos, client ? ConnectionRole.CLIENT : ConnectionRole.SERVER,
                    localConnectionId, String.valueOf(peerAddress));
        } catch (RuntimeException e) {
            return null;
        }
        if (tracer == null) {
            return null;
        }
        tracer.onStateChanged(nowNanos, initialState);
        return new ConnectionTrace(path, tracer);
    }

    void onPacketSent(long nowNanos, long packetNumber, int sizeBytes, boolean ackEliciting, boolean retransmittedData) {
        tracer.onPacketSent(nowNanos, packetNumber, sizeBytes, ackEliciting, retransmittedData);
        if (ackEliciting) {
            onRecoveryUpdated(nowNanos);
        }
    }

    void onPacketReceived(long nowNanos, long packetNumber, int sizeBytes) {
        tracer.onPacketReceived(nowNanos, packetNumber, sizeBytes);
    }

    /** Called from the loss detector's listener, after all its state was updated. */
    void onPacketLost(long nowNanos, SentPacket p, LossDetector loss) {
        // RFC 9002 §6.1.1: the packet threshold holds if the largest acknowledged is the threshold
        // in force (3, or none once reordering was seen) or more above; otherwise only the time
        // threshold (§6.1.2) can have declared it.
        LossTrigger trigger = loss.largestAckedPacketNumber() - p.packetNumber >= loss.packetThreshold()
                ? LossTrigger.PACKET_THRESHOLD : LossTrigger.TIME_THRESHOLD;
        tracer.onPacketLost(nowNanos, p.packetNumber, p.sizeBytes, trigger);
    }

    /** Called from the loss detector's listener, after all its state was updated. */
    void onSpuriousLosses(long nowNanos, int packets, LossDetector loss) {
        tracer.onSpuriousLosses(nowNanos, packets, loss.reorderingWindowNanos());
    }

    /** After an acknowledgement, a loss timeout or a send: report what changed. */
    void onRecoveryUpdated(long nowNanos) {
        RttEstimator rtt = path.rtt();
        if (rtt.hasSample() && (rtt.latestRttNanos() != latestRttNanos || rtt.smoothedRttNanos() != smoothedRttNanos
                || rtt.minRttNanos() != minRttNanos || rtt.rttVarNanos() != rttVarNanos)) {
            latestRttNanos = rtt.latestRttNanos();
            smoothedRttNanos = rtt.smoothedRttNanos();
            minRttNanos = rtt.minRttNanos();
            rttVarNanos = rtt.rttVarNanos();
            tracer.onRttUpdated(nowNanos, latestRttNanos, smoothedRttNanos, minRttNanos, rttVarNanos);
        }
        CongestionController cc = path.congestion();
        long cwnd = cc.congestionWindowBytes();
        LossDetector loss = path.loss();
        long inFlight = loss == null ? 0 : loss.bytesInFlight();
        long pacing = cc.pacingRateBytesPerSecond();
        if (pacing == CongestionController.UNPACED) {
            pacing = 0;
        }
        String state = cc instanceof BbrController ? ((BbrController) cc).mode().name() : null;
        if (cwnd != congestionWindowBytes || inFlight != bytesInFlight || pacing != pacingRateBytesPerSecond
                || state != controllerState) {
            congestionWindowBytes = cwnd;
            bytesInFlight = inFlight;
            pacingRateBytesPerSecond = pacing;
            controllerState = state;
            tracer.onCongestionMetrics(nowNanos, cwnd, inFlight, pacing, state);
        }
    }

    void onStateChanged(long nowNanos, ConnectionState state) {
        if (!closed) {
            tracer.onStateChanged(nowNanos, state);
        }
    }

    /** The last event: the tracer is told once and hears nothing more. */
    void onClosed(long nowNanos, CloseReason reason) {
        if (!closed) {
            closed = true;
            tracer.onConnectionClosed(nowNanos, reason);
        }
    }
}
