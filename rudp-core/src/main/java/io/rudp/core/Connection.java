package io.rudp.core;

import io.rudp.core.ack.ReceivedPacketTracker;
import io.rudp.core.congestion.BbrController;
import io.rudp.core.congestion.CongestionController;
import io.rudp.core.congestion.CubicController;
import io.rudp.core.congestion.NewRenoController;
import io.rudp.core.congestion.Pacer;
import io.rudp.core.loss.LossDetector;
import io.rudp.core.path.PathMtuDiscovery;
import io.rudp.core.path.RttEstimator;
import io.rudp.core.stream.ReceiveBuffer;
import io.rudp.core.stream.ReceiveCredit;
import io.rudp.core.stream.SendBuffer;
import io.rudp.core.stream.SendCredit;
import io.rudp.core.wire.ErrorCode;
import io.rudp.core.wire.TransportParameters;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One connection: a reliable, ordered byte stream each way with one peer. Application calls
 * ({@link #write}, {@link #read}, {@link #shutdownOutput}, {@link #close}, {@link #abort}) and
 * the endpoint's calls all happen on the thread that drives the {@link Endpoint}; a connection is
 * not thread-safe.
 *
 * <p>The state machine is in docs/PROTOCOL.md §6. Incoming packets are handled by
 * {@link IncomingPackets}, outgoing ones built by {@link PacketAssembler}, timers fired by
 * {@link ConnectionTimers}; this class holds the state they share and the public API.
 */
public final class Connection {

    static final long NO_DEADLINE = DatagramEngine.NO_DEADLINE;
    /** Ack-eliciting packets received before ACK decimation starts (see ReceivedPacketTracker). */
    static final long ACK_DECIMATION_AFTER_PACKETS = 100;
    /** In-order ack-eliciting packets per ACK once decimating. */
    static final int ACK_DECIMATION_EVERY_PACKETS = 10;

    final Endpoint endpoint;
    final EngineConfig config;
    /** Configured durations read on every reschedule, converted once (Duration.toNanos is not free). */
    final long keepAliveIntervalNanos;
    final long flushDelayNanos;
    /** {@link EngineConfig#peerTimeout()}: how long an unanswered wait may last. */
    final long peerTimeoutNanos;
    private final long minRtoNanos;
    private final long maxRtoNanos;
    private final boolean client;
    private final long localConnectionId;
    private final InetSocketAddress peerAddress;
    long peerConnectionId;
    private ConnectionState state;
    private CloseReason closeReason;
    final ClientHandshake handshake;

    final SendBuffer sendBuffer;
    final ReceiveBuffer receiveBuffer;
    final ReceiveCredit receiveCredit;
    final RttEstimator rtt;
    /** Made again, for the negotiated datagram size, when the peer's parameters arrive. */
    CongestionController congestion;
    /** The datagram ceiling this side announced: {@link EngineConfig#maxDatagramBytesFor} the peer. */
    final int localMaxDatagramBytes;
    /**
     * Path MTU discovery (RFC 8899) towards a peer that is not a loopback address when both
     * sides allow more than 1,200 bytes; {@code null} otherwise (the size is fixed). Made with
     * {@link #loss}, together with a {@link ResizableController} as {@link #congestion}.
     */
    PathMtuDiscovery pmtu;
    final ReceivedPacketTracker received;
    SendCredit sendCredit;
    LossDetector loss;
    /** Spreads ack-eliciting packets at the controller's rate (RFC 9002 §7.7); made with {@link #loss}. */
    Pacer pacer;
    /** When the pacer lets the next packet go, while only the pacer holds data back; else NO_DEADLINE. */
    long pacingDeadlineNanos = NO_DEADLINE;
    TransportParameters peerParams;
    long idleTimeoutNanos;
    final ConnectionCounters counters = new ConnectionCounters();
    final PacketAssembler assembler;
    final IncomingPackets incoming;
    final ConnectionTimers timers;
    /** The event trace, or {@code null} when tracing is off (the usual case: one null check per event). */
    final ConnectionTrace trace;

    long lastReceivedNanos;
    long lastAckElicitingSentNanos;
    /**
     * When the current wait for an answer began: the sending of the first ack-eliciting packet
     * while none was in flight. The peer timeout counts from the later of this and
     * {@link #lastReceivedNanos} (docs/PROTOCOL.md §5, liveness).
     */
    private long awaitingAnswerSinceNanos;
    long closeDeadlineNanos = NO_DEADLINE;
    long oldestUnsentWriteNanos;
    boolean inputDiscarded;

    boolean handshakeDonePending;
    /** Server: the client acknowledged HANDSHAKE_DONE (RFC 9000 §4.1.2 "handshake confirmed"). */
    boolean handshakeConfirmed;
    boolean maxDataPending;
    boolean dataBlockedPending;
    boolean pingPending;
    int probesPending;
    boolean closeFramePending;
    ErrorCode closeFrameCode;
    String closeFrameReason;
    int packetsReceivedWhileClosing;

    /** When a close() gives up waiting for the peer and aborts; NO_DEADLINE until close() is called. */
    long closeTimeoutDeadlineNanos = NO_DEADLINE;
    private Object attachment;

    // Endpoint bookkeeping (see Endpoint): our entry in its timer heap, and queue membership.
    private final DeadlineHeap.Slot timerSlot = new DeadlineHeap.Slot(this);
    boolean queuedToSend;
    boolean queuedAsChanged;

    /** This connection's entry in the endpoint's {@link DeadlineHeap}, which alone reads and writes it. */
    DeadlineHeap.Slot timerSlot() {
        return timerSlot;
    }

    private Connection(Endpoint endpoint, EngineConfig config, boolean client, long localConnectionId,
                       InetSocketAddress peerAddress, long nowNanos, long initialPacketNumber) {
        this.endpoint = endpoint;
        this.config = config;
        this.keepAliveIntervalNanos = config.keepAliveInterval().toNanos();
        this.flushDelayNanos = config.flushDelay().toNanos();
        this.peerTimeoutNanos = config.peerTimeout().toNanos();
        this.minRtoNanos = config.minRto().toNanos();
        this.maxRtoNanos = config.maxRto().toNanos();
        this.client = client;
        this.localConnectionId = localConnectionId;
        this.peerAddress = Objects.requireNonNull(peerAddress, "peerAddress");
        this.handshake = client ? new ClientHandshake(nowNanos, config) : null;
        this.state = client ? ConnectionState.CONNECTING : ConnectionState.ESTABLISHED;
        this.sendBuffer = new SendBuffer(config.sendBufferBytes());
        this.receiveBuffer = new ReceiveBuffer(config.receiveBufferBytes());
        this.receiveCredit = new ReceiveCredit(config.receiveBufferBytes());
        // Before any sample the PTO is the configured initial RTO (RFC 9002 §6.2.2 uses 3x kInitialRtt).
        this.rtt = new RttEstimator(Math.max(1, config.initialRto().toNanos() / 3));
        this.localMaxDatagramBytes = config.maxDatagramBytesFor(peerAddress);
        // Until the peer's parameters arrive only the minimum size is certain.
        this.congestion = newCongestionController(config, EngineConfig.MIN_DATAGRAM_BYTES, rtt, initialPacketNumber);
        this.received = new ReceivedPacketTracker(32, config.ackDelay().toNanos(), 2);
        // Past its first packets, a bulk stream is acknowledged every 10th packet, not every 2nd.
        this.received.enableAckDecimation(ACK_DECIMATION_AFTER_PACKETS, ACK_DECIMATION_EVERY_PACKETS, rtt);
        this.assembler = new PacketAssembler(this, initialPacketNumber);
        this.incoming = new IncomingPackets(this);
        this.timers = new ConnectionTimers(this);
        this.lastReceivedNanos = nowNanos;
        this.lastAckElicitingSentNanos = nowNanos;
        this.awaitingAnswerSinceNanos = nowNanos;
        this.trace = ConnectionTrace.open(this, nowNanos);
    }

    static Connection newClient(Endpoint endpoint, EngineConfig config, long localConnectionId,
                                InetSocketAddress server, long nowNanos, long initialPacketNumber) {
        return new Connection(endpoint, config, true, localConnectionId, server, nowNanos, initialPacketNumber);
    }

    static Connection newServer(Endpoint endpoint, EngineConfig config, long localConnectionId, long peerConnectionId,
                                InetSocketAddress client, TransportParameters clientParams, long nowNanos,
                                long initialPacketNumber, long rttSampleNanos) {
        Connection c = new Connection(endpoint, config, false, localConnectionId, client, nowNanos, initialPacketNumber);
        c.acceptHandshake(peerConnectionId, clientParams, rttSampleNanos);
        return c;
    }

    /**
     * The server side of a validated handshake: the client's id and transport parameters, the
     * cookie's age as the first RTT sample when it is one, and HANDSHAKE_DONE to send.
     */
    private void acceptHandshake(long clientConnectionId, TransportParameters clientParams, long rttSampleNanos) {
        peerConnectionId = clientConnectionId;
        onPeerParameters(clientParams);
        if (rttSampleNanos > 0) {
            rtt.onSample(rttSampleNanos, 0, 0);
        }
        handshakeDonePending = true;
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

    /** Applies the peer's transport parameters (docs/PROTOCOL.md §1, transport parameters). */
    void onPeerParameters(TransportParameters params) {
        this.peerParams = params;
        this.sendCredit = new SendCredit(params.initialMaxData());
        // RFC 9002 §7.2: the window, its minimum and the pacing quanta count in datagrams of the
        // size this connection sends, known only now (the smaller of both sides' ceilings).
        int negotiatedBytes = maxPacketBytes();
        long seed = assembler.firstPacketNumber();
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
        this.loss = new LossDetector(rtt, congestion, peerMaxAckDelayNanos,
                config.minRto().toNanos(), config.maxRto().toNanos());
        this.pacer = new Pacer(maxPacketBytes());
        // RFC 9000 §10.1: the effective idle timeout is the smaller of both sides' non-zero values.
        long localIdle = config.idleTimeout().toNanos();
        long peerIdle = params.idleTimeoutMillis() * 1_000_000;
        if (localIdle == 0) {
            idleTimeoutNanos = peerIdle;
        } else if (peerIdle == 0) {
            idleTimeoutNanos = localIdle;
        } else {
            idleTimeoutNanos = Math.min(localIdle, peerIdle);
        }
    }

    /** The transport parameters this side announces to {@code peer} (its datagram ceiling depends on the peer). */
    static TransportParameters localParameters(EngineConfig config, InetSocketAddress peer) {
        return new TransportParameters(config.maxDatagramBytesFor(peer), config.receiveBufferBytes(),
                config.ackDelay().toNanos() / 1_000, config.idleTimeout().toMillis());
    }

    // ---------------------------------------------------------------- application API

    /** The id this side chose; the peer puts it in every packet it sends here. */
    public long localConnectionId() { return localConnectionId; }

    /** The peer's address. */
    public InetSocketAddress peerAddress() { return peerAddress; }

    /** Attaches an object of the caller's (a driver keeps its per-connection state here). */
    public void attach(Object attachment) { this.attachment = attachment; }

    /** The object given to {@link #attach}, or {@code null}. */
    public Object attachment() { return attachment; }

    /** True on the side that called {@code connect}. */
    public boolean isClient() { return client; }

    /** Where the connection is in its life. */
    public ConnectionState state() { return state; }

    /** Why the connection ended or is ending; {@code null} while it is open. */
    public CloseReason closeReason() { return closeReason; }

    /** True once the handshake completed (the connection carried or can carry data). */
    public boolean isEstablished() { return state == ConnectionState.ESTABLISHED; }

    /**
     * Queues up to {@code len} bytes for sending and returns how many were taken: fewer (even 0)
     * when the send buffer is full, which is how back-pressure reaches the writer. Allowed while
     * connecting (bytes wait for the handshake) and while established.
     *
     * @throws NullPointerException if {@code src} is null
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie within {@code src}
     * @throws IllegalStateException if output was shut down or the connection is ending
     */
    public int write(long nowNanos, byte[] src, int off, int len) {
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(off, len, src.length);
        if (state.isTerminating()) {
            throw new IllegalStateException("connection is " + state.name().toLowerCase()
                    + (closeReason != null ? ": " + closeReason.message() : "") + "; no more data can be sent");
        }
        if (sendBuffer.isFinished()) {
            throw new IllegalStateException("output was shut down; no more data can be sent on this connection");
        }
        boolean wasEmpty = sendBuffer.unsentBytes() == 0;
        int accepted = sendBuffer.write(src, off, len);
        if (accepted > 0 && wasEmpty) {
            oldestUnsentWriteNanos = nowNanos;
        }
        if (accepted > 0) {
            // Nothing changed when a full buffer took nothing: telling the endpoint would make a
            // driver that retries on every change spin until an acknowledgement frees space.
            endpoint.onConnectionActivity(this);
        }
        return accepted;
    }

    /**
     * Reads received bytes in order: returns the count (&gt; 0), 0 if none is available yet, or -1
     * once no more bytes will come: the peer finished its stream and everything was read, or the
     * connection ended abnormally (see {@link #closeReason()}).
     *
     * @throws NullPointerException if {@code dst} is null
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie within {@code dst}
     */
    public int read(byte[] dst, int off, int len) {
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(off, len, dst.length);
        int n = receiveBuffer.read(dst, off, len);
        if (n > 0) {
            endpoint.onConnectionActivity(this);
            return n;
        }
        if (n == 0 && (len == 0 || !endOfInput())) {
            return 0;
        }
        return -1;
    }

    private boolean endOfInput() {
        return receiveBuffer.isEndOfStream() || inputDiscarded
                || (state.isTerminating() && (closeReason == null || !closeReason.isClean()) && receiveBuffer.readableBytes() == 0)
                || state == ConnectionState.CLOSED && receiveBuffer.readableBytes() == 0;
    }

    /** Bytes that can be read now without waiting. */
    public int readableBytes() { return receiveBuffer.readableBytes(); }

    /** Free space in the send buffer: how many bytes {@link #write} takes right now. */
    public int writableBytes() {
        return state.isTerminating() || sendBuffer.isFinished() ? 0 : sendBuffer.freeBytes();
    }

    /** True once the peer finished its stream and every byte of it was read. */
    public boolean isEndOfStream() { return receiveBuffer.isEndOfStream(); }

    /** True once {@link #shutdownOutput} or {@link #close} was called. */
    public boolean isOutputShutdown() { return sendBuffer.isFinished(); }

    /** True once everything written, and the end of the stream, were acknowledged by the peer. */
    public boolean isOutputAcknowledged() { return sendBuffer.isFinished() && sendBuffer.isAllAcknowledged(); }

    /**
     * True once output was shut down and every byte written was acknowledged, and the peer's whole
     * stream (up to its end) arrived, whether or not the peer has acknowledged the end of our
     * stream yet. Nothing the application wrote or waits for is outstanding: a close can return
     * without waiting for the last acknowledgement, which a peer that has already closed and gone
     * would never send (the end of the stream is still retransmitted in the background until the
     * close timeout; docs/PROTOCOL.md §6).
     */
    public boolean isDeliveredAndPeerFinished() {
        return sendBuffer.isFinished() && sendBuffer.ackedFront() == sendBuffer.writtenEnd()
                && (receiveBuffer.isComplete() || inputDiscarded && receiveBuffer.isFinalSizeKnown()
                        && receiveBuffer.contiguousEnd() >= receiveBuffer.finalSize());
    }

    /**
     * Half-close: no more writes; the peer receives everything written so far, then the end of
     * the stream. Reading goes on. Idempotent.
     */
    public void shutdownOutput(long nowNanos) {
        if (!sendBuffer.isFinished()) {
            sendBuffer.finish();
            endpoint.onConnectionActivity(this);
        }
    }

    /**
     * Graceful close: shuts output down (everything written is still delivered) and discards
     * whatever the peer still sends. The connection ends normally once both directions are
     * finished and acknowledged; if that takes longer than {@link EngineConfig#closeTimeout()}, it
     * is aborted. A client still connecting is abandoned at once. Idempotent.
     */
    public void close(long nowNanos) {
        if (state == ConnectionState.CONNECTING) {
            terminate(nowNanos, CloseReason.of(CloseReason.Kind.LOCAL_ABORT, ErrorCode.NO_ERROR,
                    "closed by the application before the handshake completed"), false);
            return;
        }
        if (closeTimeoutDeadlineNanos == NO_DEADLINE && state == ConnectionState.ESTABLISHED) {
            closeTimeoutDeadlineNanos = nowNanos + config.closeTimeout().toNanos();
        }
        inputDiscarded = true;
        receiveBuffer.discardIncoming();
        shutdownOutput(nowNanos);
        incoming.checkGracefulCompletion(nowNanos);
        endpoint.onConnectionActivity(this);
    }

    /**
     * Abortive close: unsent and unacknowledged data is dropped, the peer is told with a CLOSE
     * frame carrying {@code reason}, and the connection ends at once from the application's view.
     *
     * @throws NullPointerException if {@code reason} is null
     * @throws IllegalArgumentException if {@code reason} takes more than
     *     {@link CloseReason#MAX_REASON_BYTES} bytes of UTF-8 (the protocol's limit)
     */
    public void abort(long nowNanos, String reason) {
        CloseReason.checkReason(reason);
        if (state.isTerminating()) {
            return;
        }
        if (state == ConnectionState.CONNECTING) {
            terminate(nowNanos, CloseReason.of(CloseReason.Kind.LOCAL_ABORT, ErrorCode.APPLICATION_ABORT,
                    "aborted by the application before the handshake completed: " + reason), false);
            return;
        }
        closeWithError(nowNanos, CloseReason.Kind.LOCAL_ABORT, ErrorCode.APPLICATION_ABORT,
                "aborted by the application: " + reason, reason);
    }

    /**
     * The largest datagram (UDP payload) this connection sends now: towards a loopback peer, the
     * smaller of both sides' announced ceilings ({@link EngineConfig#maxDatagramBytesFor}); towards
     * other peers, the size path MTU discovery has proved so far (1,200 up to that ceiling,
     * docs/PROTOCOL.md §5); 1,200 before the peer's transport parameters arrive.
     */
    public int maxDatagramBytes() { return maxPacketBytes(); }

    /** A snapshot of this connection's counters and estimates. */
    public ConnectionStats stats() {
        ConnectionCounters c = counters;
        return new ConnectionStats(c.packetsSent, c.packetsReceived, c.bytesSent, c.bytesReceived,
                c.streamBytesSent, c.streamBytesReceived, c.retransmittedPackets, c.lostPackets,
                c.probeTimeouts, c.duplicatePackets, c.corruptPackets,
                rtt.smoothedRttNanos(), rtt.rttVarNanos(), rtt.hasSample() ? rtt.minRttNanos() : 0,
                congestion.congestionWindowBytes(), loss == null ? 0 : loss.bytesInFlight(),
                loss == null ? 0 : loss.spuriousLossesTotal());
    }

    @Override
    public String toString() {
        return "Connection{" + (client ? "client" : "server") + ", id=" + Long.toHexString(localConnectionId)
                + ", peer=" + peerAddress + ", state=" + state + (closeReason != null ? ", " + closeReason : "") + '}';
    }

    // ---------------------------------------------------------------- engine side

    /** Builds the next datagram for this connection into {@code out}; false if nothing is due. */
    boolean poll(long nowNanos, ByteBuffer out) {
        return assembler.poll(nowNanos, out);
    }

    long nextDeadlineNanos() {
        return timers.nextDeadlineNanos();
    }

    void handleTimeout(long nowNanos) {
        timers.onTimeout(nowNanos);
    }

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

    /**
     * An ack-eliciting packet left at {@code nowNanos}; {@code alreadyAwaiting} says whether one
     * was in flight before it (if not, a new wait for the peer's answer begins now).
     */
    void onAckElicitingSent(long nowNanos, boolean alreadyAwaiting) {
        lastAckElicitingSentNanos = nowNanos;
        if (!alreadyAwaiting) {
            awaitingAnswerSinceNanos = nowNanos;
        }
    }

    /**
     * When the peer timeout ends this connection if nothing is heard before: the later of the
     * last packet heard and the start of the current wait, plus the peer timeout. Meaningful
     * only while an ack-eliciting packet is in flight.
     */
    long peerTimeoutDeadlineNanos() {
        long silentSinceNanos = awaitingAnswerSinceNanos - lastReceivedNanos > 0 ? awaitingAnswerSinceNanos : lastReceivedNanos;
        return silentSinceNanos + peerTimeoutNanos;
    }

    /** Three probe timeouts without backoff: how long the closing states last (RFC 9000 §10.2). */
    long closingPeriodNanos() {
        long peerMaxAckDelayNanos = peerParams == null ? 0 : peerParams.maxAckDelayMicros() * 1_000;
        long pto = Math.max(rtt.probeTimeoutBaseNanos(peerMaxAckDelayNanos), minRtoNanos);
        return 3 * Math.min(pto, maxRtoNanos);
    }

    /** The handshake completed on the client: data may flow. */
    void onEstablished(long nowNanos) {
        enter(nowNanos, ConnectionState.ESTABLISHED);
        endpoint.onConnectionEstablished(this);
    }

    /** Both directions finished and were acknowledged: linger to re-acknowledge late packets. */
    void startLingering(long nowNanos) {
        enter(nowNanos, ConnectionState.LINGERING);
        closeReason = CloseReason.of(CloseReason.Kind.NORMAL, ErrorCode.NO_ERROR,
                "both sides finished sending and everything was acknowledged");
        closeDeadlineNanos = nowNanos + closingPeriodNanos();
        if (loss != null) {
            loss.discardAll();
        }
    }

    private void enter(long nowNanos, ConnectionState next) {
        state = next;
        if (trace != null) {
            trace.onStateChanged(nowNanos, next);
        }
    }

    /** Ends the connection with an error the peer is told about in a CLOSE frame (closing state). */
    void closeWithError(long nowNanos, CloseReason.Kind kind, ErrorCode code, String message, String wireReason) {
        if (state.isTerminating()) {
            return;
        }
        closeReason = CloseReason.of(kind, code, message);
        enter(nowNanos, ConnectionState.CLOSING);
        closeFramePending = true;
        closeFrameCode = code;
        closeFrameReason = wireReason;
        closeDeadlineNanos = nowNanos + closingPeriodNanos();
        if (loss != null) {
            loss.discardAll();
        }
        endpoint.onConnectionActivity(this);
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
        closeFramePending = false;
        closeDeadlineNanos = nowNanos + closingPeriodNanos();
        if (loss != null) {
            loss.discardAll();
        }
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
        closeFramePending = false;
        if (loss != null) {
            loss.discardAll();
        }
        if (trace != null) {
            trace.onClosed(nowNanos, closeReason);
        }
        endpoint.onConnectionActivity(this);
    }
}
