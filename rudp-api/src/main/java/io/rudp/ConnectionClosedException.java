package io.rudp;

import java.net.SocketException;

/**
 * The operation needs an open connection (or server), but this side already closed, aborted,
 * shut down, or shut its output down.
 */
public class ConnectionClosedException extends SocketException {

    private static final long serialVersionUID = 1L;

    /** @param message what was closed and what the caller tried */
    public ConnectionClosedException(String message) {
        super(message);
    }
}
