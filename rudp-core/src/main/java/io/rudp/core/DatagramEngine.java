package io.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The sans-I/O contract between a protocol engine and whatever moves its datagrams and keeps its
 * time: a real UDP driver, or the simulated network of {@code rudp-testkit}.
 *
 * <p>The engine owns no clock, thread or socket. Time comes in as {@code nowNanos}: a monotonic
 * reading in nanoseconds with an arbitrary origin that never goes backwards between calls. The
 * caller loops: hand in every received datagram, call {@link #handleTimeout} once the time from
 * {@link #nextDeadlineNanos} has come, then drain {@link #pollTransmit} until it returns
 * {@code null}.
 *
 * <p>Implementations are not thread-safe: one thread drives an engine.
 */
public interface DatagramEngine {

    /** Deadline value meaning "no timer is armed". */
    long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * Hands in one received datagram. Reads {@code datagram} from its position to its limit and
     * keeps no reference to it after returning. Never throws for anything a peer may send:
     * malformed, corrupt or unexpected datagrams are dropped and counted.
     */
    void handleDatagram(long nowNanos, InetSocketAddress from, ByteBuffer datagram);

    /** Fires every timer that is due at {@code nowNanos}. Calling it early is harmless. */
    void handleTimeout(long nowNanos);

    /**
     * Writes the next datagram to send into {@code out}, starting at its position, and leaves
     * {@code out} flipped (position..limit frame the datagram).
     *
     * @param out a buffer with at least the engine's maximum datagram size remaining
     * @return where to send the datagram, or {@code null} if there is nothing to send now (then
     *     {@code out} is left unchanged)
     */
    InetSocketAddress pollTransmit(long nowNanos, ByteBuffer out);

    /**
     * When the engine next needs {@link #handleTimeout}: an absolute time on the caller's clock,
     * or {@link #NO_DEADLINE} when nothing is pending.
     */
    long nextDeadlineNanos();
}
