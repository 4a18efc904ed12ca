package io.rudp.core.loss;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.path.RttEstimator;
import org.junit.jupiter.api.Test;

/** The adaptive reordering window (RFC 8985 §6.2 on RFC 9002 §6.1's thresholds). */
class ReorderingWindowTest {

    private static final long MS = 1_000_000;

    private final RttEstimator rtt = new RttEstimator(333 * MS);
    private final ReorderingWindow window = new ReorderingWindow();

    ReorderingWindowTest() {
        rtt.onSample(20 * MS, 0, 0); // smoothed = min = latest = 20 ms
    }

    @Test
    void keepsTheRfc9002ThresholdsUntilALossProvesSpurious() {
        window.onPacketLost(3, 100 * MS);
        window.onLossesDeclared(6, 10);

        assertThat(window.packetThreshold()).isEqualTo(LossDetector.PACKET_THRESHOLD);
        assertThat(window.lossDelayNanos(rtt)).isEqualTo(22_500_000L); // 9/8 x 20 ms
        assertThat(window.windowNanos(rtt)).isEqualTo(2_500_000L);
        assertThat(window.reorderingSeen()).isFalse();
        assertThat(window.spuriousLosses()).isZero();
    }

    @Test
    void aSpuriousLossTurnsThePacketThresholdOffAndSizesTheWindowToItsLateness() {
        window.onPacketLost(7, 100 * MS);

        // Sent at 100 ms, acknowledged at 135 ms: 15 ms later than one smoothed RTT.
        int found = window.onAckReceived(135 * MS, new long[] {10, 5}, 1, 10, 20, rtt);

        assertThat(found).isEqualTo(1);
        assertThat(window.spuriousLosses()).isEqualTo(1);
        assertThat(window.reorderingSeen()).isTrue();
        assertThat(window.packetThreshold()).isEqualTo(Long.MAX_VALUE);
        // 15 ms of lateness in units of min_rtt / 4 = 5 ms: a multiplier of 4 covers it.
        assertThat(window.multiplier()).isEqualTo(4);
        assertThat(window.windowNanos(rtt)).isEqualTo(20 * MS);
        assertThat(window.lossDelayNanos(rtt)).isEqualTo(40 * MS);
    }

    @Test
    void raisesTheMultiplierByOneAtMostOncePerRoundTrip() {
        window.onPacketLost(1, 100 * MS);
        window.onPacketLost(2, 101 * MS);
        window.onPacketLost(30, 150 * MS);

        // Acknowledged within one smoothed RTT: no lateness, only RFC 8985's increment.
        window.onAckReceived(118 * MS, new long[] {1, 1}, 1, 10, 20, rtt);
        assertThat(window.multiplier()).isEqualTo(2);
        assertThat(window.windowNanos(rtt)).isEqualTo(10 * MS);

        window.onAckReceived(119 * MS, new long[] {2, 2}, 1, 12, 25, rtt);
        assertThat(window.multiplier()).as("the same round trip: packet 21 not yet acknowledged").isEqualTo(2);

        window.onAckReceived(160 * MS, new long[] {30, 21}, 1, 30, 40, rtt);
        assertThat(window.multiplier()).isEqualTo(3);
        assertThat(window.spuriousLosses()).isEqualTo(3);
    }

    @Test
    void countsEachSpuriousLossOnceHoweverOftenAcknowledgementsRepeatIt() {
        window.onPacketLost(4, 100 * MS);
        window.onPacketLost(8, 104 * MS);

        assertThat(window.onAckReceived(121 * MS, new long[] {9, 9, 4, 0}, 2, 9, 9, rtt)).isEqualTo(1);
        assertThat(window.onAckReceived(122 * MS, new long[] {9, 9, 4, 0}, 2, 9, 9, rtt)).isZero();
        assertThat(window.onAckReceived(130 * MS, new long[] {9, 0}, 1, 9, 9, rtt)).isEqualTo(1);
        assertThat(window.spuriousLosses()).isEqualTo(2);
    }

    @Test
    void narrowsBackAfterSixteenLossEpisodesWithoutASpuriousLoss() {
        window.onPacketLost(7, 100 * MS);
        window.onAckReceived(135 * MS, new long[] {10, 5}, 1, 10, 20, rtt);
        assertThat(window.multiplier()).isEqualTo(4);

        long largestSent = 20;
        for (int episode = 1; episode < ReorderingWindow.PERSIST_EPISODES; episode++) {
            largestSent += 10;
            window.onLossesDeclared(largestSent - 5, largestSent);
            window.onLossesDeclared(largestSent - 4, largestSent + 1); // the same episode: not counted
        }
        assertThat(window.multiplier()).isEqualTo(4);

        window.onLossesDeclared(largestSent + 5, largestSent + 10);

        assertThat(window.multiplier()).isEqualTo(1);
        // RFC 8985 §6.2: the window is back to min_rtt / 4; reordering stays "seen".
        assertThat(window.windowNanos(rtt)).isEqualTo(5 * MS);
        assertThat(window.packetThreshold()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void neverWidensBeyondTheSmoothedRtt() {
        window.onPacketLost(7, 100 * MS);

        window.onAckReceived(2_100 * MS, new long[] {10, 5}, 1, 10, 20, rtt);

        assertThat(window.multiplier()).isEqualTo(ReorderingWindow.MAX_MULTIPLIER);
        assertThat(window.windowNanos(rtt)).isEqualTo(rtt.smoothedRttNanos());
        assertThat(window.lossDelayNanos(rtt)).isEqualTo(40 * MS);
    }

    @Test
    void remembersOnlyTheNewestLossesWithinItsCapacity() {
        RecentLosses losses = new RecentLosses();
        for (long pn = 0; pn <= RecentLosses.CAPACITY; pn++) {
            losses.add(pn * 2, pn * MS);
        }
        assertThat(losses.size()).isEqualTo(RecentLosses.CAPACITY);
        long[] found = new long[1];
        RecentLosses.SpuriousLossSink sink = (pn, sent) -> found[0]++;

        assertThat(losses.removeAcknowledged(new long[] {1, 0}, 1, sink)).as("packet 0 was forgotten").isZero();
        assertThat(losses.removeAcknowledged(new long[] {2 * RecentLosses.CAPACITY, 2}, 1, sink))
                .isEqualTo(RecentLosses.CAPACITY);
        assertThat(found[0]).isEqualTo(RecentLosses.CAPACITY);
        assertThat(losses.size()).isZero();
    }

    @Test
    void ignoresALossNumberedBelowOneAlreadyRemembered() {
        RecentLosses losses = new RecentLosses();
        losses.add(10, 0);
        losses.add(5, 0);

        assertThat(losses.size()).isEqualTo(1);
        assertThat(losses.removeAcknowledged(new long[] {10, 0}, 1, (pn, sent) -> { })).isEqualTo(1);
    }
}
