/**
 * Reliable, ordered delivery over UDP with a socket-like API; the one package an application
 * needs ({@code import io.rudp.*;}).
 *
 * <ul>
 *   <li>{@link io.rudp.ReliableServer} accepts {@link io.rudp.ClientConnection}s on one UDP port;
 *       {@link io.rudp.ReliableSocket} connects to it; {@link io.rudp.RudpClient} carries many
 *       client connections on one UDP socket. Both ends of a connection are a
 *       {@link io.rudp.RudpConnection}, whose Javadoc holds the thread-safety contract.
 *   <li>Settings: {@link io.rudp.RudpConfig} (with {@link io.rudp.CongestionControl});
 *       statistics: {@link io.rudp.ConnectionStats}; how a connection ended:
 *       {@link io.rudp.CloseReason}.
 *   <li>Failures are {@link java.io.IOException}s: {@link java.net.ConnectException} (refused),
 *       {@link java.net.SocketTimeoutException} (timed out), {@link io.rudp.ConnectionResetException}
 *       (lost), {@link io.rudp.ConnectionClosedException} (used after close).
 *   <li>Observability: {@link io.rudp.TraceFiles} writes each connection's event trace; any
 *       {@link io.rudp.core.trace.ConnectionTracerFactory} (the engine's trace SPI) may receive
 *       the events instead.
 * </ul>
 */
package io.rudp;
