package io.rudp.core.loss;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.congestion.NewRenoController;
import io.rudp.core.path.RttEstimator;
import org.junit.jupiter.api.Test;

/** Persistent congestion as the loss detector establishes it (RFC 9002 §7.6). */
class PersistentCongestionTest {

    private static final long MS = 1_000_000;
    private static final int SIZE = 1200;

    private final RttEstimator rtt = new RttEstimator(100 * MS);
    private final RecordingController cc = new RecordingController();
    private final RecordingListener listener = new RecordingListener();
    private final LossDetector detector = new LossDetector(rtt, cc, 25 * MS, MS, 60_000 * MS);

    /**
     * Takes an RTT sample of exactly 100 ms. A second 100 ms sample (from the acknowledgement that
     * declares the losses) leaves smoothed_rtt at 100 ms and rttvar at 37.5 ms, so the persistent
     * congestion duration becomes (100 + 150 + 25) * 3 = 825 ms.
     */
    private void sampleRttOf100Ms() {
        send(0, 0);
        detector.onAckReceived(100 * MS, new long[] {0, 0}, 1, 0, listener);
        assertThat(rtt.smoothedRttNanos()).isEqualTo(100 * MS);
    }

    @Test
    void declaresPersistentCongestionWhenLossesSpanMoreThanThreeProbeTimeouts() {
        sampleRttOf100Ms();
        for (int pn = 1; pn <= 6; pn++) {
            send(pn, pn * 200 * MS);
        }
        send(7, 1300 * MS);

        detector.onAckReceived(1400 * MS, new long[] {7, 7}, 1, 0, listener);

        // Packets 1..6, sent from 200 ms to 1200 ms: 1000 ms > 825 ms, none acknowledged in between.
        assertThat(listener.lost).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(cc.losses).containsExactly(new RecordingController.Loss(1400 * MS, 1200 * MS, 6 * SIZE, true));
    }

    @Test
    void restartsTheMinimumRttFromTheNewestSample() {
        send(0, 0);
        detector.onAckReceived(60 * MS, new long[] {0, 0}, 1, 0, listener);
        assertThat(rtt.minRttNanos()).isEqualTo(60 * MS);
        for (int pn = 1; pn <= 6; pn++) {
            send(pn, pn * 300 * MS);
        }
        send(7, 2000 * MS);

        detector.onAckReceived(2150 * MS, new long[] {7, 7}, 1, 0, listener);

        assertThat(cc.losses).singleElement().extracting(RecordingController.Loss::persistentCongestion).isEqualTo(true);
        assertThat(rtt.minRttNanos()).isEqualTo(150 * MS);
    }

    @Test
    void doesNotDeclareItWhenTheLossesSpanLessThanTheDuration() {
        sampleRttOf100Ms();
        for (int pn = 1; pn <= 6; pn++) {
            send(pn, 1000 * MS + pn * 160 * MS);
        }
        send(7, 3000 * MS);

        detector.onAckReceived(3100 * MS, new long[] {7, 7}, 1, 0, listener);

        // 5 * 160 ms = 800 ms, under 825 ms.
        assertThat(listener.lost).hasSize(6);
        assertThat(cc.losses).singleElement().extracting(RecordingController.Loss::persistentCongestion).isEqualTo(false);
    }

    @Test
    void anAcknowledgedPacketInBetweenBreaksThePeriod() {
        sampleRttOf100Ms();
        for (int pn = 1; pn <= 6; pn++) {
            send(pn, pn * 200 * MS);
        }
        send(7, 1300 * MS);

        detector.onAckReceived(1400 * MS, new long[] {7, 7, 4, 4}, 2, 0, listener);

        assertThat(listener.lost).containsExactly(1L, 2L, 3L, 5L, 6L);
        assertThat(cc.losses).singleElement().extracting(RecordingController.Loss::persistentCongestion).isEqualTo(false);
    }

    @Test
    void anAcknowledgementInAnEarlierAckAlsoBreaksThePeriod() {
        sampleRttOf100Ms();
        sendSpreadOutPackets();
        // Packet 2 is acknowledged first; packet 1 is still within both thresholds then.
        detector.onAckReceived(1100 * MS, new long[] {2, 2}, 1, 0, listener);
        assertThat(listener.lost).isEmpty();

        detector.onAckReceived(2400 * MS, new long[] {5, 5}, 1, 0, listener);

        // Lost 1 (1000 ms), 3 (2100 ms) and 4 (2200 ms): 1 and 4 are 1200 ms apart, but 2 was acknowledged.
        assertThat(listener.lost).containsExactly(1L, 3L, 4L);
        assertThat(cc.losses).singleElement().extracting(RecordingController.Loss::persistentCongestion).isEqualTo(false);
    }

    @Test
    void theSameLossesWithoutThatAcknowledgementArePersistentCongestion() {
        sampleRttOf100Ms();
        sendSpreadOutPackets();

        detector.onAckReceived(2400 * MS, new long[] {5, 5}, 1, 0, listener);

        assertThat(listener.lost).containsExactly(1L, 2L, 3L, 4L);
        assertThat(cc.losses).singleElement().extracting(RecordingController.Loss::persistentCongestion).isEqualTo(true);
    }

    private void sendSpreadOutPackets() {
        send(1, 1000 * MS);
        send(2, 1050 * MS);
        send(3, 2100 * MS);
        send(4, 2200 * MS);
        send(5, 2300 * MS);
    }

    @Test
    void losingOnlyAckOnlyPacketsInBetweenDoesNotBreakThePeriod() {
        sampleRttOf100Ms();
        send(1, 200 * MS);
        for (int pn = 2; pn <= 5; pn++) {
            detector.onPacketSent(new SentPacket(pn, pn * 200 * MS, 50, false, false));
        }
        send(6, 1200 * MS);
        send(7, 1300 * MS);

        detector.onAckReceived(1400 * MS, new long[] {7, 7}, 1, 0, listener);

        assertThat(cc.losses).singleElement().extracting(RecordingController.Loss::persistentCongestion).isEqualTo(true);
    }

    @Test
    void ignoresPacketsSentBeforeTheFirstRttSample() {
        for (int pn = 0; pn <= 5; pn++) {
            send(pn, pn * 200 * MS);
        }
        send(6, 1100 * MS);

        // The first RTT sample comes with the acknowledgement that declares the losses.
        detector.onAckReceived(1200 * MS, new long[] {6, 6}, 1, 0, listener);

        assertThat(listener.lost).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(cc.losses).singleElement().extracting(RecordingController.Loss::persistentCongestion).isEqualTo(false);
    }

    @Test
    void bringsNewRenoToItsMinimumWindow() {
        NewRenoController newReno = new NewRenoController(SIZE, new RttEstimator(333_000_000L));
        LossDetector withNewReno = new LossDetector(new RttEstimator(100 * MS), newReno, 25 * MS, MS, 60_000 * MS);
        withNewReno.onPacketSent(new SentPacket(0, 0, SIZE, true, true));
        withNewReno.onAckReceived(100 * MS, new long[] {0, 0}, 1, 0, listener);
        for (int pn = 1; pn <= 7; pn++) {
            withNewReno.onPacketSent(new SentPacket(pn, pn * 200 * MS, SIZE, true, true));
        }

        withNewReno.onAckReceived(1500 * MS, new long[] {7, 7}, 1, 0, listener);

        // The minimum window, then packet 7, acknowledged after the losses (RFC 9002 A.7), in slow start.
        assertThat(newReno.congestionWindowBytes()).isEqualTo(2 * SIZE + SIZE);
        assertThat(newReno.inSlowStart()).isTrue();
        assertThat(withNewReno.bytesInFlight()).isZero();
    }

    private void send(long pn, long sentTimeNanos) {
        detector.onPacketSent(new SentPacket(pn, sentTimeNanos, SIZE, true, true));
    }
}
