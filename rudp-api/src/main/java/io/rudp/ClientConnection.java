package io.rudp;

import io.rudp.internal.Session;
import java.net.InetSocketAddress;

/**
 * A connection with one client, as returned by {@link ReliableServer#accept()}: send and receive
 * bytes or messages, then {@link #close()}. See {@link ReliableSocket} for the client's side; both
 * are a {@link RudpConnection}, whose Javadoc holds the contract (threads, arguments, failures).
 * Thread-safe.
 */
public final class ClientConnection extends ConnectionBase {

    private final Session session;
    private final RudpConfig config;

    ClientConnection(Session session, RudpConfig config) {
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
    RudpConfig config() {
        return config;
    }

    @Override
    boolean closedHere() {
        return false; // the session, there from the start, knows of every close and abort
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
