package io.rudp.core.trace;

import io.rudp.core.CloseReason;
import io.rudp.core.ConnectionState;

/**
 * Receives the events of one connection as they happen, for a qlog-style trace. Every method
 * takes the engine's time ({@code nowNanos}) first, on the driver's monotonic clock.
 *
 * <p>Calls come from the thread that drives the endpoint, in the middle of packet processing:
 * an implementation must be quick, must not block for long and must not call back into the
 * connection. It must not throw either: an exception is treated like any internal error and
 * closes the connection. {@link #onConnectionClosed} is the last call.
 *
 * <p>Packet events describe DATA packets (handshake packets are not traced); their counts agree
 * with {@link io.rudp.core.ConnectionStats}: {@code packetsSent}, {@code packetsReceived} (duplicates
 * excluded) and {@code lostPackets}.
 */
public interface ConnectionTracer {

    /**
     * A DATA packet was sent.
     *
     * @param nowNanos when it was sent
     * @param packetNumber its full packet number
     * @param sizeBytes its UDP payload size
     * @param ackEliciting whether it elicits an acknowledgement (and counts towards bytes in flight)
     * @param retransmittedData whether its STREAM frame carried bytes sent before
     */
    void onPacketSent(long nowNanos, long packetNumber, int sizeBytes, boolean ackEliciting, boolean retransmittedData);

    /**
     * A DATA packet was received and accepted (not a duplicate).
     *
     * @param nowNanos when it arrived
     * @param packetNumber its full packet number
     * @param sizeBytes its UDP payload size
     */
    void onPacketReceived(long nowNanos, long packetNumber, int sizeBytes);

    /**
     * A sent packet was declared lost (RFC 9002 §6.1).
     *
     * @param nowNanos when the loss was declared
     * @param packetNumber its packet number
     * @param sizeBytes its UDP payload size
     * @param trigger which threshold declared it
     */
    void onPacketLost(long nowNanos, long packetNumber, int sizeBytes, LossTrigger trigger);

    /**
     * An acknowledgement showed earlier losses spurious: packets declared lost were acknowledged
     * after all, and the reordering window was widened (RFC 8985 §6.2). Their count is also in
     * {@link io.rudp.core.ConnectionStats#spuriousLosses()}. Does nothing unless overridden.
     *
     * @param nowNanos when the acknowledgement was processed
     * @param packets how many losses it showed spurious
     * @param reorderingWindowNanos the reordering window now: how much later than one RTT after
     *     its sending a packet is declared lost by time
     */
    default void onSpuriousLosses(long nowNanos, int packets, long reorderingWindowNanos) {
    }

    /**
     * The RTT estimate changed (RFC 9002 §5): called after each sample that changed one of the
     * values, not for a sample that left them all equal.
     *
     * @param nowNanos when the sample was taken
     * @param latestRttNanos the latest sample
     * @param smoothedRttNanos the smoothed RTT
     * @param minRttNanos the smallest RTT seen
     * @param rttVarNanos the RTT variation
     */
    void onRttUpdated(long nowNanos, long latestRttNanos, long smoothedRttNanos, long minRttNanos, long rttVarNanos);

    /**
     * The congestion metrics changed: called after a send, an acknowledgement or a loss that
     * changed one of them, at most once per such event.
     *
     * @param nowNanos when they changed
     * @param congestionWindowBytes the congestion window
     * @param bytesInFlight bytes sent and neither acknowledged nor declared lost
     * @param pacingRateBytesPerSecond the pacing rate, or 0 while sends are not paced
     * @param controllerState the controller's state (BBR's mode, e.g. {@code "PROBE_BW"}), or
     *     {@code null} for controllers without named states; a constant string, compare by identity
     */
    void onCongestionMetrics(long nowNanos, long congestionWindowBytes, long bytesInFlight,
                             long pacingRateBytesPerSecond, String controllerState);

    /**
     * The connection entered {@code state} (docs/PROTOCOL.md §6); also called once with the first
     * state when the tracer is created.
     *
     * @param nowNanos when it changed
     * @param state the new state
     */
    void onStateChanged(long nowNanos, ConnectionState state);

    /**
     * The connection ended (state CLOSED, or its endpoint was abandoned by its driver); the
     * last call this tracer receives: release what it holds.
     *
     * @param nowNanos when it ended
     * @param reason why it ended; {@code null} if no reason was recorded
     */
    void onConnectionClosed(long nowNanos, CloseReason reason);
}
