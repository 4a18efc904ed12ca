package io.rudp.core.loss;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.path.RttEstimator;
import org.junit.jupiter.api.Test;

/** Time threshold loss and the probe timeout (RFC 9002 §6.1.2, §6.2, A.8, A.9). */
class LossDetectorTimerTest {

    private static final long MS = 1_000_000;
    private static final int SIZE = 1200;
    /** Before any sample: 100 ms + max(4 * 50 ms, 1 ms) + 25 ms. */
    private static final long INITIAL_PTO = 325 * MS;

    private final RttEstimator rtt = new RttEstimator(100 * MS);
    private final RecordingController cc = new RecordingController();
    private final RecordingListener listener = new RecordingListener();

    @Test
    void timeThresholdLossArmsTheTimerAndTheTimeoutDeclaresIt() {
        LossDetector detector = detector(MS, 60_000 * MS);
        send(detector, 0, 0);
        send(detector, 1, 10 * MS);

        detector.onAckReceived(110 * MS, new long[] {1, 1}, 1, 0, listener);

        // RTT 100 ms, loss delay 9/8 * 100 ms = 112.5 ms after packet 0 was sent.
        assertThat(listener.lost).isEmpty();
        assertThat(detector.deadlineNanos()).isEqualTo(112_500_000L);

        assertThat(detector.onTimeout(112_499_999L, listener)).isFalse();
        assertThat(listener.lost).isEmpty();

        assertThat(detector.onTimeout(112_500_000L, listener)).isFalse();
        assertThat(listener.lost).containsExactly(0L);
        assertThat(cc.losses).containsExactly(new RecordingController.Loss(112_500_000L, 0, SIZE, false));
        assertThat(detector.ptoCount()).isZero();
        assertThat(detector.bytesInFlight()).isZero();
        assertThat(detector.deadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void timeThresholdLossWorksAcrossTheLongOverflow() {
        long start = Long.MAX_VALUE - 50 * MS;
        LossDetector detector = detector(MS, 60_000 * MS);
        send(detector, 0, start);
        send(detector, 1, start + 10 * MS);

        detector.onAckReceived(start + 110 * MS, new long[] {1, 1}, 1, 0, listener);

        assertThat(detector.deadlineNanos()).isEqualTo(start + 112_500_000L);
        assertThat(detector.onTimeout(start + 112_499_999L, listener)).isFalse();
        assertThat(listener.lost).isEmpty();
        assertThat(detector.onTimeout(start + 112_500_000L, listener)).isFalse();
        assertThat(listener.lost).containsExactly(0L);
    }

    @Test
    void probeTimeoutIsMeasuredFromTheLastAckElicitingPacket() {
        LossDetector detector = detector(MS, 60_000 * MS);
        send(detector, 0, 0);
        send(detector, 1, 50 * MS);
        detector.onPacketSent(new SentPacket(2, 80 * MS, 50, false, false));

        assertThat(detector.deadlineNanos()).isEqualTo(50 * MS + INITIAL_PTO);
    }

    @Test
    void probeTimeoutDoublesWithEachConsecutiveTimeoutUpToHalfASecond() {
        // Behaviour changed with issue 14: backoff stops at max(500 ms, un-backed-off period), not
        // at the maximum, so a path that comes back is probed within half a second.
        LossDetector detector = detector(MS, 2000 * MS);
        send(detector, 0, 0);
        assertThat(detector.deadlineNanos()).isEqualTo(325 * MS);

        assertThat(detector.onTimeout(325 * MS, listener)).isTrue();
        assertThat(detector.ptoCount()).isEqualTo(1);
        assertThat(detector.deadlineNanos()).isEqualTo(500 * MS);

        assertThat(detector.onTimeout(500 * MS, listener)).isTrue();
        assertThat(detector.deadlineNanos()).isEqualTo(500 * MS);

        for (int i = 0; i < 100; i++) {
            detector.onTimeout(500 * MS, listener);
        }
        assertThat(detector.ptoCount()).isEqualTo(102);
        assertThat(detector.deadlineNanos()).isEqualTo(500 * MS);
        assertThat(listener.lost).isEmpty();
    }

    @Test
    void twoProbesWhileThePeriodDoublesThenOneAtTheCeiling() {
        // 20 ms path: PTO 20 + 4 x 10 + 25 = 85 ms, then 170, 340, 500 (ceiling).
        LossDetector detector = detector(MS, 60_000 * MS);
        detector.onPacketSent(new SentPacket(0, 0, SIZE, true, true));
        detector.onAckReceived(20 * MS, new long[] {0, 0}, 1, 0, listener);
        send(detector, 1, 20 * MS);
        long pto = detector.deadlineNanos() - 20 * MS;
        assertThat(pto).isEqualTo(85 * MS);

        long at = 20 * MS;
        long pn = 2;
        long[] gaps = {pto, 2 * pto, 4 * pto, 500 * MS, 500 * MS, 500 * MS};
        int[] probes = {2, 2, 1, 1, 1, 1};
        for (int i = 0; i < gaps.length; i++) {
            at += gaps[i];
            assertThat(detector.deadlineNanos()).as("timeout %d", i + 1).isEqualTo(at);
            assertThat(detector.onTimeout(at, listener)).isTrue();
            assertThat(detector.probesDue()).as("probes at timeout %d", i + 1).isEqualTo(probes[i]);
            for (int k = 0; k < probes[i]; k++) {
                send(detector, pn++, at); // the probes restart the timer from their sending
            }
        }
    }

    @Test
    void aProbeTimeoutAboveTheCeilingIsNotBackedOffAndSendsOneProbeFromTheSecondTimeout() {
        // A floor of 1.5 s makes the un-backed-off period 1.5 s: consecutive probes stay 1.5 s apart.
        LossDetector detector = detector(1500 * MS, 60_000 * MS);
        send(detector, 0, 0);
        assertThat(detector.deadlineNanos()).isEqualTo(1500 * MS);
        assertThat(detector.onTimeout(1500 * MS, listener)).isTrue();
        assertThat(detector.probesDue()).isEqualTo(2);
        for (int i = 0; i < 5; i++) {
            assertThat(detector.deadlineNanos()).isEqualTo(1500 * MS);
            assertThat(detector.onTimeout(1500 * MS, listener)).isTrue();
            assertThat(detector.probesDue()).isEqualTo(1);
        }
    }

    @Test
    void aMaximumBelowTheCeilingStillCapsTheBackoff() {
        LossDetector detector = detector(MS, 400 * MS);
        send(detector, 0, 0);
        assertThat(detector.deadlineNanos()).isEqualTo(325 * MS);
        assertThat(detector.onTimeout(325 * MS, listener)).isTrue();
        assertThat(detector.deadlineNanos()).isEqualTo(400 * MS);
        assertThat(detector.onTimeout(400 * MS, listener)).isTrue();
        assertThat(detector.deadlineNanos()).isEqualTo(400 * MS);
    }

    @Test
    void aProbeSentAfterATimeoutMovesTheDeadline() {
        LossDetector detector = detector(MS, 60_000 * MS);
        send(detector, 0, 0);
        detector.onTimeout(INITIAL_PTO, listener);

        send(detector, 1, INITIAL_PTO);

        // The doubled period (650 ms) is capped at the 500 ms backoff ceiling (issue 14).
        assertThat(detector.deadlineNanos()).isEqualTo(INITIAL_PTO + LossDetector.MAX_PROBE_BACKOFF_NANOS);
    }

    @Test
    void probeTimeoutIsClampedToTheConfiguredBounds() {
        LossDetector slow = detector(500 * MS, 60_000 * MS);
        send(slow, 0, 0);
        assertThat(slow.deadlineNanos()).isEqualTo(500 * MS);

        LossDetector fast = detector(MS, 200 * MS);
        send(fast, 0, 0);
        assertThat(fast.deadlineNanos()).isEqualTo(200 * MS);
    }

    @Test
    void probeTimeoutFollowsThePeersMaxAckDelay() {
        LossDetector detector = detector(MS, 60_000 * MS);
        send(detector, 0, 0);

        detector.setPeerMaxAckDelayNanos(0);

        assertThat(detector.deadlineNanos()).isEqualTo(300 * MS);
    }

    @Test
    void aHugePeerMaxAckDelayIsCappedByTheMaximumProbeTimeout() {
        LossDetector detector = detector(MS, 60_000 * MS);
        send(detector, 0, 0);

        detector.setPeerMaxAckDelayNanos(Long.MAX_VALUE);

        assertThat(detector.deadlineNanos()).isEqualTo(60_000 * MS);
    }

    @Test
    void anAcknowledgementResetsThePtoCount() {
        LossDetector detector = detector(MS, 60_000 * MS);
        send(detector, 0, 0);
        detector.onTimeout(INITIAL_PTO, listener);
        send(detector, 1, INITIAL_PTO);
        detector.onTimeout(INITIAL_PTO + 2 * INITIAL_PTO, listener);
        assertThat(detector.ptoCount()).isEqualTo(2);

        detector.onAckReceived(1100 * MS, new long[] {1, 1}, 1, 0, listener);

        assertThat(detector.ptoCount()).isZero();
    }

    @Test
    void aDuplicateAcknowledgementDoesNotResetThePtoCount() {
        LossDetector detector = detector(MS, 60_000 * MS);
        send(detector, 0, 0);
        send(detector, 1, MS);
        detector.onAckReceived(100 * MS, new long[] {0, 0}, 1, 0, listener);
        detector.onTimeout(detector.deadlineNanos(), listener);

        detector.onAckReceived(500 * MS, new long[] {0, 0}, 1, 0, listener);

        assertThat(detector.ptoCount()).isEqualTo(1);
    }

    @Test
    void noTimerIsArmedWithoutAckElicitingPacketsInFlight() {
        LossDetector detector = detector(MS, 60_000 * MS);
        detector.onPacketSent(new SentPacket(0, 0, 50, false, false));

        assertThat(detector.deadlineNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(detector.onTimeout(Long.MAX_VALUE - 1, listener)).isFalse();
        assertThat(detector.onTimeout(0, listener)).isFalse();
        assertThat(detector.ptoCount()).isZero();
    }

    @Test
    void aTimeoutBeforeTheDeadlineDoesNothing() {
        LossDetector detector = detector(MS, 60_000 * MS);
        send(detector, 0, 0);

        assertThat(detector.onTimeout(INITIAL_PTO - 1, listener)).isFalse();

        assertThat(detector.ptoCount()).isZero();
        assertThat(detector.deadlineNanos()).isEqualTo(INITIAL_PTO);
    }

    private LossDetector detector(long minPtoNanos, long maxPtoNanos) {
        return new LossDetector(rtt, cc, 25 * MS, minPtoNanos, maxPtoNanos);
    }

    private static void send(LossDetector detector, long pn, long sentTimeNanos) {
        detector.onPacketSent(new SentPacket(pn, sentTimeNanos, SIZE, true, true));
    }
}
