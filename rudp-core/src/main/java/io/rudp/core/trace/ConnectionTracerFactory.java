package io.rudp.core.trace;

/**
 * Makes the tracer of each new connection; set with
 * {@link io.rudp.core.EngineConfig.Builder#tracerFactory}. Called on the driver's thread when a
 * connection is created (a client's {@code connect}, a server's completed handshake).
 */
@FunctionalInterface
public interface ConnectionTracerFactory {

    /**
     * The tracer for a new connection, or {@code null} to leave this connection untraced. A
     * factory that throws leaves the connection untraced too.
     *
     * @param nowNanos the connection's creation time: the origin of its trace
     * @param role which side this connection is
     * @param localConnectionId the id this side chose (unique within its endpoint)
     * @param peerAddress the peer's address, as text
     */
    ConnectionTracer newTracer(long nowNanos, ConnectionRole role, long localConnectionId, String peerAddress);
}
