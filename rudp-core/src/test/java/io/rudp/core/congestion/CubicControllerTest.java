package io.rudp.core.congestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rudp.core.loss.SentPacket;
import io.rudp.core.path.RttEstimator;
import org.junit.jupiter.api.Test;

/**
 * CUBIC (RFC 9438) against values worked out from the RFC's equations: 1,200-byte segments, a
 * 100 ms smoothed RTT, and a first loss at a window of 100 segments.
 */
class CubicControllerTest {

    private static final int MDS = 1200;
    private static final long MS = 1_000_000;
    private static final long SECOND = 1_000 * MS;

    private final RttEstimator rtt = new RttEstimator(333 * MS);
    private final CubicController cc = new CubicController(MDS, rtt);
    private long nextPacketNumber;

    CubicControllerTest() {
        rtt.onSample(100 * MS, 0, 0);
    }

    @Test
    void theConstantsAreTheRfcs() {
        assertThat(CubicController.C).isEqualTo(0.4);
        assertThat(CubicController.BETA).isEqualTo(0.7);
        // RFC 9438 §4.3: alpha_cubic = 3 * 0.3 / 1.7.
        assertThat(CubicController.ALPHA).isCloseTo(0.529_411_764_7, within(1e-9));
    }

    @Test
    void startsWithTheRfc9002InitialWindowInSlowStartAndGrowsByEveryAcknowledgedByte() {
        assertThat(cc.congestionWindowBytes()).isEqualTo(12_000);
        assertThat(cc.inSlowStart()).isTrue();
        assertThat(cc.name()).isEqualTo("CUBIC");

        ackBytes(10 * MS, 20 * MS, 12_000);

        assertThat(cc.congestionWindowBytes()).isEqualTo(24_000);
    }

    @Test
    void aLossMultipliesTheWindowByPointSevenAndRemembersItAsWmax() {
        growTo(120_000);

        cc.onPacketsLost(SECOND, SECOND - 50 * MS, MDS, false);

        // RFC 9438 §4.6: ssthresh = cwnd * 0.7; cwnd = ssthresh; W_max = the window before.
        assertThat(cc.congestionWindowBytes()).isEqualTo(84_000);
        assertThat(cc.slowStartThresholdBytes()).isEqualTo(84_000);
        assertThat(cc.wMaxBytes()).isEqualTo(120_000);
        assertThat(cc.inSlowStart()).isFalse();
    }

    @Test
    void theFirstAckOfTheStageComputesKAndFollowsTheRenoFriendlyEstimateWhileItIsAhead() {
        growTo(120_000);
        cc.onPacketsLost(SECOND, SECOND - 50 * MS, MDS, false);

        long epoch = SECOND + 100 * MS;
        ack(SECOND + 50 * MS, epoch, MDS);

        // RFC 9438 eq. 2: K = cbrt((W_max - cwnd_epoch) / C) = cbrt((100 - 70 segments) / 0.4) = cbrt(75) s.
        assertThat(cc.kSeconds()).isCloseTo(Math.cbrt(75), within(1e-12));
        // eq. 1 at t = 0: 0.4 * (-cbrt 75)^3 segments + W_max = -30 segments + 100 = 70 segments.
        assertThat(cc.cubicWindowBytes(0)).isCloseTo(84_000, within(1e-6));
        // eq. 4: W_est = 84,000 + alpha * 1 segment / 70 segments, in bytes.
        double wEst = 84_000 + CubicController.ALPHA * MDS * MDS / 84_000.0;
        assertThat(cc.renoFriendlyEstimateBytes()).isCloseTo(wEst, within(1e-9));
        // §4.3: W_cubic(0) < W_est, so cwnd = W_est.
        assertThat(cc.congestionWindowBytes()).isEqualTo((long) wEst);
    }

    @Test
    void inTheConcaveRegionTheWindowMovesTowardsWcubicOneRttAhead() {
        growTo(120_000);
        cc.onPacketsLost(SECOND, SECOND - 50 * MS, MDS, false);
        long epoch = SECOND + 100 * MS;
        ack(SECOND + 50 * MS, epoch, MDS);
        double cwnd = 84_000 + CubicController.ALPHA * MDS * MDS / 84_000.0;

        ack(epoch + SECOND, epoch + 2 * SECOND, MDS);

        // t = 2 s, RTT = 0.1 s: target = W_cubic(2.1) = 0.4 * (2.1 - cbrt 75)^3 * 1200 + 120,000.
        double k = Math.cbrt(75);
        double target = 0.4 * Math.pow(2.1 - k, 3) * MDS + 120_000;
        assertThat(target).isBetween(cwnd, 1.5 * cwnd);
        // The Reno-friendly estimate is far behind W_cubic(2) here.
        assertThat(cc.cubicWindowBytes(2)).isGreaterThan(cc.renoFriendlyEstimateBytes());
        double expected = cwnd + (target - cwnd) * MDS / cwnd;
        assertThat(cc.congestionWindowBytes()).isEqualTo((long) expected);
    }

    @Test
    void theTargetIsCappedAtOneAndAHalfWindows() {
        growTo(120_000);
        cc.onPacketsLost(SECOND, SECOND - 50 * MS, MDS, false);
        long epoch = SECOND + 100 * MS;
        ack(SECOND + 50 * MS, epoch, MDS);
        double cwnd = cc.congestionWindowBytes() + 0.0;
        double exact = 84_000 + CubicController.ALPHA * MDS * MDS / 84_000.0;

        // 20 s later the cubic function is far above: the target is 1.5 * cwnd (RFC 9438 §4.2).
        ack(epoch + 19 * SECOND, epoch + 20 * SECOND, MDS);

        assertThat(cc.cubicWindowBytes(20.1)).isGreaterThan(1.5 * cwnd);
        double expected = exact + (1.5 * exact - exact) * MDS / exact;
        assertThat(cc.congestionWindowBytes()).isEqualTo((long) expected);
    }

    @Test
    void aLossBeforeRegainingWmaxLowersWmaxForFastConvergence() {
        growTo(120_000);
        cc.onPacketsLost(SECOND, SECOND - 50 * MS, MDS, false);

        // A second congestion event (a packet sent after the first began) at cwnd 84,000 < W_max.
        cc.onPacketsLost(2 * SECOND, SECOND + 10 * MS, MDS, false);

        // RFC 9438 §4.7: W_max = cwnd * (1 + 0.7) / 2.
        assertThat(cc.wMaxBytes()).isCloseTo(84_000 * 0.85, within(1e-6));
        assertThat(cc.congestionWindowBytes()).isEqualTo(58_800);
    }

    @Test
    void reducesOnlyOncePerRecoveryPeriod() {
        growTo(120_000);
        cc.onPacketsLost(SECOND, SECOND - 50 * MS, MDS, false);

        cc.onPacketsLost(SECOND + 10 * MS, SECOND - 10 * MS, MDS, false);
        ack(SECOND - 5 * MS, SECOND + 20 * MS, MDS);

        assertThat(cc.congestionWindowBytes()).as("neither reduced nor grown by pre-recovery packets").isEqualTo(84_000);
    }

    @Test
    void alphaBecomesOneOnceTheRenoEstimateReachesThePriorWindow() {
        // A loss at 12,000: cwnd_prior 12,000, cwnd 8,400; every ACK lands at the epoch start,
        // where W_cubic(0) = 8,400 trails W_est, so the window follows W_est.
        cc.onPacketsLost(SECOND, SECOND - 50 * MS, MDS, false);
        long at = SECOND + 100 * MS;
        while (cc.renoFriendlyEstimateBytes() < 12_000) {
            ack(SECOND + 50 * MS, at, MDS);
        }
        double before = cc.renoFriendlyEstimateBytes();
        long windowBefore = cc.congestionWindowBytes();

        ack(SECOND + 50 * MS, at, MDS);

        // One segment per window now: the exact window is W_est, so the step is 1200 * 1200 / W_est.
        assertThat(cc.renoFriendlyEstimateBytes() - before).isCloseTo(MDS * (double) MDS / before, within(1e-6));
        assertThat(cc.congestionWindowBytes()).isGreaterThanOrEqualTo(windowBefore);
    }

    @Test
    void timeSpentApplicationLimitedDoesNotCountTowardsTheCubicFunction() {
        CubicController limited = new CubicController(MDS, rtt);
        for (CubicController c : new CubicController[] {cc, limited}) {
            ackBytes(c, 10 * MS, 20 * MS, 108_000);
            c.onPacketsLost(SECOND, SECOND - 50 * MS, MDS, false);
            ack(c, SECOND + 50 * MS, SECOND + 100 * MS, MDS);
        }
        // One of them spends two seconds application-limited (RFC 9438 §5.8).
        for (int i = 1; i <= 20; i++) {
            SentPacket p = packet(SECOND + 100 * MS, MDS);
            p.appLimited = true;
            limited.onPacketAcked(SECOND + 100 * MS + i * 100 * MS, p);
        }
        long windowWhileLimited = limited.congestionWindowBytes();

        long now = SECOND + 100 * MS + 3 * SECOND;
        ack(cc, now - 100 * MS, now, MDS);
        ack(limited, now - 100 * MS, now, MDS);

        double start = 84_000 + CubicController.ALPHA * MDS * MDS / 84_000.0;
        assertThat(windowWhileLimited).as("no growth while limited").isEqualTo((long) start);
        // For the limited one t is 1 s, not 3 s: W_cubic(1.1) instead of W_cubic(3.1).
        double k = Math.cbrt(75);
        double targetLimited = 0.4 * Math.pow(1.1 - k, 3) * MDS + 120_000;
        assertThat(limited.congestionWindowBytes()).isEqualTo((long) (start + (targetLimited - start) * MDS / start));
        assertThat(cc.congestionWindowBytes()).isGreaterThan(limited.congestionWindowBytes());
    }

    @Test
    void persistentCongestionCollapsesToTheMinimumWindowAndSlowStartsBackToThreshold() {
        growTo(120_000);

        cc.onPacketsLost(SECOND, SECOND - 50 * MS, 10 * MDS, true);

        assertThat(cc.congestionWindowBytes()).isEqualTo(2 * MDS);
        assertThat(cc.slowStartThresholdBytes()).isEqualTo(84_000);
        assertThat(cc.inSlowStart()).isTrue();
        ackBytes(SECOND + 10 * MS, SECOND + 100 * MS, 2 * MDS);
        assertThat(cc.congestionWindowBytes()).isEqualTo(4 * MDS);
    }

    @Test
    void pacesAtOnePointTwoFiveWindowsPerSmoothedRtt() {
        // RFC 9002 §7.7: 1.25 * 12,000 bytes / 100 ms.
        assertThat(cc.pacingRateBytesPerSecond()).isEqualTo(150_000);
        assertThat(new CubicController(MDS, new RttEstimator(333 * MS)).pacingRateBytesPerSecond())
                .isEqualTo(CongestionController.UNPACED);
    }

    @Test
    void rejectsANonPositiveDatagramSize() {
        assertThatThrownBy(() -> new CubicController(0, rtt)).isInstanceOf(IllegalArgumentException.class);
    }

    private void growTo(long window) {
        ackBytes(10 * MS, 20 * MS, window - cc.congestionWindowBytes());
        assertThat(cc.congestionWindowBytes()).isEqualTo(window);
    }

    private void ackBytes(long sentNanos, long ackNanos, long bytes) {
        ackBytes(cc, sentNanos, ackNanos, bytes);
    }

    private void ackBytes(CubicController c, long sentNanos, long ackNanos, long bytes) {
        for (long left = bytes; left > 0; left -= MDS) {
            c.onPacketAcked(ackNanos, packet(sentNanos, (int) Math.min(MDS, left)));
        }
    }

    private void ack(long sentNanos, long ackNanos, int size) {
        ack(cc, sentNanos, ackNanos, size);
    }

    private void ack(CubicController c, long sentNanos, long ackNanos, int size) {
        c.onPacketAcked(ackNanos, packet(sentNanos, size));
    }

    private SentPacket packet(long sentTimeNanos, int sizeBytes) {
        return new SentPacket(nextPacketNumber++, sentTimeNanos, sizeBytes, true, true);
    }
}
