/**
 * Loss recovery, the sender's side (RFC 9002 §6 and Appendix A):
 * {@link io.rudp.core.loss.LossDetector} keeps the {@link io.rudp.core.loss.SentPacket} records
 * ({@code SentPacketWindow}, recycled through {@code SentPacketPool}), processes ACK frames
 * (§6.1, A.7), declares packets lost by packet and time threshold (§6.1.1-§6.1.2) with the
 * widening {@code ReorderingWindow} and {@code RecentLosses} (after RFC 8985 §6.2), schedules
 * probes with {@code ProbeTimeout} (§6.2), detects persistent congestion with
 * {@code PersistentCongestion} (§7.6), and tells a
 * {@link io.rudp.core.congestion.CongestionController} of every send, acknowledgement and loss.
 *
 * <p>Depends on {@code congestion}, {@code path} and {@code util}; nothing there depends on it.
 */
package io.rudp.core.loss;
