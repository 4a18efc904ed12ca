/**
 * Acknowledgement generation, the receiver's side of recovery: {@link io.rudp.core.ack.ReceivedPacketTracker}
 * records which packet numbers arrived (as bounded ranges), decides when an ACK frame is due
 * (RFC 9000 §13.2.1-§13.2.2, with ACK decimation after the first packets) and which ranges it
 * reports (§13.2.3), and forgets what the peer has seen acknowledged (§13.2.4).
 *
 * <p>Depends on {@code path} (the RTT that paces decimated ACKs) and {@code util} only.
 */
package io.rudp.core.ack;
