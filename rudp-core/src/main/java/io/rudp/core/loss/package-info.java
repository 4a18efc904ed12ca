/**
 * Loss recovery, the sender's side (RFC 9002 §6 and Appendix A):
 * {@link io.rudp.core.loss.LossDetector} keeps the {@link io.rudp.core.loss.SentPacket} records
 * ({@code SentPacketWindow}, recycled through {@code SentPacketPool}), counts what is in flight
 * ({@code InFlight}, A.5 and B.4), processes ACK frames (§6.1, A.7) and hands one batch of
 * acknowledged and lost packets to its listener ({@code PacketOutcomes}). {@code ThresholdLoss}
 * declares losses by packet and time threshold (§6.1.1-§6.1.2, A.10) with the widening
 * {@code ReorderingWindow} and {@code RecentLosses} (after RFC 8985 §6.2) and finds persistent
 * congestion ({@code PersistentCongestion}, §7.6); {@code ProbeTimeout} schedules probes (§6.2).
 * The detector tells a {@link io.rudp.core.congestion.CongestionController} of every send,
 * acknowledgement and loss.
 *
 * <p>Depends on {@code congestion}, {@code path} and {@code util}; nothing there depends on it.
 */
package io.rudp.core.loss;
