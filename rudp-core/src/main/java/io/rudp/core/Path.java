package io.rudp.core;

import io.rudp.core.congestion.BbrController;
import io.rudp.core.congestion.CongestionController;
import io.rudp.core.congestion.CubicController;
import io.rudp.core.congestion.NewRenoController;
import io.rudp.core.congestion.Pacer;
import io.rudp.core.loss.LossDetector;
import io.rudp.core.path.PathMtuDiscovery;
import io.rudp.core.path.RttEstimator;
import io.rudp.core.wire.TransportParameters;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What a connection knows of the path to its peer: the RTT estimate, the congestion controller,
 * the loss detector, the pacer and its deadline, path MTU discovery, and the datagram sizes both
 * sides allow. Until the peer's transport parameters arrive only the RTT estimate and a controller
 * for 1,200-byte datagrams exist; {@link #onPeerParameters} makes the controller again for the
 * negotiated size, with the loss detector and the pacer.
 */
final class Path {

    private static final long NO_DEADLINE = DatagramEngine.NO_DEADLINE;

    private final EngineConfig config;
    private final InetSocketAddress peerAddress;
    /** The random initial packet number: lets a controller that needs a random choice make one. */
    private final long seed;
    private final long minRtoNanos;
    private final long maxRtoNanos;
    private final RttEstimator rtt;
    /** The datagram ceiling this side announced: {@link EngineConfig#maxDatagramBytesFor} the peer. */
    private final int localMaxDatagramBytes;
    private TransportParameters peerParams;
    private CongestionController congestion;
    /**
     * Path MTU discovery (RFC 8899) towards a peer that is not a loopback address when both
     * sides allow more than 1,200 bytes; {@code null} otherwise (the size is fixed). Made with
     * {@link #loss}, together with a {@link ResizableController} as {@link #congestion}.
     */
    private PathMtuDiscovery pmtu;
    private LossDetector loss;
    /** Spreads ack-eliciting packets at the controller's rate (RFC 9002 §7.7); made with {@link #loss}. */
    private Pacer pacer;
    /** When the pacer lets the next packet go, while only the pacer holds data back; else NO_DEADLINE. */
    private long pacingDeadlineNanos = NO_DEADLINE;

    Path(EngineConfig config, InetSocketAddress peerAddress, long initialPacketNumber) {
        this.config = config;
        this.peerAddress = peerAddress;
        this.seed = initialPacketNumber;
        this.minRtoNanos = config.minRto().toNanos();
        this.maxRtoNanos = config.maxRto().toNanos();
        // Before any sample the PTO is the configured initial RTO (RFC 9002 §6.2.2 uses 3x kInitialRtt).
        this.rtt = new RttEstimator(Math.max(1, config.initialRto().toNanos() / 3));
        this.localMaxDatagramBytes = config.maxDatagramBytesFor(peerAddress);
        // Until the peer's parameters arrive only the minimum size is certain.
        this.congestion = newCongestionController(config, EngineConfig.MIN_DATAGRAM_BYTES, rtt, initialPacketNumber);
    }

    /**
     * The configured controller. {@code seed} (the random initial packet number) lets a controller
     * that needs a random choice make one without a random source of its own.
     */
    private static CongestionController newCongestionController(EngineConfig config, int datagramBytes,
                                                                RttEstimator rtt, long seed) {
        switch (config.congestionControl()) {
            case CUBIC:
                return new CubicController(datagramBytes, rtt);
            case BBR:
                return new BbrController(datagramBytes, rtt, seed);
            case NEW_RENO:
            default:
                return new NewRenoController(datagramBytes, rtt);
        }
    }

    /** The peer's transport parameters arrived (docs/PROTOCOL.md §1): size the path's machinery for them. */
    void onPeerParameters(TransportParameters params) {
        this.peerParams = params;
        // RFC 9002 §7.2: the window, its minimum and the pacing quanta count in datagrams of the
        // size this connection sends, known only now (the smaller of both sides' ceilings).
        int negotiatedBytes = maxPacketBytes();
        InetAddress peerIp = peerAddress.getAddress();
        if (negotiatedBytes > PathMtuDiscovery.BASE_PLPMTU_BYTES && (peerIp == null || !peerIp.isLoopbackAddress())) {
            // RFC 8899: a real path may carry less than both sides accept; start at the base, probe up.
            this.pmtu = new PathMtuDiscovery(negotiatedBytes);
            this.congestion = new ResizableController(size -> newCongestionController(config, size, rtt, seed),
                    pmtu.currentBytes());
        } else {
            this.congestion = newCongestionController(config, negotiatedBytes, rtt, seed);
        }
        long peerMaxAckDelayNanos = params.maxAckDelayMicros() * 1_000;
        this.loss = new LossDetector(rtt, congestion, peerMaxAckDelayNanos, minRtoNanos, maxRtoNanos);
        this.pacer = new Pacer(maxPacketBytes());
    }

    RttEstimator rtt() { return rtt; }

    CongestionController congestion() { return congestion; }

    /** {@code null} until the peer's parameters arrive. */
    LossDetector loss() { return loss; }

    /** {@code null} until the peer's parameters arrive. */
    Pacer pacer() { return pacer; }

    /** {@code null} when the datagram size is fixed (see {@link #onPeerParameters}). */
    PathMtuDiscovery pmtu() { return pmtu; }

    /** An RTT sample from the handshake (no acknowledgement delay to subtract). */
    void onHandshakeRttSample(long sampleNanos) {
        rtt.onSample(sampleNanos, 0, 0);
    }

    /**
     * The largest datagram this connection sends now: what path MTU discovery has proved, or
     * the smaller of both sides' ceilings; 1,200 bytes before the peer's parameters arrive.
     */
    int maxPacketBytes() {
        if (pmtu != null) {
            return pmtu.currentBytes();
        }
        int peerMax = peerParams == null ? EngineConfig.MIN_DATAGRAM_BYTES : peerParams.maxDatagramBytes();
        return Math.min(localMaxDatagramBytes, peerMax);
    }

    /**
     * Path MTU discovery may have changed the packet size: the controller and the pacer count in
     * datagrams of the new size (RFC 9002 §7.2).
     */
    void onPathMtuEvent() {
        if (pmtu != null && congestion instanceof ResizableController) {
            ResizableController resizable = (ResizableController) congestion;
            int size = pmtu.currentBytes();
            if (resizable.datagramBytes() != size) {
                resizable.resize(size);
                pacer = new Pacer(size);
            }
        }
    }

    /** Three probe timeouts without backoff: how long the closing states last (RFC 9000 §10.2). */
    long closingPeriodNanos() {
        long peerMaxAckDelayNanos = peerParams == null ? 0 : peerParams.maxAckDelayMicros() * 1_000;
        long pto = Math.max(rtt.probeTimeoutBaseNanos(peerMaxAckDelayNanos), minRtoNanos);
        return 3 * Math.min(pto, maxRtoNanos);
    }

    /** The connection is ending: nothing in flight is waited for any more. */
    void discardInFlight() {
        if (loss != null) {
            loss.discardAll();
        }
    }

    /** Quiet for a keep-alive interval: idle loss-recovery records give their storage back. */
    void trimStorage() {
        if (loss != null) {
            loss.trimStorage();
        }
    }

    /** When the pacer lets the next ack-eliciting packet go, if only the pacer holds it back; else NO_DEADLINE. */
    long pacingDeadlineNanos() { return pacingDeadlineNanos; }

    /** Only the pacer holds the next packet back, until {@code sendAtNanos}. */
    void holdForPacer(long sendAtNanos) {
        pacingDeadlineNanos = sendAtNanos;
    }

    /** Nothing waits for the pacer (a poll begins, or the pacing deadline passed). */
    void clearPacingDeadline() {
        pacingDeadlineNanos = NO_DEADLINE;
    }
}
