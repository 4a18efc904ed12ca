package io.rudp.core.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rudp.core.path.RttEstimator;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReceivedPacketTrackerTest {

    private static final long MS = 1_000_000;
    private static final long MAX_ACK_DELAY = 25 * MS;

    private final ReceivedPacketTracker tracker = new ReceivedPacketTracker(32, MAX_ACK_DELAY, 2);

    @Test
    void nothingIsWantedBeforeAnythingArrives() {
        assertThat(tracker.ackWanted()).isFalse();
        assertThat(tracker.ackDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(tracker.largestReceived()).isEqualTo(-1);
        assertThat(tracker.fillRanges(new long[8])).isZero();
        assertThat(tracker.rangeCount()).isZero();
        assertThat(tracker.ackDelayNanos(5 * MS)).isZero();
    }

    @Test
    void inOrderPacketsAreAcknowledgedEverySecondPacket() {
        tracker.onPacketReceived(10 * MS, 100, true);
        assertThat(tracker.ackWanted()).isTrue();
        assertThat(tracker.ackDeadlineNanos()).isEqualTo(10 * MS + MAX_ACK_DELAY);

        tracker.onPacketReceived(12 * MS, 101, true);
        assertThat(tracker.ackDeadlineNanos()).isEqualTo(12 * MS);

        tracker.onAckSent(12 * MS);
        assertThat(tracker.ackWanted()).isFalse();
        assertThat(tracker.ackDeadlineNanos()).isEqualTo(Long.MAX_VALUE);

        tracker.onPacketReceived(14 * MS, 102, true);
        assertThat(tracker.ackDeadlineNanos()).isEqualTo(14 * MS + MAX_ACK_DELAY);
        tracker.onPacketReceived(15 * MS, 103, true);
        assertThat(tracker.ackDeadlineNanos()).isEqualTo(15 * MS);
    }

    @Test
    void pastItsStartADecimatingTrackerAcknowledgesEveryTenthInOrderPacket() {
        RttEstimator rtt = new RttEstimator(100 * MS);
        rtt.onSample(20 * MS, 0, 0); // 0.1 ms apart: 200 packets per RTT, fast enough to decimate
        ReceivedPacketTracker decimating = new ReceivedPacketTracker(32, MAX_ACK_DELAY, 2);
        decimating.enableAckDecimation(100, 10, rtt);
        long now = 0;
        long pn = 0;
        int acks = 0;
        for (; pn < 100; pn++, now += MS / 10) {
            decimating.onPacketReceived(now, pn, true);
            if (decimating.ackDeadlineNanos() - now <= 0) {
                decimating.onAckSent(now);
                acks++;
            }
        }
        assertThat(acks).as("every second packet at the start").isEqualTo(50);
        assertThat(decimating.decimating()).isFalse();

        acks = 0;
        for (; pn < 200; pn++, now += MS / 10) {
            decimating.onPacketReceived(now, pn, true);
            if (decimating.ackDeadlineNanos() - now <= 0) {
                decimating.onAckSent(now);
                acks++;
            }
        }

        assertThat(decimating.decimating()).isTrue();
        assertThat(acks).as("every tenth packet once decimating").isEqualTo(10);
    }

    @Test
    void aDecimatingTrackerStillAcknowledgesAGapAtOnceAndWaitsAtMostAQuarterRtt() {
        RttEstimator rtt = new RttEstimator(100 * MS);
        ReceivedPacketTracker decimating = new ReceivedPacketTracker(32, MAX_ACK_DELAY, 2);
        decimating.enableAckDecimation(0, 10, rtt);
        long now = 0;
        for (long pn = 0; pn < 20; pn++, now += 10_000) { // 10 us apart
            decimating.onPacketReceived(now, pn, true);
        }
        assertThat(decimating.decimating()).as("no RTT sample yet").isFalse();
        decimating.onAckSent(now);
        rtt.onSample(20 * MS, 0, 0);
        assertThat(decimating.decimating()).isTrue();

        decimating.onPacketReceived(now, 20, true);
        assertThat(decimating.ackDeadlineNanos()).as("a quarter of the smoothed RTT").isEqualTo(now + 5 * MS);
        for (int i = 0; i < 20; i++) {
            rtt.onSample(400 * MS, 0, 0); // smoothed RTT well above 4 x max_ack_delay
        }
        assertThat(decimating.ackDeadlineNanos()).as("never past max_ack_delay").isEqualTo(now + MAX_ACK_DELAY);

        decimating.onPacketReceived(now + 10_000, 22, true); // 21 is missing
        assertThat(decimating.ackDeadlineNanos()).as("a gap is acknowledged at once").isEqualTo(now + 10_000);
        decimating.onAckSent(now + 10_000);
        decimating.onPacketReceived(now + 20_000, 21, true); // fills the gap: out of order
        assertThat(decimating.ackDeadlineNanos()).isEqualTo(now + 20_000);
    }

    @Test
    void aSlowFlowIsNotDecimated() {
        RttEstimator rtt = new RttEstimator(100 * MS);
        rtt.onSample(20 * MS, 0, 0);
        ReceivedPacketTracker tracker = new ReceivedPacketTracker(32, MAX_ACK_DELAY, 2);
        tracker.enableAckDecimation(0, 10, rtt);
        long now = 0;
        int acks = 0;
        for (long pn = 0; pn < 200; pn++, now += MS) { // 20 packets per RTT: a small window
            tracker.onPacketReceived(now, pn, true);
            if (tracker.ackDeadlineNanos() - now <= 0) {
                tracker.onAckSent(now);
                acks++;
            }
        }

        assertThat(tracker.decimating()).isFalse();
        assertThat(acks).as("every second packet").isEqualTo(100);
    }

    @Test
    void decimationNeedsAThresholdAtLeastTheNormalOne() {
        assertThatThrownBy(() -> tracker.enableAckDecimation(100, 1, new RttEstimator(MS)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tracker.enableAckDecimation(-1, 10, new RttEstimator(MS)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDelayedDeadlineIsAnchoredOnTheFirstUnacknowledgedPacket() {
        ReceivedPacketTracker everyFourth = new ReceivedPacketTracker(32, MAX_ACK_DELAY, 4);

        everyFourth.onPacketReceived(10 * MS, 0, true);
        everyFourth.onPacketReceived(20 * MS, 1, true);
        everyFourth.onPacketReceived(30 * MS, 2, true);

        assertThat(everyFourth.ackDeadlineNanos()).isEqualTo(10 * MS + MAX_ACK_DELAY);
        everyFourth.onPacketReceived(31 * MS, 3, true);
        assertThat(everyFourth.ackDeadlineNanos()).isEqualTo(31 * MS);
    }

    @Test
    void packetsThatAreNotAckElicitingWantNoAcknowledgement() {
        tracker.onPacketReceived(10 * MS, 0, false);
        tracker.onPacketReceived(11 * MS, 5, false);

        assertThat(tracker.ackWanted()).isFalse();
        assertThat(tracker.ackDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(ranges()).containsExactly(5, 5, 0, 0);
    }

    @Test
    void aPacketThatLeavesAGapIsAcknowledgedAtOnce() {
        tracker.onPacketReceived(10 * MS, 0, true);
        tracker.onAckSent(10 * MS);

        tracker.onPacketReceived(20 * MS, 2, true);

        assertThat(tracker.ackDeadlineNanos()).isEqualTo(20 * MS);
        assertThat(ranges()).containsExactly(2, 2, 0, 0);
    }

    @Test
    void aPacketThatFillsAGapIsAcknowledgedAtOnce() {
        tracker.onPacketReceived(10 * MS, 0, true);
        tracker.onPacketReceived(11 * MS, 2, true);
        tracker.onAckSent(11 * MS);

        tracker.onPacketReceived(20 * MS, 1, true);

        assertThat(tracker.ackDeadlineNanos()).isEqualTo(20 * MS);
        assertThat(ranges()).containsExactly(2, 0);
    }

    @Test
    void theFirstPacketIsNotOutOfOrderWhateverItsNumber() {
        tracker.onPacketReceived(10 * MS, 123_456_789, true);

        assertThat(tracker.ackDeadlineNanos()).isEqualTo(10 * MS + MAX_ACK_DELAY);
    }

    @Test
    void recognisesDuplicatesAndIgnoresThem() {
        tracker.onPacketReceived(10 * MS, 5, true);
        tracker.onPacketReceived(11 * MS, 6, true);
        tracker.onAckSent(11 * MS);

        assertThat(tracker.isDuplicate(5)).isTrue();
        assertThat(tracker.isDuplicate(6)).isTrue();
        assertThat(tracker.isDuplicate(4)).isFalse();
        assertThat(tracker.isDuplicate(7)).isFalse();
        assertThat(tracker.isDuplicate(-1)).isTrue();

        tracker.onPacketReceived(12 * MS, 6, true);
        assertThat(tracker.ackWanted()).isFalse();
        assertThat(ranges()).containsExactly(6, 5);
    }

    @Test
    void mergesRangesAsGapsFill() {
        for (long pn : new long[] {10, 14, 12, 11, 13, 9, 16}) {
            tracker.onPacketReceived(MS, pn, true);
        }

        assertThat(ranges()).containsExactly(16, 16, 14, 9);
        assertThat(tracker.largestReceived()).isEqualTo(16);
    }

    @Test
    void keepsAtMostMaxRangesByDroppingTheLowest() {
        ReceivedPacketTracker three = new ReceivedPacketTracker(3, MAX_ACK_DELAY, 2);
        for (long pn : new long[] {0, 2, 4, 6}) {
            three.onPacketReceived(MS, pn, true);
        }

        assertThat(three.rangeCount()).isEqualTo(3);
        long[] dst = new long[6];
        assertThat(three.fillRanges(dst)).isEqualTo(3);
        assertThat(dst).containsExactly(6, 6, 4, 4, 2, 2);
        assertThat(three.isDuplicate(0)).isTrue();
        assertThat(three.floorPacketNumber()).isEqualTo(1);

        // 1 is above the floor and joins the range of 2.
        three.onPacketReceived(MS, 1, true);
        dst = new long[6];
        three.fillRanges(dst);
        assertThat(dst).containsExactly(6, 6, 4, 4, 2, 1);
    }

    @Test
    void fillsOnlyAsManyRangesAsTheDestinationHolds() {
        for (long pn : new long[] {0, 2, 4, 6, 8}) {
            tracker.onPacketReceived(MS, pn, true);
        }
        long[] dst = new long[5];

        assertThat(tracker.fillRanges(dst)).isEqualTo(2);
        assertThat(Arrays.copyOf(dst, 4)).containsExactly(8, 8, 6, 6);
        assertThat(dst[4]).isZero();
    }

    @Test
    void anAcknowledgedAckRaisesTheFloor() {
        for (long pn = 0; pn <= 9; pn++) {
            if (pn != 5) {
                tracker.onPacketReceived(MS, pn, true);
            }
        }
        assertThat(ranges()).containsExactly(9, 6, 4, 0);

        tracker.onAckAcknowledged(4);
        assertThat(ranges()).containsExactly(9, 6);
        assertThat(tracker.isDuplicate(3)).isTrue();
        assertThat(tracker.isDuplicate(5)).isFalse();

        tracker.onAckAcknowledged(7);
        assertThat(ranges()).containsExactly(9, 8);
        assertThat(tracker.isDuplicate(5)).isTrue();
        assertThat(tracker.isDuplicate(7)).isTrue();

        // An older acknowledgement does not lower the floor again.
        tracker.onAckAcknowledged(2);
        assertThat(ranges()).containsExactly(9, 8);
        assertThat(tracker.floorPacketNumber()).isEqualTo(8);
    }

    @Test
    void reportsTheTimeSinceTheLargestArrivedAsTheAckDelay() {
        tracker.onPacketReceived(10 * MS, 4, true);
        tracker.onPacketReceived(12 * MS, 2, true);

        assertThat(tracker.ackDelayNanos(15 * MS)).isEqualTo(5 * MS);
        tracker.onPacketReceived(16 * MS, 5, true);
        assertThat(tracker.ackDelayNanos(20 * MS)).isEqualTo(4 * MS);
    }

    @Test
    void handlesArrivalTimesAcrossTheLongOverflow() {
        long start = Long.MAX_VALUE - 10 * MS;
        tracker.onPacketReceived(start, 0, true);

        assertThat(tracker.ackDeadlineNanos()).isEqualTo(start + MAX_ACK_DELAY);
        assertThat(tracker.ackDelayNanos(start + 20 * MS)).isEqualTo(20 * MS);
    }

    @Test
    void rejectsParametersOutOfRange() {
        assertThatThrownBy(() -> new ReceivedPacketTracker(0, MAX_ACK_DELAY, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReceivedPacketTracker(32, -1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReceivedPacketTracker(32, MAX_ACK_DELAY, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private long[] ranges() {
        long[] dst = new long[64];
        int count = tracker.fillRanges(dst);
        return Arrays.copyOf(dst, 2 * count);
    }
}
