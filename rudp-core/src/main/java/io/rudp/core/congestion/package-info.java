/**
 * Congestion control and pacing: how much may be in flight and how fast it may leave.
 *
 * <ul>
 *   <li>{@link io.rudp.core.congestion.CongestionController}, the interface loss recovery drives
 *       (RFC 9002 §7, Appendix B), with {@link io.rudp.core.congestion.NewRenoController}
 *       (RFC 9002 §7.3), {@link io.rudp.core.congestion.CubicController} (RFC 9438) and
 *       {@link io.rudp.core.congestion.BbrController} (after draft-cardwell-iccrg-bbr-congestion-control, with
 *       {@code WindowedMaxFilter}, {@code InflightBound} and {@code AckAggregation});</li>
 *   <li>the part NewReno and CUBIC share: {@code SlowStartAndRecovery} (RFC 9002 §7.3.1 slow start,
 *       the §7.3.2 recovery period, the §7.6.2 collapse on persistent congestion), the §7.2
 *       window sizes in {@code Windows} and the §7.7 pacing rate in {@code WindowPacing};</li>
 *   <li>{@link io.rudp.core.congestion.Pacer}, the token bucket that spaces packets at the
 *       controller's rate (RFC 9002 §7.7);</li>
 *   <li>{@link io.rudp.core.congestion.DeliveryRateEstimator} and
 *       {@link io.rudp.core.congestion.RateSample}: delivery-rate samples
 *       (draft-cheng-iccrg-delivery-rate-estimation) and application-limited phases (§7.8);</li>
 *   <li>{@link io.rudp.core.congestion.TrackedPacket}: what this package reads of a sent packet,
 *       so that it depends on no loss-recovery type.</li>
 * </ul>
 *
 * <p>Depends on {@code path} (the RTT estimate) and {@code util} only; {@code loss} depends on it.
 */
package io.rudp.core.congestion;
