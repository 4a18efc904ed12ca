package io.rudp.core.congestion;

import io.rudp.core.path.RttEstimator;
import io.rudp.core.util.Durations;
import java.util.Objects;

/**
 * The NewReno congestion controller of RFC 9002 §7 and Appendix B: slow start, a recovery period
 * per congestion event, congestion avoidance of one datagram per window, and collapse to the
 * minimum window on persistent congestion; the window does not grow on packets sent while the
 * sender was application-limited (§7.8), and the pacing rate is {@code 1.25 x cwnd / smoothed
 * RTT} (§7.7).
 *
 * <p>Not thread-safe.
 */
public final class NewRenoController implements CongestionController {

    private final int maxDatagramBytes;
    private final RttEstimator rtt;
    private final SlowStartAndRecovery phases;
    private long congestionWindowBytes;
    /** Bytes acknowledged in congestion avoidance not yet turned into window growth. */
    private long bytesAckedInAvoidance;

    /**
     * Creates a controller in slow start.
     *
     * @param maxDatagramBytes the maximum datagram size, in bytes; must be positive
     * @param rtt the connection's RTT estimator, read for the pacing rate
     * @throws IllegalArgumentException if {@code maxDatagramBytes} is not positive
     */
    public NewRenoController(int maxDatagramBytes, RttEstimator rtt) {
        this.phases = new SlowStartAndRecovery(maxDatagramBytes);
        this.maxDatagramBytes = maxDatagramBytes;
        this.rtt = Objects.requireNonNull(rtt, "rtt");
        this.congestionWindowBytes = Windows.initialWindowBytes(maxDatagramBytes);
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

    /** Whether the window is below the slow start threshold (RFC 9002 §7.3.1). */
    public boolean inSlowStart() {
        return phases.inSlowStart(congestionWindowBytes);
    }

    /** The window never goes below this: two maximum datagrams (RFC 9002 §7.2). */
    public long minimumWindowBytes() {
        return phases.minimumWindowBytes();
    }

    /** Nothing to do: NewReno reacts to acknowledgements and losses only (RFC 9002 B.4). */
    @Override
    public void onPacketSent(long nowNanos, int sizeBytes) {
        // RFC 9002 B.4: bytes in flight is kept by the loss detector.
    }

    @Override
    public void onPacketAcked(long nowNanos, TrackedPacket packet) {
        if (!packet.isInFlight()) {
            return;
        }
        // RFC 9002 B.5 and §7.3.2: no growth for packets sent before the recovery period began.
        if (phases.sentBeforeRecoveryBegan(packet.sentTimeNanos())) {
            return;
        }
        // RFC 9002 §7.8: no growth while the window was not fully used.
        if (packet.isAppLimited()) {
            return;
        }
        long ackedBytes = Math.max(0, packet.sizeBytes());
        if (inSlowStart()) {
            // RFC 9002 §7.3.1: in slow start the window grows by the bytes acknowledged.
            congestionWindowBytes = Durations.add(congestionWindowBytes, ackedBytes);
            return;
        }
        // RFC 9002 §7.3.3 and B.5: at most one maximum datagram per window acknowledged; counting
        // acknowledged bytes keeps the growth exact at any window size.
        bytesAckedInAvoidance += ackedBytes;
        if (bytesAckedInAvoidance >= congestionWindowBytes) {
            bytesAckedInAvoidance -= congestionWindowBytes;
            congestionWindowBytes = Durations.add(congestionWindowBytes, maxDatagramBytes);
        }
    }

    @Override
    public void onPacketsLost(long nowNanos, long newestLostSentTimeNanos, long lostBytes, boolean persistentCongestion) {
        if (phases.startsCongestionEvent(lostBytes, persistentCongestion, newestLostSentTimeNanos)) {
            // RFC 9002 §7.3.2 and B.6: enter recovery, halve the window (kLossReductionFactor = 0.5).
            congestionWindowBytes = phases.enterRecovery(nowNanos, congestionWindowBytes / 2);
            bytesAckedInAvoidance = 0;
        }
        if (persistentCongestion) {
            // RFC 9002 §7.6.2 and B.8: collapse to the minimum window and leave recovery.
            congestionWindowBytes = phases.onPersistentCongestion();
            bytesAckedInAvoidance = 0;
        }
    }

    /** Nothing to do: NewReno acts on acknowledgements one packet at a time. */
    @Override
    public void onAckProcessed(long nowNanos, RateSample sample) {
        // NewReno needs no rate sample.
    }

    /** Nothing to do: each packet carries its own app-limited mark ({@link TrackedPacket#isAppLimited()}). */
    @Override
    public void onAppLimited(long nowNanos, long bytesInFlight) {
        // RFC 9002 §7.8 is applied per acknowledged packet, in onPacketAcked.
    }

    @Override
    public String name() {
        return "NewReno";
    }
}
