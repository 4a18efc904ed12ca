package io.rudp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Test fixture: a listening {@link ReliableServer}, a connected {@link ReliableSocket} and the
 * server's {@link ClientConnection} for it, all on loopback with short timeouts. Closing it closes
 * the connection, then the socket, then shuts the server down; cleanup failures are ignored
 * because the tests that care about close call it themselves.
 */
final class LoopbackPair implements AutoCloseable {

    /** Short handshake and close timeouts so that failure paths finish in a few seconds. */
    static final RudpConfig FAST = RudpConfig.builder()
            .handshakeTimeout(Duration.ofSeconds(2))
            .closeTimeout(Duration.ofSeconds(2))
            .build();

    /** Bound on waiting for the server to hand over a client that already completed the handshake. */
    static final Duration ACCEPT_BOUND = Duration.ofSeconds(5);

    final ReliableServer server;
    final ReliableSocket client;
    final ClientConnection accepted;

    private LoopbackPair(ReliableServer server, ReliableSocket client, ClientConnection accepted) {
        this.server = server;
        this.client = client;
        this.accepted = accepted;
    }

    /** A pair on 127.0.0.1 with {@link #FAST} settings. */
    static LoopbackPair open() throws IOException {
        return open(FAST);
    }

    /** A pair on 127.0.0.1 with {@code config} on both sides. */
    static LoopbackPair open(RudpConfig config) throws IOException {
        return open(new InetSocketAddress("127.0.0.1", 0), InetAddress.getByName("127.0.0.1"), config);
    }

    /**
     * A server bound to {@code bind} and a client connecting to {@code connectTo} at the server's
     * real port; both with {@code config}.
     */
    static LoopbackPair open(InetSocketAddress bind, InetAddress connectTo, RudpConfig config) throws IOException {
        ReliableServer server = new ReliableServer(bind, config);
        ReliableSocket client = null;
        try {
            server.listen();
            client = new ReliableSocket(new InetSocketAddress(connectTo, server.localAddress().getPort()), config);
            client.connect();
            ClientConnection accepted = server.accept(ACCEPT_BOUND);
            return new LoopbackPair(server, client, accepted);
        } catch (IOException | RuntimeException e) {
            if (client != null) {
                closeQuietly(client);
            }
            server.shutdown();
            throw e;
        }
    }

    /** Best-effort cleanup: closes both connections and shuts the server down. */
    @Override
    public void close() {
        closeQuietly(accepted);
        closeQuietly(client);
        server.shutdown();
    }

    private static void closeQuietly(RudpConnection connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // cleanup only: a test that cares about close() asserts on it directly
        }
    }
}
