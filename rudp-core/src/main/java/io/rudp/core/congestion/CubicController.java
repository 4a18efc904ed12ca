package io.rudp.core.congestion;

import io.rudp.core.path.RttEstimator;
import java.util.Objects;

/**
 * CUBIC congestion control (RFC 9438) on the RFC 9002 §7 interface: standard slow start, then a
 * window that follows the cubic function of the time since the last congestion event, never
 * slower than the Reno-friendly estimate; a multiplicative decrease of 0.7 with fast convergence,
 * and the minimum window after persistent congestion.
 *
 * <p>Windows are kept in bytes; the RFC's formulas are in segments (maximum datagrams) and
 * seconds, so they are evaluated in those units and converted. Not thread-safe.
 */
public final class CubicController implements CongestionController {

    /** RFC 9438 §5.1: C, the aggressiveness of the cubic function, in segments per second cubed. */
    public static final double C = 0.4;
    /** RFC 9438 §4.6: beta_cubic, the multiplicative decrease factor. */
    public static final double BETA = 0.7;
    /** RFC 9438 §4.3: alpha_cubic = 3 * (1 - beta_cubic) / (1 + beta_cubic). */
    public static final double ALPHA = 3 * (1 - BETA) / (1 + BETA);

    private final int maxDatagramBytes;
    private final RttEstimator rtt;
    private final SlowStartAndRecovery phases;

    private long congestionWindowBytes;

    /** RFC 9438 §4.2: W_max, the window just before the last reduction, in bytes (0: none yet). */
    private double wMaxBytes;
    /** RFC 9438 §4.6: cwnd_prior, the window when ssthresh was last set, in bytes. */
    private double cwndPriorBytes;
    private boolean epochStarted;
    /** RFC 9438 §4.2: when the current congestion avoidance stage began. */
    private long epochStartNanos;
    /** RFC 9438 §4.2: K, in seconds. */
    private double kSeconds;
    /** RFC 9438 §4.3: W_est, the Reno-friendly estimate, in bytes. */
    private double wEstBytes;
    /** The window with its fractional growth, in bytes; {@link #congestionWindowBytes} is its floor. */
    private double cwndExactBytes;
    private boolean ackSeen;
    private long lastAckNanos;

    /**
     * Creates a controller in slow start.
     *
     * @param maxDatagramBytes the maximum datagram size (the RFC's segment), in bytes; positive
     * @param rtt the connection's RTT estimator, read for the cubic target and the pacing rate
     * @throws IllegalArgumentException if {@code maxDatagramBytes} is not positive
     */
    public CubicController(int maxDatagramBytes, RttEstimator rtt) {
        this.phases = new SlowStartAndRecovery(maxDatagramBytes);
        this.maxDatagramBytes = maxDatagramBytes;
        this.rtt = Objects.requireNonNull(rtt, "rtt");
        setWindow(Windows.initialWindowBytes(maxDatagramBytes));
    }

    @Override
    public long congestionWindowBytes() {
        return congestionWindowBytes;
    }

    /** RFC 9002 §7.7: {@code 1.25 x cwnd / smoothed_rtt}; unpaced before the first RTT sample. */
    @Override
    public long pacingRateBytesPerSecond() {
        return WindowPacing.rateBytesPerSecond(congestionWindowBytes, rtt);
    }

    /** The slow start threshold; {@link Long#MAX_VALUE} until the first congestion event. */
    public long slowStartThresholdBytes() {
        return phases.thresholdBytes();
    }

    /** Whether the window is below the slow start threshold. */
    public boolean inSlowStart() {
        return phases.inSlowStart(congestionWindowBytes);
    }

    /** RFC 9438 §4.2: W_max in bytes; 0 before the first congestion event. */
    public double wMaxBytes() {
        return wMaxBytes;
    }

    /** RFC 9438 §4.2: K in seconds for the current congestion avoidance stage (0 before one starts). */
    public double kSeconds() {
        return kSeconds;
    }

    /** RFC 9438 §4.3: the Reno-friendly estimate W_est in bytes for the current stage. */
    public double renoFriendlyEstimateBytes() {
        return wEstBytes;
    }

    /** The window never goes below this: two maximum datagrams (RFC 9002 §7.2). */
    public long minimumWindowBytes() {
        return phases.minimumWindowBytes();
    }

    /**
     * RFC 9438 §4.2, equation 1: {@code W_cubic(t) = C * (t - K)^3 + W_max}, in bytes, for
     * {@code t} seconds into the current congestion avoidance stage.
     */
    public double cubicWindowBytes(double tSeconds) {
        double offset = tSeconds - kSeconds;
        return (C * offset * offset * offset) * maxDatagramBytes + wMaxBytes;
    }

    /** Nothing to do: CUBIC reacts to acknowledgements and losses. */
    @Override
    public void onPacketSent(long nowNanos, int sizeBytes) {
        // Bytes in flight are kept by the loss detector.
    }

    @Override
    public void onPacketAcked(long nowNanos, TrackedPacket packet) {
        if (!packet.isInFlight()) {
            return;
        }
        long previousAckNanos = ackSeen ? lastAckNanos : nowNanos;
        ackSeen = true;
        lastAckNanos = nowNanos;
        // RFC 9002 §7.3.2: no growth for packets sent before the recovery period began.
        if (phases.sentBeforeRecoveryBegan(packet.sentTimeNanos())) {
            return;
        }
        if (packet.isAppLimited()) {
            // RFC 9438 §5.8: no growth while application-limited, and the time t of the cubic
            // function must not include the period: move the epoch start forward by it.
            if (epochStarted && nowNanos - previousAckNanos > 0) {
                epochStartNanos += nowNanos - previousAckNanos;
            }
            return;
        }
        long ackedBytes = Math.max(0, packet.sizeBytes());
        if (inSlowStart()) {
            // RFC 9438 §4.10: slow start as standard TCP (RFC 9002 §7.3.1): grow by the bytes acknowledged.
            setWindow(cwndExactBytes + ackedBytes);
            return;
        }
        congestionAvoidance(nowNanos, ackedBytes);
    }

    private void congestionAvoidance(long nowNanos, long ackedBytes) {
        if (!epochStarted) {
            startEpoch(nowNanos);
        }
        double tSeconds = (nowNanos - epochStartNanos) / 1e9;
        double rttSeconds = rtt.smoothedRttNanos() / 1e9;
        // RFC 9438 §4.3, equation 4: W_est grows by alpha_cubic segments per window acknowledged;
        // alpha_cubic becomes 1 once W_est reaches cwnd_prior.
        double alpha = wEstBytes >= cwndPriorBytes ? 1.0 : ALPHA;
        wEstBytes += alpha * ackedBytes * maxDatagramBytes / cwndExactBytes;
        double cubic = cubicWindowBytes(tSeconds);
        if (cubic < wEstBytes) {
            // RFC 9438 §4.3: the Reno-friendly region: cwnd = W_est.
            setWindow(Math.max(cwndExactBytes, wEstBytes));
            return;
        }
        // RFC 9438 §4.2: target = W_cubic(t + RTT), kept within [cwnd, 1.5 * cwnd].
        double target = cubicWindowBytes(tSeconds + rttSeconds);
        target = Math.max(cwndExactBytes, Math.min(target, 1.5 * cwndExactBytes));
        // RFC 9438 §4.4, §4.5: cwnd += (target - cwnd) / cwnd per segment acknowledged.
        setWindow(cwndExactBytes + (target - cwndExactBytes) * ackedBytes / cwndExactBytes);
    }

    /** RFC 9438 §4.2: a congestion avoidance stage begins: K from W_max and the window now. */
    private void startEpoch(long nowNanos) {
        epochStarted = true;
        epochStartNanos = nowNanos;
        if (wMaxBytes < cwndExactBytes) {
            // No reduction to recover from (or the window already passed W_max): the plateau is here.
            wMaxBytes = cwndExactBytes;
        }
        // RFC 9438 §4.2, equation 2: K = cubic_root((W_max - cwnd_epoch) / C), in segments.
        kSeconds = Math.cbrt((wMaxBytes - cwndExactBytes) / maxDatagramBytes / C);
        // RFC 9438 §4.3: W_est starts at cwnd_epoch.
        wEstBytes = cwndExactBytes;
        if (cwndPriorBytes <= 0) {
            cwndPriorBytes = cwndExactBytes;
        }
    }

    @Override
    public void onPacketsLost(long nowNanos, long newestLostSentTimeNanos, long lostBytes, boolean persistentCongestion) {
        if (phases.startsCongestionEvent(lostBytes, persistentCongestion, newestLostSentTimeNanos)) {
            onCongestionEvent(nowNanos);
        }
        if (persistentCongestion) {
            // RFC 9438 §4.8 and RFC 9002 §7.6.2: ssthresh as after any reduction, the window to the
            // minimum, slow start again from there.
            setWindow(phases.onPersistentCongestion());
            epochStarted = false;
        }
    }

    /** RFC 9438 §4.6 multiplicative decrease with §4.7 fast convergence; RFC 9002 §7.3.2 recovery. */
    private void onCongestionEvent(long nowNanos) {
        epochStarted = false;
        double cwnd = cwndExactBytes;
        // RFC 9438 §4.7: a reduction before the window regained the last W_max means others took
        // bandwidth: release more by remembering a lower plateau.
        if (cwnd < wMaxBytes) {
            wMaxBytes = cwnd * (1 + BETA) / 2;
        } else {
            wMaxBytes = cwnd;
        }
        // RFC 9438 §4.6: cwnd_prior = cwnd; ssthresh = cwnd * beta_cubic (the long-deployed choice
        // the RFC notes, rather than the flight size); cwnd = max(ssthresh, minimum window).
        cwndPriorBytes = cwnd;
        setWindow(phases.enterRecovery(nowNanos, Math.max(Math.round(cwnd * BETA), phases.minimumWindowBytes())));
    }

    /** Nothing to do: a CUBIC rate sample is not needed. */
    @Override
    public void onAckProcessed(long nowNanos, RateSample sample) {
        // CUBIC is driven by onPacketAcked and onPacketsLost.
    }

    /** Nothing to do: RFC 9438 §5.8 is applied per acknowledged packet, through its app-limited mark. */
    @Override
    public void onAppLimited(long nowNanos, long bytesInFlight) {
        // See onPacketAcked.
    }

    @Override
    public String name() {
        return "CUBIC";
    }

    private void setWindow(double bytes) {
        double bounded = Math.max(phases.minimumWindowBytes(), Math.min(bytes, (double) (Long.MAX_VALUE / 2)));
        cwndExactBytes = bounded;
        congestionWindowBytes = (long) bounded;
    }
}
