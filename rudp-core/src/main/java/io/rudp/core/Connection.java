package io.rudp.core;

import io.rudp.core.ack.ReceivedPacketTracker;
import io.rudp.core.congestion.CongestionController;
import io.rudp.core.stream.ReceiveBuffer;
import io.rudp.core.stream.ReceiveCredit;
import io.rudp.core.stream.SendBuffer;
import io.rudp.core.wire.ChallengePacket;
import io.rudp.core.wire.DataPacketReader;
import io.rudp.core.wire.DataPacketWriter;
import io.rudp.core.wire.ErrorCode;
import io.rudp.core.wire.RefusePacket;
import io.rudp.core.wire.TransportParameters;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One connection: a reliable, ordered byte stream each way with one peer. Application calls
 * ({@link #write}, {@link #read}, {@link #shutdownOutput}, {@link #close}, {@link #abort}) and
 * the endpoint's calls all happen on the thread that drives the {@link Endpoint}; a connection is
 * not thread-safe.
 *
 * <p>The state machine is in docs/PROTOCOL.md §6. The connection is made of owned parts, each
 * changed only through its own methods: the {@link Lifecycle} (state and every move between
 * states), the {@link ControlFrames} owed to the peer, the {@link Path} (RTT, congestion
 * controller, loss detector, pacer, path MTU), the {@link Peer} (its id, credit and idle timeout),
 * the {@link Liveness} times, and the stream buffers. Incoming packets are handled by
 * {@link IncomingPackets}, outgoing ones built by {@link PacketAssembler}, timers fired by
 * {@link ConnectionTimers}, and the loss detector answered by {@link RecoveryListener}: each is
 * given the parts it works on, never the connection. This class wires them and holds the public API.
 */
public final class Connection {

    static final long NO_DEADLINE = DatagramEngine.NO_DEADLINE;
    /** Ack-eliciting packets received before ACK decimation starts (see ReceivedPacketTracker). */
    static final long ACK_DECIMATION_AFTER_PACKETS = 100;
    /** In-order ack-eliciting packets per ACK once decimating. */
    static final int ACK_DECIMATION_EVERY_PACKETS = 10;

    private final ConnectionActivity activity;
    private final EngineConfig config;
    private final boolean client;
    private final long localConnectionId;
    private final InetSocketAddress peerAddress;
    private final SendBuffer sendBuffer;
    private final ReceiveBuffer receiveBuffer;
    private final Path path;
    private final Peer peer;
    private final ControlFrames frames;
    private final Lifecycle lifecycle;
    private final ConnectionCounters counters = new ConnectionCounters();
    private final PacketAssembler assembler;
    private final IncomingPackets incoming;
    private final ConnectionTimers timers;
    private Object attachment;

    /**
     * @param activity where the connection reports changes: its endpoint's bookkeeping for it
     * @param writer the endpoint's DATA packet writer and {@code scratch} its datagram scratch,
     *     shared by its connections (one thread drives them)
     */
    private Connection(ConnectionActivity activity, DataPacketWriter writer, byte[] scratch, EngineConfig config,
                       boolean client, long localConnectionId, InetSocketAddress peerAddress, long nowNanos,
                       long initialPacketNumber) {
        this.activity = Objects.requireNonNull(activity, "activity");
        this.config = config;
        this.client = client;
        this.localConnectionId = localConnectionId;
        this.peerAddress = Objects.requireNonNull(peerAddress, "peerAddress");
        ClientHandshake handshake = client ? new ClientHandshake(nowNanos, config) : null;
        ConnectionState initial = client ? ConnectionState.CONNECTING : ConnectionState.ESTABLISHED;
        this.sendBuffer = new SendBuffer(config.sendBufferBytes());
        this.receiveBuffer = new ReceiveBuffer(config.receiveBufferBytes());
        ReceiveCredit receiveCredit = new ReceiveCredit(config.receiveBufferBytes());
        this.path = new Path(config, peerAddress, initialPacketNumber);
        this.peer = new Peer(config.idleTimeout().toNanos(), path);
        ReceivedPacketTracker received = new ReceivedPacketTracker(32, config.ackDelay().toNanos(), 2);
        // Past its first packets, a bulk stream is acknowledged every 10th packet, not every 2nd.
        received.enableAckDecimation(ACK_DECIMATION_AFTER_PACKETS, ACK_DECIMATION_EVERY_PACKETS, path.rtt());
        this.frames = new ControlFrames(!client);
        Liveness liveness = new Liveness(config.peerTimeout().toNanos(), nowNanos);
        ConnectionTrace trace = ConnectionTrace.open(config, client, localConnectionId, peerAddress, initial, path, nowNanos);
        this.lifecycle = new Lifecycle(initial, frames, path, sendBuffer, receiveBuffer, activity, trace);
        RecoveryListener recovery = new RecoveryListener(path, peer, frames, sendBuffer, receiveCredit, received,
                counters, trace);
        this.assembler = new PacketAssembler(client, localConnectionId, handshake,
                client ? LocalParameters.of(config, peerAddress) : null, lifecycle, path, peer, liveness, frames,
                received, sendBuffer, receiveBuffer, receiveCredit, counters, trace, writer, scratch,
                config.flushDelay().toNanos(), initialPacketNumber);
        this.timers = new ConnectionTimers(client, handshake, lifecycle, path, peer, liveness, frames, received,
                sendBuffer, receiveBuffer, counters, recovery, assembler, config);
        this.incoming = new IncomingPackets(client, handshake, lifecycle, path, peer, liveness, frames, received,
                sendBuffer, receiveBuffer, receiveCredit, counters, trace, recovery, assembler, timers, activity);
    }

    static Connection newClient(ConnectionActivity activity, DataPacketWriter writer, byte[] scratch,
                                EngineConfig config, long localConnectionId, InetSocketAddress server,
                                long nowNanos, long initialPacketNumber) {
        return new Connection(activity, writer, scratch, config, true, localConnectionId, server, nowNanos,
                initialPacketNumber);
    }

    /**
     * The server side of a validated handshake: the client's id and transport parameters, the
     * cookie's age as the first RTT sample when it is one ({@code rttSampleNanos} &gt; 0), and
     * HANDSHAKE_DONE to send.
     */
    static Connection newServer(ConnectionActivity activity, DataPacketWriter writer, byte[] scratch,
                                EngineConfig config, long localConnectionId, long peerConnectionId,
                                InetSocketAddress client, TransportParameters clientParams, long nowNanos,
                                long initialPacketNumber, long rttSampleNanos) {
        Connection c = new Connection(activity, writer, scratch, config, false, localConnectionId, client, nowNanos,
                initialPacketNumber);
        c.peer.accept(peerConnectionId, clientParams);
        if (rttSampleNanos > 0) {
            c.path.onHandshakeRttSample(rttSampleNanos);
        }
        c.frames.requestHandshakeDone();
        return c;
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
    public ConnectionState state() { return lifecycle.state(); }

    /** Why the connection ended or is ending; {@code null} while it is open. */
    public CloseReason closeReason() { return lifecycle.closeReason(); }

    /** True once the handshake completed (the connection carried or can carry data). */
    public boolean isEstablished() { return lifecycle.state() == ConnectionState.ESTABLISHED; }

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
        ConnectionState state = lifecycle.state();
        if (state.isTerminating()) {
            CloseReason closeReason = lifecycle.closeReason();
            throw new IllegalStateException("connection is " + state.name().toLowerCase()
                    + (closeReason != null ? ": " + closeReason.message() : "") + "; no more data can be sent");
        }
        if (sendBuffer.isFinished()) {
            throw new IllegalStateException("output was shut down; no more data can be sent on this connection");
        }
        boolean wasEmpty = sendBuffer.unsentBytes() == 0;
        int accepted = sendBuffer.write(src, off, len);
        if (accepted > 0 && wasEmpty) {
            assembler.onFirstUnsentWrite(nowNanos);
        }
        if (accepted > 0) {
            // Nothing changed when a full buffer took nothing: telling the endpoint would make a
            // driver that retries on every change spin until an acknowledgement frees space.
            activity.onActivity();
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
            activity.onActivity();
            return n;
        }
        if (n == 0 && (len == 0 || !endOfInput())) {
            return 0;
        }
        return -1;
    }

    private boolean endOfInput() {
        ConnectionState state = lifecycle.state();
        CloseReason closeReason = lifecycle.closeReason();
        return receiveBuffer.isEndOfStream() || lifecycle.isInputDiscarded()
                || (state.isTerminating() && (closeReason == null || !closeReason.isClean()) && receiveBuffer.readableBytes() == 0)
                || state == ConnectionState.CLOSED && receiveBuffer.readableBytes() == 0;
    }

    /** Bytes that can be read now without waiting. */
    public int readableBytes() { return receiveBuffer.readableBytes(); }

    /** Free space in the send buffer: how many bytes {@link #write} takes right now. */
    public int writableBytes() {
        return lifecycle.state().isTerminating() || sendBuffer.isFinished() ? 0 : sendBuffer.freeBytes();
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
                && lifecycle.isPeerStreamDone();
    }

    /**
     * Half-close: no more writes; the peer receives everything written so far, then the end of
     * the stream. Reading goes on. Idempotent.
     */
    public void shutdownOutput(long nowNanos) {
        if (!sendBuffer.isFinished()) {
            sendBuffer.finish();
            activity.onActivity();
        }
    }

    /**
     * Graceful close: shuts output down (everything written is still delivered) and discards
     * whatever the peer still sends. The connection ends normally once both directions are
     * finished and acknowledged; if that takes longer than {@link EngineConfig#closeTimeout()}, it
     * is aborted. A client still connecting is abandoned at once. Idempotent.
     */
    public void close(long nowNanos) {
        if (lifecycle.state() == ConnectionState.CONNECTING) {
            lifecycle.terminate(nowNanos, CloseReason.of(CloseReason.Kind.LOCAL_ABORT, ErrorCode.NO_ERROR,
                    "closed by the application before the handshake completed"), false);
            return;
        }
        lifecycle.startCloseTimeout(nowNanos, config.closeTimeout().toNanos());
        lifecycle.discardInput();
        shutdownOutput(nowNanos);
        lifecycle.checkGracefulCompletion(nowNanos);
        activity.onActivity();
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
        if (lifecycle.state().isTerminating()) {
            return;
        }
        if (lifecycle.state() == ConnectionState.CONNECTING) {
            lifecycle.terminate(nowNanos, CloseReason.of(CloseReason.Kind.LOCAL_ABORT, ErrorCode.APPLICATION_ABORT,
                    "aborted by the application before the handshake completed: " + reason), false);
            return;
        }
        lifecycle.closeWithError(nowNanos, CloseReason.Kind.LOCAL_ABORT, ErrorCode.APPLICATION_ABORT,
                "aborted by the application: " + reason, reason);
    }

    /**
     * The largest datagram (UDP payload) this connection sends now: towards a loopback peer, the
     * smaller of both sides' announced ceilings ({@link EngineConfig#maxDatagramBytesFor}); towards
     * other peers, the size path MTU discovery has proved so far (1,200 up to that ceiling,
     * docs/PROTOCOL.md §5); 1,200 before the peer's transport parameters arrive.
     */
    public int maxDatagramBytes() { return path.maxPacketBytes(); }

    /** A snapshot of this connection's counters and estimates. */
    public ConnectionStats stats() {
        return counters.snapshot(path.rtt(), path.congestion().congestionWindowBytes(), path.loss());
    }

    @Override
    public String toString() {
        return "Connection{" + (client ? "client" : "server") + ", id=" + Long.toHexString(localConnectionId)
                + ", peer=" + peerAddress + ", state=" + lifecycle.state()
                + (lifecycle.closeReason() != null ? ", " + lifecycle.closeReason() : "") + '}';
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

    /** A DATA packet for this connection that passed the integrity check (see {@link IncomingPackets}). */
    void onDataPacket(long nowNanos, DataPacketReader packet, int datagramBytes) {
        incoming.onDataPacket(nowNanos, packet, datagramBytes);
    }

    /** The server's CHALLENGE (client side). */
    void onChallenge(long nowNanos, ChallengePacket packet) {
        incoming.onChallenge(nowNanos, packet);
    }

    /** A REFUSE addressed to this connection. */
    void onRefuse(long nowNanos, RefusePacket packet) {
        incoming.onRefuse(nowNanos, packet);
    }

    /**
     * Server: a RESPONSE naming this connection arrived again. If it is this connection's own
     * client repeating itself (our confirmation was lost or is late), HANDSHAKE_DONE is owed
     * again once established.
     *
     * @return false if it is not this connection's client (a forged or mistaken RESPONSE)
     */
    boolean onRepeatedResponse(InetSocketAddress from, long clientConnectionId) {
        if (client || !peerAddress.equals(from) || peer.connectionId() != clientConnectionId) {
            return false;
        }
        if (lifecycle.state() == ConnectionState.ESTABLISHED) {
            frames.requestHandshakeDone();
            activity.onActivity();
        }
        return true;
    }

    /** A datagram for this connection failed its integrity check. */
    void onCorruptPacket() {
        counters.onCorruptReceived();
    }

    /** Ends the connection at once (see {@link Lifecycle#terminate}). */
    void terminate(long nowNanos, CloseReason reason, boolean keepReason) {
        lifecycle.terminate(nowNanos, reason, keepReason);
    }

    /** The id the peer chose; 0 before the handshake named it. */
    long peerConnectionId() { return peer.connectionId(); }

    /** The reason our last CLOSE frame carried, or {@code null} if none was sent. */
    String closeFrameReason() { return frames.closeReason(); }

    /** The congestion controller in use (tests). */
    CongestionController congestion() { return path.congestion(); }

    /** When the pacer lets the next packet go, while only the pacer holds data back; else NO_DEADLINE (tests). */
    long pacingDeadlineNanos() { return path.pacingDeadlineNanos(); }

    SendBuffer sendBuffer() { return sendBuffer; }

    ReceiveBuffer receiveBuffer() { return receiveBuffer; }
}
