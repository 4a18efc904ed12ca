package io.rudp;

import io.rudp.core.EngineConfig;
import io.rudp.core.trace.ConnectionTracerFactory;
import io.rudp.internal.PublicTypes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a {@link ReliableServer}, {@link ReliableSocket} or {@link RudpClient}
 * and their connections. Build one with {@link #builder()}; every setter validates its argument
 * and its message names the setting and the range allowed.
 *
 * <pre>{@code
 * RudpConfig config = RudpConfig.builder()
 *         .idleTimeout(Duration.ofSeconds(60))
 *         .maxDatagramBytes(1400)
 *         .build();
 * try (ReliableServer server = new ReliableServer(new InetSocketAddress("0.0.0.0", 55265), config)) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Each getter says what the setting does, its default and, on the {@link Builder}'s setter,
 * its range. Instances are immutable and safe to share between threads and endpoints.
 */
public final class RudpConfig {

    /** The UDP payload size that never fragments on the Internet (also QUIC's minimum): 1,200. */
    public static final int MIN_DATAGRAM_BYTES = EngineConfig.MIN_DATAGRAM_BYTES;
    /** The largest UDP payload over IPv4: 65,535 - 8 (UDP header) - 20 (IP header) = 65,507. */
    public static final int MAX_DATAGRAM_BYTES = EngineConfig.MAX_DATAGRAM_BYTES;

    private static final RudpConfig DEFAULTS = new RudpConfig(EngineConfig.defaults());

    static {
        PublicTypes.registerConfigAccess(new PublicTypes.ConfigAccess() {
            @Override
            public EngineConfig engineConfig(RudpConfig config) {
                return config.engineConfig();
            }

            @Override
            public RudpConfig rudpConfig(EngineConfig config) {
                return RudpConfig.of(config);
            }
        });
    }

    /** The engine's settings: the one validated copy, which the socket layer hands to the engine. */
    private final EngineConfig engine;

    private RudpConfig(EngineConfig engine) {
        this.engine = engine;
    }

    /** The default settings. */
    public static RudpConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(EngineConfig.builder());
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(engine.toBuilder());
    }

    /**
     * The engine's settings for the project's own code (the socket layer, the CLI, the
     * benchmarks): package-private, reached from {@code io.rudp.internal} through
     * {@link PublicTypes#engineConfig(RudpConfig)}; not public API.
     */
    EngineConfig engineConfig() {
        return engine;
    }

    /** The settings {@code engine} holds, for the project's own code; see {@link #engineConfig()}. */
    static RudpConfig of(EngineConfig engine) {
        Objects.requireNonNull(engine, "engine");
        return engine == EngineConfig.defaults() ? DEFAULTS : new RudpConfig(engine);
    }

    /**
     * Longest time a client spends connecting before it fails with a handshake timeout, however
     * many attempts it has left. Default 10 s. With the default retry settings this, not
     * {@link #handshakeAttempts()}, is what ends a connect to a silent server.
     */
    public Duration handshakeTimeout() {
        return engine.handshakeTimeout();
    }

    /**
     * How many times the client sends each handshake packet (INITIAL, then RESPONSE, each counted
     * on its own) before it gives up, if {@link #handshakeTimeout()} has not ended the attempt
     * first. The extra copies of a retransmission ({@link #handshakeCopies()}) do not count: an
     * attempt is one scheduled send with its copies. The client gives up one retry delay after its
     * last attempt. Default 12: with the default delays (0.25, 0.5, then 1 s) the last attempt
     * would go out at 9.75 s, so the 10 s handshake timeout comes first.
     */
    public int handshakeAttempts() {
        return engine.handshakeAttempts();
    }

    /**
     * How long the client waits for an answer to its first send of a handshake packet before
     * sending it again (docs/PROTOCOL.md §4). The delay doubles after each retransmission up to
     * {@link #handshakeMaxRetryDelay()}. No RTT is known yet; set it above the path's round-trip
     * time where that is known to exceed it (a slower path only costs spurious retransmissions).
     * A server takes a cookie's age as its first RTT sample only when it is below this delay (an
     * older cookie came back in a retransmission). Default 250 ms.
     */
    public Duration handshakeRetryDelay() {
        return engine.handshakeRetryDelay();
    }

    /**
     * The longest delay between two attempts of a handshake packet: the doubling of
     * {@link #handshakeRetryDelay()} stops here. Default 1 s.
     */
    public Duration handshakeMaxRetryDelay() {
        return engine.handshakeMaxRetryDelay();
    }

    /**
     * How many copies of each handshake retransmission the client sends, a few milliseconds apart
     * (the first send of each packet always goes once). Each copy is answered on its own, so on a
     * path losing a fraction p of packets each way a retransmission fails with probability
     * (1 - (1 - p)^2)^copies instead of 1 - (1 - p)^2. 1 turns the copies off. Default 2.
     */
    public int handshakeCopies() {
        return engine.handshakeCopies();
    }

    /**
     * The probe timeout of an established connection before any RTT is measured (RFC 9002 §6.2.2;
     * the handshake has its own {@link #handshakeRetryDelay()}). Default 500 ms.
     */
    public Duration initialRto() {
        return engine.initialRto();
    }

    /** Floor of the probe timeout. Default 10 ms. */
    public Duration minRto() {
        return engine.minRto();
    }

    /**
     * Ceiling of the probe timeout. Default 10 s. The backoff of consecutive probe timeouts
     * stops sooner: probes go out at least every max(500 ms, the probe timeout without
     * backoff), and never further apart than this (docs/PROTOCOL.md §5).
     */
    public Duration maxRto() {
        return engine.maxRto();
    }

    /**
     * How long a connection waits for an answer before it declares the peer gone. Default 30 s.
     *
     * <p>The rule (docs/PROTOCOL.md §5): while something this side sent awaits the peer's answer
     * (an ack-eliciting packet is in flight: data, a probe, a keep-alive PING), and nothing at all
     * has been heard from the peer for this long, counted from the later of the last packet heard
     * and the moment the wait began, the connection fails with
     * {@link CloseReason.Kind#TIMED_OUT} and sends CLOSE(TIMEOUT). Never before: however many
     * probes went unanswered, and whatever the RTT estimate, a path that comes back within this
     * duration finds the connection alive, and probes reach it within half a second
     * (docs/PROTOCOL.md §5).
     *
     * <p>The {@linkplain #idleTimeout() idle timeout} is the other limit on silence: nothing heard
     * at all for the negotiated idle timeout closes the connection silently, whether or not
     * something awaits an answer. Whichever limit is reached first ends the connection (when both
     * are due at once, this one, with its reason). With the defaults (peer timeout 30 s, idle
     * timeout 60 s, keep-alive 25 s) an outage longer than 30 s ends a connection that awaits an
     * answer, including an idle one whose keep-alive went unanswered; to ride out longer outages
     * raise the peer timeout, and the idle timeout with it, since a peer timeout longer than the
     * negotiated idle timeout cannot take effect.
     */
    public Duration peerTimeout() {
        return engine.peerTimeout();
    }

    /**
     * Largest UDP payload this side sends and accepts on a connection whose peer is not a
     * loopback address. Default 1,200 bytes, which never fragments on the Internet. Each side
     * announces its value in its transport parameters and a connection sends at most the smaller
     * of both sides' values (docs/PROTOCOL.md §1). Above 1,200 it is a ceiling, not a promise:
     * a connection starts at 1,200 and uses a larger size only once a probe of that size was
     * acknowledged (path MTU discovery, RFC 8899: the ceiling first, then common sizes and a
     * binary search below; again every 10 minutes; back to 1,200 if the path stops carrying it).
     * So a LAN user sets e.g. 8,972 (a 9,000-byte jumbo MTU over IPv4) and each connection uses
     * it where the path allows and falls back where it does not. Loopback peers use
     * {@link #loopbackDatagramBytes()} instead, without probing.
     */
    public int maxDatagramBytes() {
        return engine.maxDatagramBytes();
    }

    /**
     * Largest UDP payload this side sends and accepts on a connection whose peer is a loopback
     * address ({@link InetAddress#isLoopbackAddress()}: 127.0.0.0/8 or ::1), used there instead of
     * {@link #maxDatagramBytes()}. Default 65,507 (the largest UDP payload over IPv4, and the
     * largest the protocol allows over IPv6 too): loopback does not fragment and has no MTU below
     * that, and large datagrams move several times more bytes per system call. As with
     * {@code maxDatagramBytes}, a connection sends at most the smaller of both sides' values, so a
     * peer announcing 1,200 keeps it at 1,200. Set it to 1,200 to keep loopback connections at the
     * Internet-safe size (for instance when a local relay or impairment proxy stands in for a real
     * path). See {@link #maxDatagramBytesFor(InetSocketAddress)}.
     */
    public int loopbackDatagramBytes() {
        return engine.loopbackDatagramBytes();
    }

    /**
     * The datagram ceiling this side announces to {@code peer}: {@link #loopbackDatagramBytes()}
     * when the peer's address is a loopback address ({@link InetAddress#isLoopbackAddress()}),
     * else {@link #maxDatagramBytes()}. Pure computation on the address (no name lookup, no I/O).
     *
     * @param peer the peer's socket address; an unresolved one counts as not loopback
     * @return the largest UDP payload this side sends to and accepts from {@code peer}
     */
    public int maxDatagramBytesFor(InetSocketAddress peer) {
        return engine.maxDatagramBytesFor(peer);
    }

    /**
     * The largest datagram this side sends or accepts on any connection: the larger of
     * {@link #maxDatagramBytes()} and {@link #loopbackDatagramBytes()}.
     */
    public int largestDatagramBytes() {
        return engine.largestDatagramBytes();
    }

    /**
     * Bytes written but not yet acknowledged that a connection holds at most. Default 8 MiB: about
     * 6.7 bandwidth-delay products of a 100 Mbit/s, 100 ms path, which a lossy long path needs
     * (docs/PERFORMANCE.md); storage grows with use, so idle connections do not hold it.
     */
    public int sendBufferBytes() {
        return engine.sendBufferBytes();
    }

    /**
     * Bytes received but not yet read that a connection holds at most: its flow-control window.
     * Default 8 MiB (see {@link #sendBufferBytes()}); storage grows with use.
     */
    public int receiveBufferBytes() {
        return engine.receiveBufferBytes();
    }

    /**
     * A connection that hears nothing at all from its peer for this long closes silently, whether
     * or not something awaits an answer. Each side announces its value and the smaller non-zero
     * one applies to both (docs/PROTOCOL.md §6). Zero disables. Default 60 s, so that the default
     * keep-alive of 25 s is at most half of it. See {@link #peerTimeout()} for the limit on waiting
     * for an answer, which ends a connection to a vanished peer sooner once a keep-alive goes
     * unanswered.
     */
    public Duration idleTimeout() {
        return engine.idleTimeout();
    }

    /**
     * How often an idle connection is kept alive. Zero disables. Default 25 s, at most half the
     * effective idle timeout: often enough for the NATs and firewalls on most paths (RFC 9000
     * §10.1.2: experience shows a packet every 30 s keeps most middleboxes' UDP state), rare
     * enough that 10,000 idle connections cost about one PING and one ACK per 2.5 ms. The client sends a PING when it sent and received nothing for this
     * long; the server answers at once and pings itself only when it heard nothing from the
     * client for twice this long (a client with keep-alives off), so an idle connection costs one
     * PING and one ACK per interval. A quiet interval is also when a connection gives the storage
     * of its drained buffers back (docs/PROTOCOL.md §6, §7).
     */
    public Duration keepAliveInterval() {
        return engine.keepAliveInterval();
    }

    /**
     * Longest this side delays an acknowledgement (advertised to the peer as max_ack_delay, which
     * its probe timeout includes). Default 5 ms: a lost lone message waits one probe timeout, so
     * this bounds small-message latency under loss; bulk transfers acknowledge every second
     * packet regardless.
     */
    public Duration ackDelay() {
        return engine.ackDelay();
    }

    /** Longest a partly filled packet waits for more bytes while earlier data is in flight. Default 1 ms. */
    public Duration flushDelay() {
        return engine.flushDelay();
    }

    /**
     * How long a graceful close waits for the peer to acknowledge everything and finish its own
     * side before the connection is aborted. Default 10 s.
     */
    public Duration closeTimeout() {
        return engine.closeTimeout();
    }

    /** Largest message {@code sendMessage}/{@code receiveMessage} accept. Default 1 MiB. */
    public int maxMessageBytes() {
        return engine.maxMessageBytes();
    }

    /**
     * The congestion controller. Default {@link CongestionControl#BBR}: on the simulated links of
     * docs/PERFORMANCE.md it is the only one that keeps its rate under random loss (95.8 Mbit/s
     * of 100 at 1% loss and 20 ms, where NewReno gets 4.8), at the cost of 2-3% at 0% loss.
     */
    public CongestionControl congestionControl() {
        return PublicTypes.congestionControl(engine.congestionControl());
    }

    /** Established connections waiting for {@code accept()} at most. Default 128. */
    public int acceptBacklog() {
        return engine.acceptBacklog();
    }

    /**
     * Connections an endpoint holds at most (including those waiting to be accepted), or 0 (the
     * default) for a limit set from memory: idle connections may take a quarter of the maximum
     * heap at 16 KiB each (an idle connection costs less, engine and socket layer together), so a
     * 1 GiB heap holds 16,384 and a 4 GiB heap 65,536; at least 64, at most 1,048,576. The socket
     * layer passes the JVM's maximum heap ({@code Runtime.maxMemory()}) to the engine, which reads
     * no environment itself (see docs/DESIGN.md). A connection beyond the limit is
     * refused with SERVER_BUSY, and the refusal names the limit and where it came from.
     */
    public int maxConnections() {
        return engine.maxConnections();
    }

    /**
     * Makes each connection's event trace (see {@link TraceFiles} for JSON-lines files), or
     * {@code null}. Default {@code null}: no tracing, at the cost of one null check per event.
     */
    public ConnectionTracerFactory tracerFactory() {
        return engine.tracerFactory();
    }

    @Override
    public String toString() {
        return "RudpConfig" + engine.toString().substring("EngineConfig".length());
    }

    /**
     * Builds a {@link RudpConfig}; each setter rejects an out-of-range value at once with an
     * {@link IllegalArgumentException} (a null one with a {@link NullPointerException}) naming the
     * setting and its range, and {@link #build()} checks the settings against each other. The
     * rules are the engine's own: this builder hands each value to an engine builder, so the
     * socket API and the engine cannot disagree on what is valid.
     */
    public static final class Builder {

        private final EngineConfig.Builder engine;

        private Builder(EngineConfig.Builder engine) {
            this.engine = engine;
        }

        /** Total time a connect attempt may take: 1 ms to 10 minutes. */
        public Builder handshakeTimeout(Duration value) {
            engine.handshakeTimeout(value);
            return this;
        }

        /** Attempts of each handshake packet before giving up (copies not counted): 1 to 100. */
        public Builder handshakeAttempts(int value) {
            engine.handshakeAttempts(value);
            return this;
        }

        /** Wait before the first retransmission of a handshake packet: 1 ms to 60 s, not above handshakeMaxRetryDelay. */
        public Builder handshakeRetryDelay(Duration value) {
            engine.handshakeRetryDelay(value);
            return this;
        }

        /** Ceiling of the doubling handshake retry delay: 1 ms to 10 minutes, not below handshakeRetryDelay. */
        public Builder handshakeMaxRetryDelay(Duration value) {
            engine.handshakeMaxRetryDelay(value);
            return this;
        }

        /** Copies of each handshake retransmission: 1 (no extra copy) to 3. */
        public Builder handshakeCopies(int value) {
            engine.handshakeCopies(value);
            return this;
        }

        /** Timeout before the first RTT sample: 1 ms to 60 s. */
        public Builder initialRto(Duration value) {
            engine.initialRto(value);
            return this;
        }

        /** Probe-timeout floor: 1 ms to 60 s, and not above maxRto. */
        public Builder minRto(Duration value) {
            engine.minRto(value);
            return this;
        }

        /** Probe-timeout ceiling: 1 ms to 10 minutes, and not below minRto. */
        public Builder maxRto(Duration value) {
            engine.maxRto(value);
            return this;
        }

        /**
         * How long an unanswered connection waits before it declares the peer gone: 100 ms to 1 day
         * (see {@link RudpConfig#peerTimeout()} for the rule).
         */
        public Builder peerTimeout(Duration value) {
            engine.peerTimeout(value);
            return this;
        }

        /**
         * Largest UDP payload towards peers that are not loopback addresses: 1,200 to 65,507 bytes
         * (see {@link RudpConfig#maxDatagramBytes()}).
         */
        public Builder maxDatagramBytes(int value) {
            engine.maxDatagramBytes(value);
            return this;
        }

        /**
         * Largest UDP payload towards loopback peers: 1,200 to 65,507 bytes (see
         * {@link RudpConfig#loopbackDatagramBytes()}); 1,200 keeps loopback at the Internet-safe size.
         */
        public Builder loopbackDatagramBytes(int value) {
            engine.loopbackDatagramBytes(value);
            return this;
        }

        /** Send buffer: 4 KiB to 1 GiB. */
        public Builder sendBufferBytes(int value) {
            engine.sendBufferBytes(value);
            return this;
        }

        /** Receive buffer (flow-control window): 4 KiB to 1 GiB. */
        public Builder receiveBufferBytes(int value) {
            engine.receiveBufferBytes(value);
            return this;
        }

        /** Idle timeout: zero (none) or 10 ms to 1 day. */
        public Builder idleTimeout(Duration value) {
            engine.idleTimeout(value);
            return this;
        }

        /** Keep-alive interval: zero (none) or 10 ms to 1 day; must be shorter than a non-zero idle timeout. */
        public Builder keepAliveInterval(Duration value) {
            engine.keepAliveInterval(value);
            return this;
        }

        /** Maximum acknowledgement delay: zero to 1 s. */
        public Builder ackDelay(Duration value) {
            engine.ackDelay(value);
            return this;
        }

        /** How long a partly filled packet may wait for more bytes: zero (never wait) to 1 s. */
        public Builder flushDelay(Duration value) {
            engine.flushDelay(value);
            return this;
        }

        /** How long a graceful close may wait for the peer: 1 ms to 1 hour. */
        public Builder closeTimeout(Duration value) {
            engine.closeTimeout(value);
            return this;
        }

        /** Largest message for the message API: 1 byte to 1 GiB. */
        public Builder maxMessageBytes(int value) {
            engine.maxMessageBytes(value);
            return this;
        }

        /** The congestion controller: BBR (default), CUBIC or NEW_RENO. */
        public Builder congestionControl(CongestionControl value) {
            Objects.requireNonNull(value, "congestionControl must not be null");
            engine.congestionControl(PublicTypes.congestionControl(value));
            return this;
        }

        /** Accept queue length: 1 to 65,536. */
        public Builder acceptBacklog(int value) {
            engine.acceptBacklog(value);
            return this;
        }

        /**
         * Connection limit: 1 to 1,048,576, or 0 (the default) to set it from memory (see
         * {@link RudpConfig#maxConnections()}).
         */
        public Builder maxConnections(int value) {
            engine.maxConnections(value);
            return this;
        }

        /** The per-connection event trace factory, or {@code null} (the default) for no tracing. */
        public Builder tracerFactory(ConnectionTracerFactory value) {
            engine.tracerFactory(value);
            return this;
        }

        /**
         * Checks the settings against each other and builds.
         *
         * @throws IllegalArgumentException if minRto exceeds maxRto, handshakeRetryDelay exceeds
         *     handshakeMaxRetryDelay, or the keep-alive interval is not shorter than the idle timeout
         */
        public RudpConfig build() {
            return new RudpConfig(engine.build());
        }
    }
}
