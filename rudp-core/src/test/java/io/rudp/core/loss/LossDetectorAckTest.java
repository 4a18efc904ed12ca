package io.rudp.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rudp.core.path.RttEstimator;
import org.junit.jupiter.api.Test;

/** Acknowledgement processing and packet threshold loss (RFC 9002 §6.1.1, A.7). */
class LossDetectorAckTest {

    private static final long MS = 1_000_000;
    private static final int SIZE = 1200;

    private final RttEstimator rtt = new RttEstimator(100 * MS);
    private final RecordingController cc = new RecordingController();
    private final RecordingListener listener = new RecordingListener();
    private final LossDetector detector = new LossDetector(rtt, cc, 25 * MS, MS, 60_000 * MS);

    @Test
    void acknowledgesEveryPacketOfASingleRange() {
        sendRange(0, 4);

        boolean newlyAcked = ack(100 * MS, 4, 0);

        assertThat(newlyAcked).isTrue();
        assertThat(listener.acked).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(listener.lost).isEmpty();
        assertThat(cc.ackedPacketNumbers).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(detector.bytesInFlight()).isZero();
        assertThat(detector.packetsInFlight()).isZero();
        assertThat(detector.hasAckElicitingInFlight()).isFalse();
        assertThat(detector.largestAckedPacketNumber()).isEqualTo(4);
        assertThat(detector.deadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void acknowledgesMultipleRangesAndLeavesTheGapOutstanding() {
        sendRange(0, 3);

        ack(100 * MS, 3, 3, 1, 0);

        assertThat(listener.acked).containsExactly(0L, 1L, 3L);
        assertThat(listener.lost).isEmpty();
        assertThat(detector.packetsInFlight()).isEqualTo(1);
        assertThat(detector.bytesInFlight()).isEqualTo(SIZE);
        assertThat(detector.hasAckElicitingInFlight()).isTrue();
    }

    @Test
    void declaresLostEveryPacketThreePacketsBelowTheLargestAcknowledged() {
        sendRange(0, 5);

        ack(100 * MS, 5, 4, 2, 2);

        assertThat(listener.acked).containsExactly(2L, 4L, 5L);
        assertThat(listener.lost).containsExactly(0L, 1L);
        assertThat(detector.packetsInFlight()).isEqualTo(1);
        assertThat(detector.packetsLostTotal()).isEqualTo(2);
        assertThat(cc.losses).containsExactly(new RecordingController.Loss(100 * MS, 1 * MS, 2 * SIZE, false));
        // Packet 3 is within the threshold: its time threshold loss time is armed instead.
        // latest_rtt = smoothed_rtt = 95 ms, loss delay = 9/8 * 95 ms = 106.875 ms.
        assertThat(detector.deadlineNanos()).isEqualTo(3 * MS + 106_875_000L);
    }

    @Test
    void tellsTheListenerOfAcknowledgementsInAscendingOrderBeforeLosses() {
        sendRange(0, 7);

        ack(100 * MS, 7, 6, 4, 3);

        assertThat(listener.events).containsExactly("A3", "A4", "A6", "A7", "L0", "L1", "L2");
    }

    @Test
    void tellsTheControllerOfLossesBeforeAcknowledgements() {
        sendRange(0, 7);
        cc.calls.clear();

        ack(100 * MS, 7, 6, 4, 3);

        assertThat(cc.calls).containsExactly("lost", "acked", "acked", "acked", "acked");
    }

    @Test
    void aDuplicateAcknowledgementChangesNothing() {
        sendRange(0, 2);
        ack(100 * MS, 2, 0);
        long smoothed = rtt.smoothedRttNanos();
        listener.clear();
        int controllerCalls = cc.calls.size();

        boolean newlyAcked = ack(200 * MS, 2, 0);

        assertThat(newlyAcked).isFalse();
        assertThat(listener.events).isEmpty();
        assertThat(cc.calls).hasSize(controllerCalls);
        assertThat(rtt.smoothedRttNanos()).isEqualTo(smoothed);
        assertThat(detector.bytesInFlight()).isZero();
    }

    @Test
    void aLateAcknowledgementOfAPacketAlreadyDeclaredLostAcknowledgesNothingButShowsTheLossSpurious() {
        sendRange(0, 4);
        ack(100 * MS, 4, 4);
        assertThat(listener.lost).containsExactly(0L, 1L);
        listener.clear();

        boolean newlyAcked = ack(110 * MS, 1, 0);

        assertThat(newlyAcked).isFalse();
        // Nothing acknowledged or lost; the listener only hears that both losses were spurious
        // (RFC 8985 §6.2, ReorderingWindow).
        assertThat(listener.events).containsExactly("S2");
        assertThat(detector.spuriousLossesTotal()).isEqualTo(2);
        assertThat(detector.bytesInFlight()).isEqualTo(2 * SIZE);
    }

    @Test
    void ignoresAcknowledgementsOfNumbersNeverSent() {
        sendRange(0, 2);

        assertThat(ack(100 * MS, 100, 50)).isFalse();
        assertThat(detector.largestAckedPacketNumber()).isEqualTo(-1);
        assertThat(listener.events).isEmpty();

        assertThat(ack(100 * MS, 5, 1)).isTrue();
        assertThat(listener.acked).containsExactly(1L, 2L);
        assertThat(detector.largestAckedPacketNumber()).isEqualTo(2);
        assertThat(detector.largestSentPacketNumber()).isEqualTo(2);
        assertThat(rtt.latestRttNanos()).isEqualTo(98 * MS);
    }

    @Test
    void malformedRangesNeitherThrowNorAcknowledgeAnythingTwice() {
        sendRange(0, 9);

        ack(100 * MS, new long[] {3, 5}, 1);                 // low above high
        ack(100 * MS, new long[] {-1, -7}, 1);               // negative
        ack(100 * MS, new long[] {1, 0}, 7);                 // count beyond the array
        ack(100 * MS, new long[] {9, 9}, -3);                // negative count
        ack(100 * MS, new long[] {2, 2, 6, 4, 9, 8}, 3);     // ascending instead of descending
        ack(100 * MS, new long[] {9, 0, 9, 0, 9, 0}, 3);     // the same range thrice

        // Ascending ranges are clipped to the first one processed (8..9), which declares 2..6 lost.
        assertThat(listener.acked).containsExactlyInAnyOrder(0L, 1L, 7L, 8L, 9L);
        assertThat(listener.lost).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(detector.packetsInFlight()).isZero();
        assertThat(detector.bytesInFlight()).isZero();
    }

    @Test
    void bytesInFlightCountOnlyInFlightPacketsUntilAcknowledgedOrLost() {
        send(new SentPacket(0, 0, 1200, true, true));
        send(new SentPacket(1, MS, 50, false, false));
        send(new SentPacket(2, 2 * MS, 1000, true, true));
        send(new SentPacket(3, 3 * MS, 700, true, true));

        assertThat(detector.bytesInFlight()).isEqualTo(2900);
        assertThat(detector.packetsInFlight()).isEqualTo(4);
        assertThat(cc.sentSizes).containsExactly(1200L, 1000L, 700L);

        ack(100 * MS, 3, 3);

        assertThat(listener.lost).containsExactly(0L);
        assertThat(detector.bytesInFlight()).isEqualTo(1000);
        assertThat(detector.packetsInFlight()).isEqualTo(2);
        assertThat(cc.losses).extracting(RecordingController.Loss::lostBytes).containsExactly(1200L);
    }

    @Test
    void lossesOfPacketsNotInFlightDoNotReachTheController() {
        send(new SentPacket(0, 0, 50, false, false));
        sendRange(1, 3);

        ack(100 * MS, 3, 1);

        assertThat(listener.lost).containsExactly(0L);
        assertThat(detector.packetsLostTotal()).isEqualTo(1);
        assertThat(cc.losses).isEmpty();
    }

    @Test
    void samplesTheRttOnlyWhenTheLargestIsNewlyAcknowledgedAndSomethingNewIsAckEliciting() {
        send(new SentPacket(0, 0, 50, false, false));
        ack(50 * MS, 0, 0);
        assertThat(rtt.hasSample()).isFalse();

        send(new SentPacket(1, 60 * MS, SIZE, true, true));
        send(new SentPacket(2, 70 * MS, 50, false, false));
        ack(150 * MS, 2, 2);
        // Only packet 2 is newly acknowledged, and it is not ack-eliciting.
        assertThat(rtt.hasSample()).isFalse();

        ack(200 * MS, 2, 1);
        // 1 is ack-eliciting, but the largest acknowledged (2) was not newly acknowledged.
        assertThat(rtt.hasSample()).isFalse();

        send(new SentPacket(3, 300 * MS, SIZE, true, true));
        send(new SentPacket(4, 310 * MS, 50, false, false));
        ack(400 * MS, 4, 3);
        assertThat(rtt.hasSample()).isTrue();
        assertThat(rtt.latestRttNanos()).isEqualTo(90 * MS);
    }

    @Test
    void appliesTheAckDelayCappedAtThePeersMaximum() {
        sendRange(0, 0);
        ack(100 * MS, 0, 0);
        detector.setPeerMaxAckDelayNanos(10 * MS);
        send(new SentPacket(1, 200 * MS, SIZE, true, true));

        detector.onAckReceived(330 * MS, new long[] {1, 1}, 1, 50 * MS, listener);

        // latest 130 ms, ack delay capped at 10 ms: adjusted 120 ms; smoothed = 100 + 20 / 8.
        assertThat(rtt.smoothedRttNanos()).isEqualTo(102_500_000L);
    }

    @Test
    void rejectsPacketNumbersThatDoNotIncrease() {
        sendRange(5, 5);

        assertThatThrownBy(() -> send(new SentPacket(5, 0, SIZE, true, true)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> send(new SentPacket(4, 0, SIZE, true, true)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(detector.packetsInFlight()).isEqualTo(1);
    }

    @Test
    void toleratesGapsInTheSentPacketNumbers() {
        send(new SentPacket(10, 0, SIZE, true, true));
        send(new SentPacket(20, MS, SIZE, true, true));
        send(new SentPacket(30, 2 * MS, SIZE, true, true));

        ack(100 * MS, 30, 15);

        assertThat(listener.acked).containsExactly(20L, 30L);
        assertThat(listener.lost).containsExactly(10L);
    }

    @Test
    void discardAllForgetsEverythingWithoutDeclaringLoss() {
        sendRange(0, 9);

        detector.discardAll();

        assertThat(detector.bytesInFlight()).isZero();
        assertThat(detector.packetsInFlight()).isZero();
        assertThat(detector.hasAckElicitingInFlight()).isFalse();
        assertThat(detector.deadlineNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(detector.packetsLostTotal()).isZero();
        assertThat(detector.largestSentPacketNumber()).isEqualTo(9);
        assertThat(ack(100 * MS, 9, 0)).isFalse();
        assertThat(listener.events).isEmpty();
        assertThatThrownBy(() -> send(new SentPacket(9, 0, SIZE, true, true)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aListenerThatReentersIsRefused() {
        sendRange(0, 1);
        LossDetector.Listener reentrant = new LossDetector.Listener() {
            @Override
            public void onPacketAcked(SentPacket p) {
                detector.onAckReceived(0, new long[] {1, 0}, 1, 0, this);
            }

            @Override
            public void onPacketLost(SentPacket p) {
            }
        };

        assertThatThrownBy(() -> detector.onAckReceived(100 * MS, new long[] {0, 0}, 1, 0, reentrant))
                .isInstanceOf(IllegalStateException.class);
        // The detector stays usable.
        assertThat(ack(100 * MS, 1, 1)).isTrue();
    }

    @Test
    void forgetsTheOldestAckOnlyPacketsOfAnUnacknowledgedBacklog() {
        int count = LossDetector.EVICTION_THRESHOLD_PACKETS + 1000;
        for (int pn = 0; pn < count; pn++) {
            send(new SentPacket(pn, pn, 40, false, false));
        }

        assertThat(detector.packetsInFlight()).isEqualTo(LossDetector.EVICTION_THRESHOLD_PACKETS);
        assertThat(ack(100 * MS, count - 1, count - 1)).isTrue();
        assertThat(listener.acked).containsExactly((long) count - 1);
    }

    @Test
    void neverForgetsAckElicitingPacketsToBoundTheWindow() {
        int count = LossDetector.EVICTION_THRESHOLD_PACKETS + 10;
        send(new SentPacket(0, 0, SIZE, true, true));
        for (int pn = 1; pn < count; pn++) {
            send(new SentPacket(pn, pn, 40, false, false));
        }

        assertThat(detector.packetsInFlight()).isEqualTo(count);
        assertThat(detector.bytesInFlight()).isEqualTo(SIZE);
    }

    private void sendRange(long first, long last) {
        for (long pn = first; pn <= last; pn++) {
            send(new SentPacket(pn, pn * MS, SIZE, true, true));
        }
    }

    private void send(SentPacket packet) {
        detector.onPacketSent(packet);
    }

    private boolean ack(long nowNanos, long... ranges) {
        return detector.onAckReceived(nowNanos, ranges, ranges.length / 2, 0, listener);
    }

    private boolean ack(long nowNanos, long[] ranges, int rangeCount) {
        return detector.onAckReceived(nowNanos, ranges, rangeCount, 0, listener);
    }
}
