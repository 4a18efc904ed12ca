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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final int MAX_PENDING_REPLIES = 1024;

    private final EngineConfig config;
    private final ConnectionLimit limit;
    /** REFUSE reasons at the limits, made once (not per refused packet of a flood). */
    private final String limitRefusalReason;
    private final String acceptQueueRefusalReason;
    private final RandomGenerator random;
    private final HandshakeCookies cookies;
    private final Map<Long, Connection> connections = new HashMap<>();
    private final ArrayDeque<Connection> acceptQueue = new ArrayDeque<>();
    private final ArrayDeque<Connection> sendQueue = new ArrayDeque<>();
    /** Connections by next deadline (wrap-safe order), then id: the earliest is first. */
    private final DeadlineHeap timers = new DeadlineHeap();
    private final ArrayDeque<StatelessReply> replies = new ArrayDeque<>();
    /** Connections due in one handleTimeout call; reused, since pacing makes timeouts per-packet events. */
    private final List<Connection> dueScratch = new ArrayList<>();
    private final RetiredConnectionIds retired;
    private final EndpointCounters counters = new EndpointCounters();
    private final byte[] scratch;
    /** A copy of a DATA datagram that came in a direct buffer; grown on first use. */
    private byte[] receiveScratch = new byte[0];
    private final DataPacketWriter dataWriter = new DataPacketWriter();
    private final DataPacketReader dataReader = new DataPacketReader();
    /** The connection the last DATA datagram was routed to (cleared when it is forgotten). */
    private Connection lastRouted;
    private boolean listening;
    private long lastNowNanos;
    private long timerFirings;
    private ConnectionListener listener = c -> { };

    private record StatelessReply(InetSocketAddress to, Packet packet) { }

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
        this.limitRefusalReason = limit.refusalReason();
        this.acceptQueueRefusalReason = "accept queue full: " + config.acceptBacklog()
                + " connections wait to be accepted (RudpConfig.acceptBacklog)";
        this.random = Objects.requireNonNull(random, "random");
        this.cookies = new HandshakeCookies(random, COOKIE_LIFETIME_NANOS);
        // Remember ended ids as long as a cookie naming them is valid, and as long as a peer that
        // missed our last acknowledgement may still be probing: its peer timeout (taken to be
        // ours) plus one probe interval, which never exceeds maxRto.
        long peerRetryHorizonNanos = config.peerTimeout().toNanos() + config.maxRto().toNanos();
        this.retired = new RetiredConnectionIds(Math.max(COOKIE_LIFETIME_NANOS, peerRetryHorizonNanos),
                Math.max(1024, 2 * limit.maxConnections()));
        this.scratch = new byte[config.largestDatagramBytes()];
    }

    /** The settings this endpoint was built with. */
    public EngineConfig config() { return config; }

    /** The connection limit in force and where it came from. */
    public ConnectionLimit connectionLimit() { return limit; }

    /** Starts accepting connections: valid handshakes create connections in the accept queue. */
    public void listen() { listening = true; }

    /** Stops accepting: new handshakes are refused (CONNECTION_REFUSED); existing connections go on. */
    public void stopListening() { listening = false; }

    /** True between {@link #listen()} and {@link #stopListening()}. */
    public boolean isListening() { return listening; }

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
        Connection c = Connection.newClient(this, config, newConnectionId(), server, nowNanos, initialPacketNumber());
        connections.put(c.localConnectionId(), c);
        counters.connectionsOpened++;
        onConnectionActivity(c);
        return c;
    }

    /** The next connection that completed its handshake and waits to be accepted, or {@code null}. */
    public Connection pollAccepted() {
        return acceptQueue.poll();
    }

    /** The connection this endpoint knows under {@code localConnectionId}, or {@code null}. */
    public Connection connection(long localConnectionId) {
        return connections.get(localConnectionId);
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
        return new ArrayList<>(connections.values());
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
        counters.datagramsReceived++;
        counters.bytesReceived += length;
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
            Connection c = routed(from, dcid);
            if (c != null) {
                c.incoming.onDataPacket(nowNanos, dataReader, length);
                onConnectionActivity(c);
            } else {
                answerLatePacket(nowNanos, from, dcid, length);
            }
        } catch (RuntimeException bug) {
            onInternalError(nowNanos, dcid, bug);
        }
    }

    private void dispatch(long nowNanos, InetSocketAddress from, Packet packet, int length) {
        if (packet instanceof InitialPacket) {
            onInitial(nowNanos, from, (InitialPacket) packet, length);
        } else if (packet instanceof ResponsePacket) {
            onResponse(nowNanos, from, (ResponsePacket) packet, length);
        } else if (packet instanceof ChallengePacket) {
            Connection c = routed(from, packet);
            if (c != null && c.isClient()) {
                c.incoming.onChallenge(nowNanos, (ChallengePacket) packet);
                onConnectionActivity(c);
            }
        } else if (packet instanceof RefusePacket) {
            Connection c = routed(from, packet);
            if (c != null) {
                c.incoming.onRefuse(nowNanos, (RefusePacket) packet);
                onConnectionActivity(c);
            }
        }
    }

    /** The connection a packet is for, if it came from that connection's peer; counts the rest. */
    private Connection routed(InetSocketAddress from, Packet packet) {
        return routed(from, packet.destinationConnectionId());
    }

    private Connection routed(InetSocketAddress from, long destinationConnectionId) {
        Connection c;
        if (lastRouted != null && lastRouted.localConnectionId() == destinationConnectionId) {
            c = lastRouted; // a run of datagrams for one connection: no map lookup (nor boxing)
        } else {
            c = connections.get(destinationConnectionId);
            lastRouted = c;
        }
        if (c == null) {
            counters.unknownConnectionDropped++;
            return null;
        }
        if (!c.peerAddress().equals(from)) {
            counters.addressMismatchDropped++;
            return null;
        }
        return c;
    }

    @Override
    public void handleTimeout(long nowNanos) {
        observe(nowNanos);
        // Collect first: a connection whose deadline stays due (waiting for pollTransmit) must
        // not be fired twice in one call.
        List<Connection> due = dueScratch;
        due.clear();
        while (!timers.isEmpty() && nowNanos - timers.peekDeadlineNanos() >= 0) {
            due.add(timers.poll());
        }
        try {
            timerFirings += due.size();
            for (int i = 0; i < due.size(); i++) {
                Connection c = due.get(i);
                try {
                    c.handleTimeout(nowNanos);
                } catch (RuntimeException bug) {
                    onInternalError(nowNanos, c.localConnectionId(), bug);
                }
                onConnectionActivity(c);
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
        StatelessReply reply = replies.poll();
        if (reply != null) {
            int start = out.position();
            int size = PacketCodec.encode(reply.packet(), out);
            out.limit(out.position());
            out.position(start);
            counters.onSent(size);
            return reply.to();
        }
        Connection c;
        while ((c = sendQueue.poll()) != null) {
            c.queuedToSend = false;
            boolean sent;
            try {
                sent = c.poll(nowNanos, out);
            } catch (RuntimeException bug) {
                onInternalError(nowNanos, c.localConnectionId(), bug);
                continue;
            }
            if (sent) {
                counters.onSent(out.remaining());
                onConnectionActivity(c); // re-queues at the tail: round-robin between connections
                return c.peerAddress();
            }
            reschedule(c);
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

    private void onInitial(long nowNanos, InetSocketAddress from, InitialPacket p, int length) {
        if (p.destinationConnectionId() != 0 || p.sourceConnectionId() == 0) {
            counters.malformedDropped++;
            return;
        }
        if (refusedForCapacity(from, p.sourceConnectionId(), length)) {
            return;
        }
        // Stateless (docs/PROTOCOL.md §4, step 2): the server id and the cookie are all the state,
        // and both travel with the client.
        challenge(nowNanos, from, p.sourceConnectionId(), newConnectionId(), length);
    }

    private void challenge(long nowNanos, InetSocketAddress from, long clientCid, long serverCid, int receivedBytes) {
        byte[] token = cookies.mint(nowNanos, from, clientCid, serverCid);
        if (reply(from, new ChallengePacket(clientCid, serverCid, token, Connection.localParameters(config, from)), receivedBytes)) {
            counters.challengesSent++;
        }
    }

    private void onResponse(long nowNanos, InetSocketAddress from, ResponsePacket p, int length) {
        long serverCid = p.destinationConnectionId();
        Connection existing = connections.get(serverCid);
        if (existing != null) {
            if (!existing.isClient() && existing.peerAddress().equals(from)
                    && existing.peerConnectionId == p.sourceConnectionId()) {
                // A retransmitted RESPONSE: our confirmation was lost or is late; confirm again.
                if (existing.state() == ConnectionState.ESTABLISHED) {
                    existing.handshakeDonePending = true;
                    onConnectionActivity(existing);
                }
            } else {
                counters.invalidCookieDropped++;
            }
            return;
        }
        if (retired.lookup(nowNanos, serverCid) != null) {
            counters.invalidCookieDropped++; // a replay naming an ended connection
            return;
        }
        long mintedAtNanos = cookies.verify(nowNanos, from, p.sourceConnectionId(), serverCid, p.token());
        if (mintedAtNanos == Long.MIN_VALUE) {
            counters.invalidCookieDropped++;
            if (listening) {
                // Expired (a long loss burst), minted before a restart, or forged: answer with a fresh
                // cookie for the same ids, still statelessly and smaller than the RESPONSE. A client
                // that really is at this address can then complete; a spoofer learns nothing useful.
                challenge(nowNanos, from, p.sourceConnectionId(), serverCid, length);
            }
            return;
        }
        if (refusedForCapacity(from, p.sourceConnectionId(), length)) {
            return;
        }
        if (acceptQueue.size() >= config.acceptBacklog()) {
            refuse(from, p.sourceConnectionId(), ErrorCode.SERVER_BUSY, acceptQueueRefusalReason, length);
            return;
        }
        // The cookie's age is an RTT sample unless the client had to retransmit: a retransmitted
        // RESPONSE (or a copy of one) left the client at least one handshake retry delay after the
        // CHALLENGE arrived, so an age beyond that delay is too long to trust.
        long sampleNanos = nowNanos - mintedAtNanos;
        long rttSampleNanos = sampleNanos > 0 && sampleNanos < config.handshakeRetryDelay().toNanos() ? sampleNanos : -1;
        Connection c = Connection.newServer(this, config, serverCid, p.sourceConnectionId(), from, p.params(),
                nowNanos, initialPacketNumber(), rttSampleNanos);
        connections.put(serverCid, c);
        acceptQueue.add(c);
        counters.connectionsAccepted++;
        onConnectionActivity(c);
    }

    /** A packet for an id we do not know: if it is a connection that ended, say how it ended. */
    private void answerLatePacket(long nowNanos, InetSocketAddress from, long localCid, int length) {
        RetiredConnectionIds.Retired r = retired.lookup(nowNanos, localCid);
        if (r != null && r.peerAddress().equals(from)) {
            // This address completed a handshake, so the anti-amplification limit does not bind:
            // the answer may carry the reason even when the late packet was a tiny probe. One
            // answer per late packet, through the bounded reply queue.
            if (reply(from, new RefusePacket(r.peerConnectionId(), r.errorCode(), r.reason()), Integer.MAX_VALUE)) {
                counters.refusalsSent++;
            }
        }
    }

    /**
     * Refuses a handshake packet when this endpoint takes no connection now: not listening
     * (CONNECTION_REFUSED), or at its connection limit (SERVER_BUSY, naming the limit and its origin).
     *
     * @return whether it refused
     */
    private boolean refusedForCapacity(InetSocketAddress from, long clientCid, int length) {
        if (!listening) {
            refuse(from, clientCid, ErrorCode.CONNECTION_REFUSED, "not accepting connections", length);
            return true;
        }
        if (connections.size() >= limit.maxConnections()) {
            refuse(from, clientCid, ErrorCode.SERVER_BUSY, limitRefusalReason, length);
            return true;
        }
        return false;
    }

    private void refuse(InetSocketAddress to, long clientCid, ErrorCode code, String reason, int receivedBytes) {
        if (reply(to, new RefusePacket(clientCid, code, reason), receivedBytes)) {
            counters.refusalsSent++;
        }
    }

    /**
     * Queues a stateless reply, never larger than the datagram that provoked it (an unvalidated
     * address must not be able to use us as an amplifier), and never more than the queue holds.
     */
    private boolean reply(InetSocketAddress to, Packet packet, int receivedBytes) {
        if (PacketCodec.encodedLength(packet) > receivedBytes) {
            return false;
        }
        if (replies.size() >= MAX_PENDING_REPLIES) {
            counters.statelessRepliesDropped++;
            return false;
        }
        replies.add(new StatelessReply(to, packet));
        return true;
    }

    // ---------------------------------------------------------------- bookkeeping

    /** Something about {@code c} changed: re-file its deadline, queue it to send, forget it if closed. */
    void onConnectionActivity(Connection c) {
        if (c.state() == ConnectionState.CLOSED) {
            forget(c);
        } else {
            reschedule(c);
            if (!c.queuedToSend) {
                c.queuedToSend = true;
                sendQueue.add(c);
            }
        }
        listener.onConnectionChanged(c);
    }

    void onConnectionEstablished(Connection c) {
        // Nothing beyond activity yet; the public API layer listens here.
    }

    /** Scratch space for one outgoing datagram, shared by all connections (one thread). */
    byte[] scratch() {
        return scratch;
    }

    /** The writer every connection assembles its DATA packets with (one thread drives the endpoint). */
    DataPacketWriter packetWriter() {
        return dataWriter;
    }

    private void reschedule(Connection c) {
        long deadline = c.nextDeadlineNanos();
        if (deadline == timers.deadlineOf(c)) {
            return;
        }
        if (deadline == NO_DEADLINE) {
            timers.remove(c);
        } else {
            timers.schedule(c, deadline);
        }
    }

    private void forget(Connection c) {
        if (lastRouted == c) {
            lastRouted = null;
        }
        if (connections.remove(c.localConnectionId(), c)) {
            timers.remove(c);
            ErrorCode code = c.closeReason() == null ? ErrorCode.INTERNAL_ERROR : c.closeReason().errorCode();
            // The reason the peer would have read in our CLOSE frame (if it was lost): the wire
            // reason of an abort or error; nothing after a clean end.
            String reason = c.closeFrameReason == null || code == ErrorCode.NO_ERROR ? "" : c.closeFrameReason;
            if (c.peerConnectionId != 0) {
                retired.retire(lastNowNanos, c.localConnectionId(), c.peerConnectionId, c.peerAddress(), code, reason);
            }
            counters.connectionsClosed++;
        }
    }

    private void onMalformed(MalformedPacketException e, ByteBuffer datagram, int start, int length) {
        switch (e.reason()) {
            case BAD_CHECKSUM:
                counters.corruptDropped++;
                if (length >= PacketCodec.DATA_HEADER_BYTES) {
                    Connection c = connections.get(datagram.getLong(start + 2));
                    if (c != null) {
                        c.counters.corruptPackets++;
                    }
                }
                break;
            case UNKNOWN_VERSION:
                counters.unknownVersionDropped++;
                break;
            case HANDSHAKE_TOO_SMALL:
                counters.undersizedHandshakeDropped++;
                break;
            default:
                counters.malformedDropped++;
        }
    }

    private void onInternalError(long nowNanos, long connectionId, RuntimeException bug) {
        counters.internalErrors++;
        Connection c = connections.get(connectionId);
        if (c != null) {
            c.terminate(nowNanos, CloseReason.of(CloseReason.Kind.PROTOCOL_ERROR, ErrorCode.INTERNAL_ERROR,
                    "internal error in rudp (please report it): " + bug), false);
            forget(c);
        }
    }

    private long newConnectionId() {
        for (int attempt = 0; attempt < 64; attempt++) {
            long id = random.nextLong();
            if (id != 0 && !connections.containsKey(id) && retired.lookup(lastNowNanos, id) == null) {
                return id;
            }
        }
        throw new IllegalStateException("the random source keeps repeating connection ids; it is broken");
    }

    private long initialPacketNumber() {
        return random.nextInt(1 << 30); // docs/PROTOCOL.md §1: random in [0, 2^30)
    }


    private void observe(long nowNanos) {
        lastNowNanos = nowNanos;
    }
}
