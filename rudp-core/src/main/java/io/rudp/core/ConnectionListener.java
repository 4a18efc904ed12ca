package io.rudp.core;

/**
 * Told about every change to a connection (data arrived, buffer space freed, state changed,
 * accepted, closed), on the thread driving the endpoint, so a driver can wake exactly the
 * application threads that wait on that connection. It must not call back into the endpoint.
 */
@FunctionalInterface
public interface ConnectionListener {

    /** Something about {@code connection} may have changed. Called often; keep it cheap. */
    void onConnectionChanged(Connection connection);
}
