package io.rudp;

import io.rudp.core.EngineConfig;
import io.rudp.internal.Session;
import java.net.InetSocketAddress;

/**
 * A connection with one client, as returned by {@link ReliableServer#accept()}: send and receive
 * bytes or messages, then {@link #close()}. See {@link ReliableSocket} for the client's side; both
 * offer the same methods.
 */
public final class ClientConnection extends ConnectionBase {

    private final Session session;
    private final EngineConfig config;

    ClientConnection(Session session, EngineConfig config) {
        this.session = session;
        this.config = config;
    }

    @Override
    Session session() {
        return session;
    }

    @Override
    Session sessionOrNull() {
        return session;
    }

    @Override
    EngineConfig config() {
        return config;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return session.peerAddress();
    }

    @Override
    public String toString() {
        return "ClientConnection{" + session.peerAddress() + ", " + session.state() + '}';
    }
}
