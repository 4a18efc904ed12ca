package io.rudp.core.congestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rudp.core.loss.SentPacket;
import io.rudp.core.path.RttEstimator;
import org.junit.jupiter.api.Test;

class NewRenoControllerTest {

    private static final int MDS = 1200;
    private static final long MS = 1_000_000;

    private long nextPacketNumber;

    @Test
    void initialWindowIsTenDatagramsCappedAt14720ButNeverBelowTwo() {
        assertThat(new NewRenoController(1200, new RttEstimator(333_000_000L)).congestionWindowBytes()).isEqualTo(12_000);
        assertThat(new NewRenoController(1500, new RttEstimator(333_000_000L)).congestionWindowBytes()).isEqualTo(14_720);
        assertThat(new NewRenoController(9000, new RttEstimator(333_000_000L)).congestionWindowBytes()).isEqualTo(18_000);
        assertThat(new NewRenoController(1200, new RttEstimator(333_000_000L)).minimumWindowBytes()).isEqualTo(2400);
    }

    @Test
    void startsInSlowStartWithNoThreshold() {
        NewRenoController cc = new NewRenoController(MDS, new RttEstimator(333_000_000L));

        assertThat(cc.inSlowStart()).isTrue();
        assertThat(cc.slowStartThresholdBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(cc.name()).isEqualTo("NewReno");
    }

    @Test
    void slowStartGrowsTheWindowByEveryAcknowledgedByte() {
        NewRenoController cc = new NewRenoController(MDS, new RttEstimator(333_000_000L));

        for (int i = 0; i < 10; i++) {
            cc.onPacketAcked(10 * MS, packet(0, MDS));
        }

        assertThat(cc.congestionWindowBytes()).isEqualTo(24_000);
        assertThat(cc.inSlowStart()).isTrue();
    }

    @Test
    void packetsNotInFlightDoNotGrowTheWindow() {
        NewRenoController cc = new NewRenoController(MDS, new RttEstimator(333_000_000L));

        cc.onPacketAcked(10 * MS, new SentPacket(nextPacketNumber++, 0, MDS, false, false));

        assertThat(cc.congestionWindowBytes()).isEqualTo(12_000);
    }

    @Test
    void aLossHalvesTheWindowAndEndsSlowStart() {
        NewRenoController cc = new NewRenoController(MDS, new RttEstimator(333_000_000L));

        cc.onPacketsLost(100 * MS, 50 * MS, MDS, false);

        assertThat(cc.congestionWindowBytes()).isEqualTo(6000);
        assertThat(cc.slowStartThresholdBytes()).isEqualTo(6000);
        assertThat(cc.inSlowStart()).isFalse();
    }

    @Test
    void reducesOnlyOncePerRecoveryPeriod() {
        NewRenoController cc = new NewRenoController(MDS, new RttEstimator(333_000_000L));
        cc.onPacketsLost(100 * MS, 50 * MS, MDS, false);

        // Lost packets sent before the recovery period began (at 100 ms) cause no further reduction.
        cc.onPacketsLost(150 * MS, 90 * MS, MDS, false);
        cc.onPacketsLost(160 * MS, 100 * MS, MDS, false);
        assertThat(cc.congestionWindowBytes()).isEqualTo(6000);

        // A packet sent after it began starts a new period.
        cc.onPacketsLost(300 * MS, 101 * MS, MDS, false);
        assertThat(cc.congestionWindowBytes()).isEqualTo(3000);
    }

    @Test
    void neverReducesBelowTheMinimumWindow() {
        NewRenoController cc = new NewRenoController(MDS, new RttEstimator(333_000_000L));

        for (int i = 1; i <= 10; i++) {
            cc.onPacketsLost(i * 100 * MS, i * 100 * MS - 1, MDS, false);
        }

        assertThat(cc.congestionWindowBytes()).isEqualTo(2 * MDS);
    }

    @Test
    void acknowledgementsOfPacketsSentBeforeRecoveryDoNotGrowTheWindow() {
        NewRenoController cc = new NewRenoController(MDS, new RttEstimator(333_000_000L));
        cc.onPacketsLost(100 * MS, 50 * MS, MDS, false);

        cc.onPacketAcked(120 * MS, packet(60 * MS, MDS));
        cc.onPacketAcked(130 * MS, packet(100 * MS, MDS));

        assertThat(cc.congestionWindowBytes()).isEqualTo(6000);
    }

    @Test
    void congestionAvoidanceAddsOneDatagramPerWindowAcknowledged() {
        NewRenoController cc = new NewRenoController(MDS, new RttEstimator(333_000_000L));
        cc.onPacketsLost(100 * MS, 50 * MS, MDS, false);
        assertThat(cc.congestionWindowBytes()).isEqualTo(6000);

        ackBytes(cc, 200 * MS, 4800);
        assertThat(cc.congestionWindowBytes()).isEqualTo(6000);
        ackBytes(cc, 200 * MS, 1200);
        assertThat(cc.congestionWindowBytes()).isEqualTo(7200);

        ackBytes(cc, 300 * MS, 7200);
        assertThat(cc.congestionWindowBytes()).isEqualTo(8400);
        assertThat(cc.inSlowStart()).isFalse();
    }

    @Test
    void congestionAvoidanceGrowthIsExactAtLargeWindows() {
        NewRenoController cc = new NewRenoController(MDS, new RttEstimator(333_000_000L));
        ackBytes(cc, 10 * MS, 2_388_000);
        assertThat(cc.congestionWindowBytes()).isEqualTo(2_400_000);
        cc.onPacketsLost(100 * MS, 50 * MS, MDS, false);
        assertThat(cc.congestionWindowBytes()).isEqualTo(1_200_000);

        // Ten windows acknowledged: ten datagrams, although 1200 * 1200 / cwnd rounds to 1 byte per packet.
        long window = cc.congestionWindowBytes();
        for (int round = 0; round < 10; round++) {
            ackBytes(cc, 200 * MS, window);
            window += MDS;
        }

        assertThat(cc.congestionWindowBytes()).isEqualTo(1_200_000 + 10 * MDS);
    }

    @Test
    void persistentCongestionCollapsesToTheMinimumWindowAndRestartsSlowStart() {
        NewRenoController cc = new NewRenoController(MDS, new RttEstimator(333_000_000L));
        ackBytes(cc, 10 * MS, 48_000);
        assertThat(cc.congestionWindowBytes()).isEqualTo(60_000);

        cc.onPacketsLost(500 * MS, 400 * MS, 10 * MDS, true);

        assertThat(cc.congestionWindowBytes()).isEqualTo(2 * MDS);
        assertThat(cc.slowStartThresholdBytes()).isEqualTo(30_000);
        assertThat(cc.inSlowStart()).isTrue();
        // Recovery was left: even a packet sent before the loss grows the window again.
        cc.onPacketAcked(600 * MS, packet(450 * MS, MDS));
        assertThat(cc.congestionWindowBytes()).isEqualTo(3 * MDS);
    }

    @Test
    void handlesSendTimesAcrossTheLongOverflow() {
        NewRenoController cc = new NewRenoController(MDS, new RttEstimator(333_000_000L));
        long start = Long.MAX_VALUE - 10 * MS;
        cc.onPacketsLost(start, start - MS, MDS, false);

        cc.onPacketAcked(start + 50 * MS, packet(start - 5 * MS, MDS));
        assertThat(cc.congestionWindowBytes()).isEqualTo(6000);
        cc.onPacketsLost(start + 60 * MS, start + 20 * MS, MDS, false);
        assertThat(cc.congestionWindowBytes()).isEqualTo(3000);
    }

    @Test
    void packetsSentWhileApplicationLimitedDoNotGrowTheWindow() {
        NewRenoController cc = new NewRenoController(MDS, new RttEstimator(333_000_000L));
        SentPacket limited = packet(0, MDS);
        limited.appLimited = true;

        cc.onPacketAcked(20 * MS, limited);
        assertThat(cc.congestionWindowBytes()).isEqualTo(12_000);

        cc.onPacketsLost(100 * MS, 50 * MS, MDS, false);
        for (int i = 0; i < 20; i++) {
            SentPacket p = packet(200 * MS, MDS);
            p.appLimited = true;
            cc.onPacketAcked(220 * MS, p);
        }
        assertThat(cc.congestionWindowBytes()).as("nor in congestion avoidance (RFC 9002 §7.8)").isEqualTo(6000);
    }

    @Test
    void pacesAtOnePointTwoFiveWindowsPerSmoothedRoundTrip() {
        RttEstimator rtt = new RttEstimator(333 * MS);
        NewRenoController cc = new NewRenoController(MDS, rtt);
        assertThat(cc.pacingRateBytesPerSecond()).as("no sample yet").isEqualTo(CongestionController.UNPACED);

        rtt.onSample(40 * MS, 0, 0);

        // RFC 9002 §7.7: 1.25 * 12,000 bytes / 40 ms = 375,000 bytes per second.
        assertThat(cc.pacingRateBytesPerSecond()).isEqualTo(375_000);
        cc.onPacketsLost(100 * MS, 50 * MS, MDS, false);
        assertThat(cc.pacingRateBytesPerSecond()).isEqualTo(187_500);
    }

    @Test
    void rejectsANonPositiveDatagramSize() {
        assertThatThrownBy(() -> new NewRenoController(0, new RttEstimator(333_000_000L))).isInstanceOf(IllegalArgumentException.class);
    }

    private void ackBytes(NewRenoController cc, long sentTimeNanos, long bytes) {
        for (long left = bytes; left > 0; left -= MDS) {
            cc.onPacketAcked(sentTimeNanos + MS, packet(sentTimeNanos, (int) Math.min(MDS, left)));
        }
    }

    private SentPacket packet(long sentTimeNanos, int sizeBytes) {
        return new SentPacket(nextPacketNumber++, sentTimeNanos, sizeBytes, true, true);
    }
}
