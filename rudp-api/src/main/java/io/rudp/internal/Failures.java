package io.rudp.internal;

import io.rudp.ConnectionClosedException;
import io.rudp.ConnectionResetException;
import io.rudp.core.CloseReason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/** Turns the engine's account of how a connection ended into the exception an application catches. */
public final class Failures {

    private Failures() {
    }

    static IOException connectFailure(InetSocketAddress peer, CloseReason reason) {
        switch (reason.kind()) {
            case REFUSED:
                return new ConnectException("connection to " + peer + " refused: " + reason.message());
            case HANDSHAKE_TIMEOUT:
                return new SocketTimeoutException("connect to " + peer + " timed out: " + reason.message());
            default:
                return lost(peer, reason);
        }
    }

    static IOException lost(InetSocketAddress peer, CloseReason reason) {
        if (reason.kind() == CloseReason.Kind.LOCAL_ABORT) {
            return new ConnectionClosedException("the connection to " + peer + " was aborted: " + reason.message());
        }
        return new ConnectionResetException("the connection to " + peer + " was lost: " + reason.message(),
                PublicTypes.closeReason(reason));
    }

    static IOException undelivered(InetSocketAddress peer, CloseReason reason) {
        return new ConnectionResetException("close: the connection to " + peer
                + " ended before the peer acknowledged everything written: " + reason.message(),
                PublicTypes.closeReason(reason));
    }

    static ConnectionClosedException closedLocally(InetSocketAddress peer) {
        return new ConnectionClosedException("the connection to " + peer + " is closed; open a new one to go on");
    }

    static ConnectionClosedException closedByOwner(InetSocketAddress peer, String why) {
        return new ConnectionClosedException("the connection to " + peer + " was closed: " + why);
    }

    static ConnectionClosedException outputShutdown(InetSocketAddress peer) {
        return new ConnectionClosedException("output to " + peer + " was shut down; no more data can be sent");
    }

    static ConnectionClosedException closedByEndpoint(InetSocketAddress peer) {
        return new ConnectionClosedException("the connection to " + peer
                + " was closed by its endpoint (the server is shutting down); no more data can be sent");
    }

    static InterruptedIOException interrupted(InetSocketAddress peer) {
        return new InterruptedIOException("interrupted while waiting on the connection to " + peer
                + "; the connection is still open");
    }

    /** For the server: use after shutdown. */
    public static ConnectionClosedException serverShutDown(InetSocketAddress local) {
        return new ConnectionClosedException("the server on " + local + " was shut down");
    }
}
