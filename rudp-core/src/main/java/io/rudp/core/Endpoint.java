package io.rudp.core;

import io.rudp.core.wire.ChallengePacket;
import io.rudp.core.wire.DataPacketReader;
import io.rudp.core.wire.DataPacketWriter;
import io.rudp.core.wire.ErrorCode;
import io.rudp.core.wire.InitialPacket;
import io.rudp.core.wire.MalformedPacketException;
import io.rudp.core.wire.Packet;
import io.rudp.core.wire.PacketCodec;
import io.rudp.core.wire.PacketType;
import io.rudp.core.wire.RefusePacket;
import io.rudp.core.wire.ResponsePacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One UDP socket's worth of protocol: routes datagrams to connections by connection id, answers
 * handshakes statelessly (docs/PROTOCOL.md §4), keeps a bounded accept queue and a connection
 * limit, files every connection under its next deadline, and hands out datagrams round-robin.
 *
 * <p>Sans-I/O (see {@link DatagramEngine}): no clock, thread or socket; one thread drives it.
 * Randomness (connection ids, packet numbers, cookie secrets) comes from the {@link RandomGenerator}
 * given at construction: a {@code SecureRandom} in production, a seeded one in tests.
 */
public final class Endpoint implements DatagramEngine {

    /** How long a handshake cookie stays valid, and how long ended connection ids are remembered. */
    static final long COOKIE_LIFETIME_NANOS = 30_000_000_000L;

    private final EngineConfig config;
    private final ConnectionLimit limit;
    private final RandomGenerator random;
    private final ServerHandshake handshake;
    private final ConnectionTable connections;
    private final ArrayDeque<Connection> acceptQueue = new ArrayDeque<>();
    private final ArrayDeque<ConnectionEntry> sendQueue = new ArrayDeque<>();
    /** Connections by next deadline (wrap-safe order), then id: the earliest is first. */
    private final DeadlineHeap<ConnectionEntry> timers = new DeadlineHeap<>();
    private final EndpointCounters counters = new EndpointCounters();
    private final StatelessReplies replies = new StatelessReplies(counters);
    /** Connections due in one handleTimeout call; reused, since pacing makes timeouts per-packet events. */
    private final List<ConnectionEntry> dueScratch = new ArrayList<>();
    private final byte[] scratch;
    /** A copy of a DATA datagram that came in a direct buffer; grown on first use. */
    private byte[] receiveScratch = new byte[0];
    private final DataPacketWriter dataWriter = new DataPacketWriter();
    private final DataPacketReader dataReader = new DataPacketReader();
    private long lastNowNanos;
    private long timerFirings;
    private ConnectionListener listener = c -> { };

    /**
     * An endpoint given no heap size: a connection limit set from memory
     * ({@link EngineConfig#maxConnections()} 0) assumes {@link ConnectionLimit#ASSUMED_HEAP_BYTES}.
     *
     * @param config settings for this endpoint and its connections
     * @param random the source of connection ids, initial packet numbers and cookie secrets
     */
    public Endpoint(EngineConfig config, RandomGenerator random) {
        this(config, random, 0);
    }

    /**
     * @param config settings for this endpoint and its connections
     * @param random the source of connection ids, initial packet numbers and cookie secrets
     * @param maxHeapBytes the heap the connection limit is computed from when
     *     {@link EngineConfig#maxConnections()} is 0 (a driver passes {@code Runtime.maxMemory()});
     *     0 if not known (see {@link ConnectionLimit#resolve})
     */
    public Endpoint(EngineConfig config, RandomGenerator random, long maxHeapBytes) {
        this.config = Objects.requireNonNull(config, "config");
        this.limit = ConnectionLimit.resolve(config, maxHeapBytes);
        this.random = Objects.requireNonNull(random, "random");
        HandshakeCookies cookies = new HandshakeCookies(random, COOKIE_LIFETIME_NANOS);
        // Remember ended ids as long as a cookie naming them is valid, and as long as a peer that
        // missed our last acknowledgement may still be probing: its peer timeout (taken to be
        // ours) plus one probe interval, which never exceeds maxRto.
        long peerRetryHorizonNanos = config.peerTimeout().toNanos() + config.maxRto().toNanos();
        RetiredConnectionIds retired = new RetiredConnectionIds(Math.max(COOKIE_LIFETIME_NANOS, peerRetryHorizonNanos),
                Math.max(1024, 2 * limit.maxConnections()));
        this.connections = new ConnectionTable(retired, this.random, counters);
        this.handshake = new ServerHandshake(config, limit, cookies, retired, counters, replies,
                () -> connections.newConnectionId(lastNowNanos));
        this.scratch = new byte[config.largestDatagramBytes()];
    }

    /** The settings this endpoint was built with. */
    public EngineConfig config() { return config; }

    /** The connection limit in force and where it came from. */
    public ConnectionLimit connectionLimit() { return limit; }

    /** Starts accepting connections: valid handshakes create connections in the accept queue. */
    public void listen() { handshake.listen(); }

    /** Stops accepting: new handshakes are refused (CONNECTION_REFUSED); existing connections go on. */
    public void stopListening() { handshake.stopListening(); }

    /** True between {@link #listen()} and {@link #stopListening()}. */
    public boolean isListening() { return handshake.isListening(); }

    /**
     * Starts a client connection to {@code server}; the handshake runs as the caller drives the
     * endpoint. The connection is {@link ConnectionState#CONNECTING} until it is established or
     * fails (see {@link Connection#closeReason()}).
     *
     * @throws NullPointerException if {@code server} is null
     * @throws IllegalArgumentException if {@code server} is unresolved
     * @throws IllegalStateException if the endpoint is at its connection limit
     */
    public Connection connect(long nowNanos, InetSocketAddress server) {
        Objects.requireNonNull(server, "server");
        if (server.isUnresolved()) {
            throw new IllegalArgumentException("server address " + server + " is unresolved; resolve the host name first");
        }
        observe(nowNanos);
        if (connections.size() >= limit.maxConnections()) {
            throw new IllegalStateException("this endpoint holds its limit of " + limit
                    + "; close some or raise RudpConfig.maxConnections");
        }
        long id = connections.newConnectionId(lastNowNanos);
        ConnectionEntry entry = new ConnectionEntry(id, this::onConnectionActivity);
        entry.bind(Connection.newClient(entry, dataWriter, scratch, config, id, server, nowNanos, initialPacketNumber()));
        connections.add(entry);
        counters.onConnectionOpened();
        onConnectionActivity(entry);
        return entry.connection();
    }

    /** The next connection that completed its handshake and waits to be accepted, or {@code null}. */
    public Connection pollAccepted() {
        return acceptQueue.poll();
    }

    /** The connection this endpoint knows under {@code localConnectionId}, or {@code null}. */
    public Connection connection(long localConnectionId) {
        ConnectionEntry entry = connections.get(localConnectionId);
        return entry == null ? null : entry.connection();
    }

    /**
     * Registers the one listener told about every connection change (replacing any earlier one);
     * {@code null} removes it.
     */
    public void setConnectionListener(ConnectionListener listener) {
        this.listener = listener == null ? c -> { } : listener;
    }

    /** A copy of the connections in the table now (any state but CLOSED). */
    public List<Connection> connectionsSnapshot() {
        return connections.snapshot();
    }

    /**
     * The local network stack reported that {@code peer} has no socket at its port (ICMP port
     * unreachable, as a connected UDP socket learns it). Connections still connecting to it fail
     * at once as refused; established ones ignore it (such reports can be stale or forged).
     */
    public void handlePortUnreachable(long nowNanos, InetSocketAddress peer) {
        observe(nowNanos);
        for (Connection c : connectionsSnapshot()) {
            if (c.state() == ConnectionState.CONNECTING && c.peerAddress().equals(peer)) {
                c.terminate(nowNanos, CloseReason.of(CloseReason.Kind.REFUSED, ErrorCode.CONNECTION_REFUSED,
                        "nothing is listening on " + peer + " (the network reported the port unreachable)"), false);
            }
        }
    }

    /**
     * The driver is giving this endpoint up (its socket is closing): every connection left ends
     * at once (as {@link CloseReason.Kind#ENDPOINT_CLOSED} unless it already had a reason), sending nothing more, so that whatever
     * holds per-connection resources (an event trace) releases them. Not for normal closing: use
     * each connection's {@code close} or {@code abort} and keep driving the endpoint.
     *
     * @param nowNanos the current time
     * @param message why, for each connection's {@link Connection#closeReason()}
     */
    public void abandonAll(long nowNanos, String message) {
        observe(nowNanos);
        CloseReason reason = CloseReason.of(CloseReason.Kind.ENDPOINT_CLOSED, ErrorCode.NO_ERROR, message);
        for (Connection c : connectionsSnapshot()) {
            c.terminate(nowNanos, reason, true);
        }
    }

    /** Connections in the table now (any state but CLOSED). */
    public int connectionCount() { return connections.size(); }

    /**
     * Connection timers fired so far: each time {@link #handleTimeout} found a connection's
     * deadline due counts once (what an idle connection costs a driver, besides its datagrams).
     */
    public long timerFirings() { return timerFirings; }

    /** A snapshot of the endpoint's counters. */
    public EndpointStats stats() {
        return counters.snapshot(connections.size(), acceptQueue.size());
    }

    // ---------------------------------------------------------------- DatagramEngine

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code from} or {@code datagram} is null (nothing is changed)
     */
    @Override
    public void handleDatagram(long nowNanos, InetSocketAddress from, ByteBuffer datagram) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(datagram, "datagram");
        observe(nowNanos);
        int length = datagram.remaining();
        counters.onReceived(length);
        int start = datagram.position();
        if (length > PacketCodec.PREFIX_BYTES && (datagram.get(start + 1) & 0xFF) == PacketType.DATA.code()) {
            handleData(nowNanos, from, datagram, start, length);
            return;
        }
        Packet packet;
        try {
            packet = PacketCodec.decode(datagram);
        } catch (MalformedPacketException e) {
            onMalformed(e, datagram, start, length);
            return;
        } finally {
            datagram.position(datagram.limit());
        }
        try {
            dispatch(nowNanos, from, packet, length);
        } catch (RuntimeException bug) {
            onInternalError(nowNanos, packet.destinationConnectionId(), bug);
        }
    }

    /**
     * The hot path: a datagram whose type byte says DATA, decoded into the reused
     * {@link DataPacketReader} (no records; it accepts and rejects exactly what
     * {@link PacketCodec#decode} does).
     */
    private void handleData(long nowNanos, InetSocketAddress from, ByteBuffer datagram, int start, int length) {
        try {
            if (datagram.hasArray()) {
                dataReader.read(datagram.array(), datagram.arrayOffset() + start, length);
            } else {
                if (receiveScratch.length < length) {
                    receiveScratch = new byte[length];
                }
                datagram.get(start, receiveScratch, 0, length);
                dataReader.read(receiveScratch, 0, length);
            }
        } catch (MalformedPacketException e) {
            onMalformed(e, datagram, start, length);
            return;
        } finally {
            datagram.position(datagram.limit());
        }
        long dcid = dataReader.destinationConnectionId();
        try {
            ConnectionEntry entry = connections.routed(from, dcid);
            if (entry != null) {
                entry.connection().onDataPacket(nowNanos, dataReader, length);
                onConnectionActivity(entry);
            } else {
                handshake.answerLatePacket(nowNanos, from, dcid);
            }
        } catch (RuntimeException bug) {
            onInternalError(nowNanos, dcid, bug);
        }
    }

    private void dispatch(long nowNanos, InetSocketAddress from, Packet packet, int length) {
        if (packet instanceof InitialPacket) {
            handshake.onInitial(nowNanos, from, (InitialPacket) packet, length, connections.size());
        } else if (packet instanceof ResponsePacket) {
            onResponse(nowNanos, from, (ResponsePacket) packet, length);
        } else if (packet instanceof ChallengePacket) {
            ConnectionEntry entry = connections.routed(from, packet.destinationConnectionId());
            if (entry != null && entry.connection().isClient()) {
                entry.connection().onChallenge(nowNanos, (ChallengePacket) packet);
                onConnectionActivity(entry);
            }
        } else if (packet instanceof RefusePacket) {
            ConnectionEntry entry = connections.routed(from, packet.destinationConnectionId());
            if (entry != null) {
                entry.connection().onRefuse(nowNanos, (RefusePacket) packet);
                onConnectionActivity(entry);
            }
        }
    }

    @Override
    public void handleTimeout(long nowNanos) {
        observe(nowNanos);
        // Collect first: a connection whose deadline stays due (waiting for pollTransmit) must
        // not be fired twice in one call.
        List<ConnectionEntry> due = dueScratch;
        due.clear();
        while (!timers.isEmpty() && nowNanos - timers.peekDeadlineNanos() >= 0) {
            due.add(timers.poll());
        }
        try {
            timerFirings += due.size();
            for (int i = 0; i < due.size(); i++) {
                ConnectionEntry entry = due.get(i);
                try {
                    entry.connection().handleTimeout(nowNanos);
                } catch (RuntimeException bug) {
                    onInternalError(nowNanos, entry.id(), bug);
                }
                onConnectionActivity(entry);
            }
        } finally {
            due.clear();
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code out} is null
     * @throws IllegalArgumentException if {@code out} has fewer than
     *     {@link EngineConfig#largestDatagramBytes()} bytes remaining (nothing is changed: a datagram
     *     that did not fit would be lost)
     */
    @Override
    public InetSocketAddress pollTransmit(long nowNanos, ByteBuffer out) {
        Objects.requireNonNull(out, "out");
        if (out.remaining() < config.largestDatagramBytes()) {
            throw new IllegalArgumentException("out has " + out.remaining() + " bytes remaining; pollTransmit needs room for"
                    + " the largest datagram, RudpConfig.largestDatagramBytes() = " + config.largestDatagramBytes());
        }
        observe(nowNanos);
        InetSocketAddress replyTo = replies.pollInto(out);
        if (replyTo != null) {
            counters.onSent(out.remaining());
            return replyTo;
        }
        ConnectionEntry entry;
        while ((entry = sendQueue.poll()) != null) {
            entry.onDequeued();
            boolean sent;
            try {
                sent = entry.connection().poll(nowNanos, out);
            } catch (RuntimeException bug) {
                onInternalError(nowNanos, entry.id(), bug);
                continue;
            }
            if (sent) {
                counters.onSent(out.remaining());
                onConnectionActivity(entry); // re-queues at the tail: round-robin between connections
                return entry.connection().peerAddress();
            }
            reschedule(entry);
        }
        return null;
    }

    /**
     * {@inheritDoc}
     *
     * <p>When datagrams are queued (replies, or connections that application calls gave work
     * to), this is the last time the endpoint saw: poll it now.
     */
    @Override
    public long nextDeadlineNanos() {
        if (!replies.isEmpty() || !sendQueue.isEmpty()) {
            return lastNowNanos;
        }
        return timers.peekDeadlineNanos();
    }

    // ---------------------------------------------------------------- handshake (server side)

    private void onResponse(long nowNanos, InetSocketAddress from, ResponsePacket p, int length) {
        long serverCid = p.destinationConnectionId();
        ConnectionEntry existing = connections.get(serverCid);
        if (existing != null) {
            if (!existing.connection().onRepeatedResponse(from, p.sourceConnectionId())) {
                counters.onInvalidCookie();
            }
            return;
        }
        long rttSampleNanos = handshake.onResponse(nowNanos, from, p, length, connections.size(), acceptQueue.size());
        if (rttSampleNanos == ServerHandshake.NOT_ACCEPTED) {
            return;
        }
        ConnectionEntry entry = new ConnectionEntry(serverCid, this::onConnectionActivity);
        entry.bind(Connection.newServer(entry, dataWriter, scratch, config, serverCid, p.sourceConnectionId(), from,
                p.params(), nowNanos, initialPacketNumber(), rttSampleNanos));
        connections.add(entry);
        acceptQueue.add(entry.connection());
        counters.onConnectionAccepted();
        onConnectionActivity(entry);
    }

    // ---------------------------------------------------------------- bookkeeping

    /** Something about a connection changed: re-file its deadline, queue it to send, forget it if closed. */
    private void onConnectionActivity(ConnectionEntry entry) {
        Connection c = entry.connection();
        if (c.state() == ConnectionState.CLOSED) {
            forget(entry);
        } else {
            reschedule(entry);
            if (entry.markQueuedToSend()) {
                sendQueue.add(entry);
            }
        }
        listener.onConnectionChanged(c);
    }

    private void reschedule(ConnectionEntry entry) {
        long deadline = entry.connection().nextDeadlineNanos();
        if (deadline == timers.deadlineOf(entry.timerSlot())) {
            return;
        }
        if (deadline == NO_DEADLINE) {
            timers.remove(entry.timerSlot());
        } else {
            timers.schedule(entry.timerSlot(), deadline);
        }
    }

    private void forget(ConnectionEntry entry) {
        if (connections.remove(entry, lastNowNanos)) {
            timers.remove(entry.timerSlot());
            counters.onConnectionClosed();
        }
    }

    private void onMalformed(MalformedPacketException e, ByteBuffer datagram, int start, int length) {
        counters.onMalformed(e.reason());
        if (e.reason() == MalformedPacketException.Reason.BAD_CHECKSUM && length >= PacketCodec.DATA_HEADER_BYTES) {
            ConnectionEntry entry = connections.get(datagram.getLong(start + 2));
            if (entry != null) {
                entry.connection().onCorruptPacket();
            }
        }
    }

    private void onInternalError(long nowNanos, long connectionId, RuntimeException bug) {
        counters.onInternalError();
        ConnectionEntry entry = connections.get(connectionId);
        if (entry != null) {
            entry.connection().terminate(nowNanos, CloseReason.of(CloseReason.Kind.PROTOCOL_ERROR, ErrorCode.INTERNAL_ERROR,
                    "internal error in rudp (please report it): " + bug), false);
            forget(entry);
        }
    }

    private long initialPacketNumber() {
        return random.nextInt(1 << 30); // docs/PROTOCOL.md §1: random in [0, 2^30)
    }


    private void observe(long nowNanos) {
        lastNowNanos = nowNanos;
    }
}
