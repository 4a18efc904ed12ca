package io.rudp;

import java.net.SocketException;

/**
 * The connection ended without a clean close: the peer reset it, stopped answering, broke the
 * protocol, or its endpoint went away. {@link #reason()} says which, with the peer's words where
 * it sent any. Data not yet acknowledged may not have arrived.
 */
public class ConnectionResetException extends SocketException {

    private static final long serialVersionUID = 1L;

    private final transient CloseReason reason;

    /**
     * @param message what happened and what to do
     * @param reason how the connection ended
     */
    public ConnectionResetException(String message, CloseReason reason) {
        super(message);
        this.reason = reason;
    }

    /** Why the connection ended (kind, protocol error code's name, message). */
    public CloseReason reason() {
        return reason;
    }
}
