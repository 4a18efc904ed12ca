/**
 * Reliable, ordered delivery over UDP with a socket-like API: {@link io.rudp.ReliableServer}
 * accepts {@link io.rudp.ClientConnection}s on one UDP port; {@link io.rudp.ReliableSocket}
 * connects to it. Settings are an {@link io.rudp.core.EngineConfig}; statistics an
 * {@link io.rudp.core.ConnectionStats}. Failures are {@link java.io.IOException}s:
 * {@link java.net.ConnectException} (refused), {@link java.net.SocketTimeoutException} (timed
 * out), {@link io.rudp.ConnectionResetException} (lost), {@link io.rudp.ConnectionClosedException}
 * (used after close).
 */
package io.rudp;
