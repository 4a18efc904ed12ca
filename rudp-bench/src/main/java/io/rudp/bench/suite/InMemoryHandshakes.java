package io.rudp.bench.suite;

import io.rudp.core.Connection;
import io.rudp.core.DatagramEngine;
import io.rudp.core.Endpoint;
import io.rudp.core.EngineConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Complete handshakes on one thread with no socket: a client {@link Endpoint} and a server
 * {@code Endpoint} (each with a {@link SecureRandom}, as the socket API builds them) hand their
 * datagrams to each other in memory. Each handshake is a connect, both sides established (the
 * server's connection accepted), a graceful close of both, and both endpoints empty again. The
 * engines run on a virtual clock that moves 10 µs per exchange and jumps to the next timer when
 * nothing is in flight (the close lingers three probe timeouts), so only the engines' work is
 * timed, on the wall clock, by the caller.
 */
final class InMemoryHandshakes {

    private static final long EXCHANGE_NANOS = 10_000;
    private static final int MAX_STEPS_PER_HANDSHAKE = 100_000;

    private final Endpoint client;
    private final Endpoint server;
    private final InetSocketAddress clientAddress;
    private final InetSocketAddress serverAddress;
    private final ByteBuffer datagram;
    private long nowNanos = 1_000_000_000L;

    InMemoryHandshakes(EngineConfig config) {
        this.client = new Endpoint(config, new SecureRandom());
        this.server = new Endpoint(config, new SecureRandom());
        this.server.listen();
        this.clientAddress = address(1, 40_001);
        this.serverAddress = address(2, 443);
        this.datagram = ByteBuffer.allocate(config.largestDatagramBytes());
    }

    private static InetSocketAddress address(int lastOctet, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) lastOctet}), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code count} complete handshakes one after another. */
    void run(int count) {
        for (int i = 0; i < count; i++) {
            handshake();
        }
    }

    private void handshake() {
        Connection c = client.connect(nowNanos, serverAddress);
        Connection s = null;
        int steps = 0;
        while (s == null || !c.isEstablished()) {
            step(++steps, c);
            if (s == null) {
                s = server.pollAccepted();
            }
        }
        c.close(nowNanos);
        s.close(nowNanos);
        while (client.connectionCount() > 0 || server.connectionCount() > 0) {
            step(++steps, c);
        }
    }

    /** Moves every queued datagram across, or, with none queued, fires the next timer. */
    private void step(int steps, Connection c) {
        if (steps > MAX_STEPS_PER_HANDSHAKE) {
            throw new IllegalStateException("a handshake did not finish in " + MAX_STEPS_PER_HANDSHAKE
                    + " steps; client connection " + c + ", server holds " + server.connectionCount());
        }
        boolean moved = deliver(client, clientAddress, server) | deliver(server, serverAddress, client);
        if (moved) {
            nowNanos += EXCHANGE_NANOS;
            return;
        }
        long deadline = earliest(client.nextDeadlineNanos(), server.nextDeadlineNanos());
        if (deadline == DatagramEngine.NO_DEADLINE) {
            throw new IllegalStateException("nothing in flight and no timer armed; client connection " + c);
        }
        if (deadline - nowNanos > 0) {
            nowNanos = deadline;
        }
        client.handleTimeout(nowNanos);
        server.handleTimeout(nowNanos);
    }

    private boolean deliver(Endpoint from, InetSocketAddress fromAddress, Endpoint to) {
        boolean moved = false;
        while (true) {
            datagram.clear();
            if (from.pollTransmit(nowNanos, datagram) == null) {
                return moved;
            }
            to.handleDatagram(nowNanos, fromAddress, datagram);
            moved = true;
        }
    }

    private static long earliest(long a, long b) {
        if (a == DatagramEngine.NO_DEADLINE) {
            return b;
        }
        if (b == DatagramEngine.NO_DEADLINE) {
            return a;
        }
        return a - b <= 0 ? a : b;
    }
}
