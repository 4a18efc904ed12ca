package io.rudp.internal;

import io.rudp.core.Connection;
import io.rudp.core.ConnectionState;
import io.rudp.core.Endpoint;
import io.rudp.core.EngineConfig;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Two engines wired to each other in memory, on a clock the test moves: no socket, no thread.
 * Datagrams are handed across by {@link #exchange}.
 */
final class EnginePair {

    static final InetSocketAddress CLIENT_ADDRESS = new InetSocketAddress("127.0.0.1", 40001);
    static final InetSocketAddress SERVER_ADDRESS = new InetSocketAddress("127.0.0.1", 40002);

    final Endpoint client = new Endpoint(EngineConfig.defaults(), new SplittableRandom(1));
    final Endpoint server = new Endpoint(EngineConfig.defaults(), new SplittableRandom(2));
    private final ByteBuffer datagram = ByteBuffer.allocate(EngineConfig.MAX_DATAGRAM_BYTES);
    long nowNanos = 1_000_000_000L;

    EnginePair() {
        server.listen();
    }

    /** A client connection that is established, with its accepted server side. */
    Connection[] establish() {
        Connection clientSide = client.connect(nowNanos, SERVER_ADDRESS);
        Connection serverSide = null;
        for (int round = 0; round < 10 && (clientSide.state() != ConnectionState.ESTABLISHED || serverSide == null); round++) {
            exchange();
            Connection accepted = server.pollAccepted();
            serverSide = accepted != null ? accepted : serverSide;
        }
        if (clientSide.state() != ConnectionState.ESTABLISHED || serverSide == null) {
            throw new AssertionError("no handshake within 10 exchanges: " + clientSide.state());
        }
        return new Connection[] {clientSide, serverSide};
    }

    /** 1 ms later: fires due timers, then moves every datagram each engine wants to send to the other. */
    void exchange() {
        nowNanos += 1_000_000L;
        client.handleTimeout(nowNanos);
        server.handleTimeout(nowNanos);
        // pollTransmit leaves the datagram between position and limit.
        while (client.pollTransmit(nowNanos, datagram.clear()) != null) {
            server.handleDatagram(nowNanos, CLIENT_ADDRESS, datagram);
        }
        while (server.pollTransmit(nowNanos, datagram.clear()) != null) {
            client.handleDatagram(nowNanos, SERVER_ADDRESS, datagram);
        }
    }
}
