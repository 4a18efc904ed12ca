package io.rudp.testkit;

import io.rudp.core.Connection;
import io.rudp.core.ConnectionState;
import io.rudp.core.DatagramEngine;
import io.rudp.core.Endpoint;
import io.rudp.core.EngineConfig;
import io.rudp.core.wire.PacketType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded connects over a lossy simulated path: each trial is a fresh {@link SimulatedNetwork}
 * with one client {@link Endpoint} and one listening server {@code Endpoint}, independent random
 * loss each way and a fixed delay; the client connects and the trial ends when the connection is
 * established or has failed (docs/PROTOCOL.md §4). Records each connect's virtual duration and
 * what the server sent to the client's address before the address was proven.
 *
 * <p>Used by the handshake scenario tests and by {@code rudp bench --only handshake}; the same
 * arguments give the same {@link Result}.
 */
public final class HandshakeTrials {

    /** What a connect that failed (or did not end within the trial's bound) records as its duration. */
    public static final long FAILED = -1;

    private static final int CHALLENGE = PacketType.CHALLENGE.code();
    private static final int REFUSE = PacketType.REFUSE.code();
    private static final int INITIAL = PacketType.INITIAL.code();
    private static final int RESPONSE = PacketType.RESPONSE.code();

    private HandshakeTrials() {
    }

    /**
     * The outcome of a series of connects.
     *
     * @param connectNanos each connect's duration in virtual nanoseconds, in trial order, or
     *     {@link #FAILED}
     * @param handshakeBytesReceived bytes of INITIAL and RESPONSE datagrams the servers received
     * @param statelessBytesSent bytes of CHALLENGE and REFUSE datagrams the servers sent: everything
     *     they sent to an address not yet proven
     * @param mostServerConnections the most connections any server held at once
     * @param amplifyingTrials trials in which the server sent more stateless bytes than it received
     *     handshake bytes (the anti-amplification limit says none)
     */
    public record Result(long[] connectNanos, long handshakeBytesReceived, long statelessBytesSent,
            int mostServerConnections, int amplifyingTrials) {

        /** Copies the array. */
        public Result {
            connectNanos = connectNanos.clone();
        }

        /** Returns a copy of the durations. */
        @Override
        public long[] connectNanos() {
            return connectNanos.clone();
        }

        /** How many connects there were. */
        public int connects() {
            return connectNanos.length;
        }

        /** How many connects were established within {@code limit} of their start. */
        public int finishedWithin(Duration limit) {
            long limitNanos = limit.toNanos();
            int n = 0;
            for (long d : connectNanos) {
                if (d != FAILED && d <= limitNanos) {
                    n++;
                }
            }
            return n;
        }

        /**
         * The {@code q}-quantile (0 to 1, nearest rank) of the connect durations, a failed connect
         * counting as longer than any; {@link #FAILED} if the quantile falls on a failed connect.
         */
        public long quantileNanos(double q) {
            if (!(q >= 0 && q <= 1)) {
                throw new IllegalArgumentException("q must be between 0 and 1, got " + q);
            }
            long[] sorted = connectNanos.clone();
            for (int i = 0; i < sorted.length; i++) {
                if (sorted[i] == FAILED) {
                    sorted[i] = Long.MAX_VALUE;
                }
            }
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(q * sorted.length);
            long v = sorted[Math.max(0, rank - 1)];
            return v == Long.MAX_VALUE ? FAILED : v;
        }
    }

    /**
     * Runs {@code connects} trials, trial {@code i} on a network seeded {@code seed + i}.
     *
     * @param clientConfig the client endpoint's settings
     * @param serverConfig the server endpoint's settings
     * @param lossEachWay the probability that a datagram is lost, in each direction (0 to 1)
     * @param rtt the round-trip time of the path (half of it each way)
     * @param connects how many connects, at least 1
     * @param seed the first trial's seed
     * @param bound how long a trial may run at most (a connect still pending then counts as failed)
     */
    public static Result run(EngineConfig clientConfig, EngineConfig serverConfig, double lossEachWay, Duration rtt,
            int connects, long seed, Duration bound) {
        Objects.requireNonNull(clientConfig, "clientConfig");
        Objects.requireNonNull(serverConfig, "serverConfig");
        Objects.requireNonNull(rtt, "rtt");
        Objects.requireNonNull(bound, "bound");
        if (connects < 1) {
            throw new IllegalArgumentException("connects must be at least 1, got " + connects);
        }
        LinkConfig link = LinkConfig.builder().lossRate(lossEachWay).delayNanos(rtt.toNanos() / 2).build();
        long[] durations = new long[connects];
        long handshakeBytesReceived = 0;
        long statelessBytesSent = 0;
        int mostConnections = 0;
        int amplifyingTrials = 0;
        for (int i = 0; i < connects; i++) {
            SimulatedNetwork network = new SimulatedNetwork(seed + i);
            Endpoint client = new Endpoint(clientConfig, new SplittableRandom(seed + i));
            Endpoint server = new Endpoint(serverConfig, new SplittableRandom(~(seed + i)));
            server.listen();
            CountingServer counting = new CountingServer(server);
            InetSocketAddress clientAddress = network.attach(client);
            InetSocketAddress serverAddress = network.attach(counting);
            network.setPath(clientAddress, serverAddress, link);
            long start = network.nowNanos();
            Connection c = client.connect(start, serverAddress);
            network.runUntil(() -> c.state() != ConnectionState.CONNECTING, bound.toNanos());
            durations[i] = c.state() == ConnectionState.ESTABLISHED ? network.nowNanos() - start : FAILED;
            handshakeBytesReceived += counting.handshakeBytesReceived;
            statelessBytesSent += counting.statelessBytesSent;
            mostConnections = Math.max(mostConnections, counting.mostConnections);
            if (counting.statelessBytesSent > counting.handshakeBytesReceived) {
                amplifyingTrials++;
            }
        }
        return new Result(durations, handshakeBytesReceived, statelessBytesSent, mostConnections, amplifyingTrials);
    }

    /** The server engine, counting handshake bytes in and stateless bytes out by their type byte. */
    private static final class CountingServer implements DatagramEngine {
        private final Endpoint server;
        long handshakeBytesReceived;
        long statelessBytesSent;
        int mostConnections;

        CountingServer(Endpoint server) {
            this.server = server;
        }

        @Override
        public void handleDatagram(long nowNanos, InetSocketAddress from, ByteBuffer datagram) {
            int type = datagram.remaining() > 1 ? datagram.get(datagram.position() + 1) & 0xFF : -1;
            if (type == INITIAL || type == RESPONSE) {
                handshakeBytesReceived += datagram.remaining();
            }
            server.handleDatagram(nowNanos, from, datagram);
            mostConnections = Math.max(mostConnections, server.connectionCount());
        }

        @Override
        public void handleTimeout(long nowNanos) {
            server.handleTimeout(nowNanos);
        }

        @Override
        public InetSocketAddress pollTransmit(long nowNanos, ByteBuffer out) {
            InetSocketAddress to = server.pollTransmit(nowNanos, out);
            if (to != null && out.remaining() > 1) {
                int type = out.get(out.position() + 1) & 0xFF;
                if (type == CHALLENGE || type == REFUSE) {
                    statelessBytesSent += out.remaining();
                }
            }
            return to;
        }

        @Override
        public long nextDeadlineNanos() {
            return server.nextDeadlineNanos();
        }
    }
}
