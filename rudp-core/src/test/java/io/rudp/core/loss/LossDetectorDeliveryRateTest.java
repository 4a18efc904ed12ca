package io.rudp.core.loss;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.path.RttEstimator;
import org.junit.jupiter.api.Test;

/**
 * Delivery-rate samples (draft-cheng-iccrg-delivery-rate-estimation) as the loss detector makes
 * them, checked against values worked out by hand from the draft's definitions.
 */
class LossDetectorDeliveryRateTest {

    private static final long MS = 1_000_000;
    private static final int SIZE = 1200;

    private final RttEstimator rtt = new RttEstimator(100 * MS);
    private final RecordingController cc = new RecordingController();
    private final RecordingListener listener = new RecordingListener();
    private final LossDetector detector = new LossDetector(rtt, cc, 0, MS, 60_000 * MS);

    @Test
    void aFirstFlightFromIdleIsMeasuredOverItsWholeRoundTrip() {
        for (int i = 0; i < 10; i++) {
            send(i, i * MS);
        }

        ack(50 * MS, 9, 0);

        // Newest packet 9: delivered 0 at time 0 when sent, first sent at 0, sent at 9 ms. Send
        // phase 9 ms, ACK phase 50 ms: 12,000 bytes over 50 ms.
        RecordingController.Sample s = cc.samples.get(0);
        assertThat(s.valid()).isTrue();
        assertThat(s.deliveredBytes()).isEqualTo(12_000);
        assertThat(s.intervalNanos()).isEqualTo(50 * MS);
        assertThat(s.rateBytesPerSecond()).isEqualTo(240_000);
        assertThat(s.rttNanos()).isEqualTo(41 * MS);
        assertThat(s.ackedBytes()).isEqualTo(12_000);
        assertThat(s.priorInFlight()).isEqualTo(12_000);
        assertThat(s.inFlight()).isZero();
        assertThat(s.totalDelivered()).isEqualTo(12_000);
        assertThat(s.appLimited()).isFalse();
    }

    @Test
    void aSteadyFlowOfOnePacketPerMillisecondMeasuresExactlyThatRate() {
        // Packet i leaves at i ms; its acknowledgement arrives 40 ms later, before the send due then.
        for (int i = 0; i < 200; i++) {
            long now = i * MS;
            if (i >= 40) {
                ack(now, i - 40, i - 40);
            }
            send(i, now);
        }

        // Packet i (i >= 40) was sent with 40 packets unacknowledged behind the newest ACK: both
        // phases span 40 ms and 40 packets were delivered in them.
        RecordingController.Sample last = cc.samples.get(cc.samples.size() - 1);
        assertThat(last.deliveredBytes()).isEqualTo(40 * SIZE);
        assertThat(last.intervalNanos()).isEqualTo(40 * MS);
        assertThat(last.rateBytesPerSecond()).isEqualTo(1_200_000);
        assertThat(cc.samples.subList(40, cc.samples.size()))
                .allSatisfy(s -> assertThat(s.rateBytesPerSecond()).isEqualTo(1_200_000));
    }

    @Test
    void packetsSentAfterTheSenderRanDryAreAppLimitedUntilTheDataThenInFlightIsDelivered() {
        send(0, 0);
        send(1, MS);
        detector.onAppLimited(2 * MS);
        send(2, 3 * MS);
        ack(40 * MS, 1, 0);
        send(3, 41 * MS);
        ack(43 * MS, 2, 2);
        send(4, 44 * MS);

        // The mark was 2,400 bytes delivered-or-in-flight: packet 2 (sent before the first ACK)
        // and packet 3 (sent when exactly 2,400 were delivered) are marked; packet 4 is not.
        assertThat(cc.appLimitedAt).containsExactly(2L * SIZE);
        ack(80 * MS, 4, 3);
        assertThat(cc.samples).extracting(RecordingController.Sample::appLimited)
                .containsExactly(false, true, false);
    }

    @Test
    void aConnectionThatNeverSentAnythingIsNotMarkedAppLimited() {
        detector.onAppLimited(0);
        send(0, MS);
        ack(30 * MS, 0, 0);

        assertThat(cc.samples.get(0).appLimited()).isFalse();
    }

    @Test
    void lostBytesAreReportedInTheSampleOfTheAckThatDeclaredThem() {
        for (int i = 0; i < 5; i++) {
            send(i, i * MS);
        }

        ack(50 * MS, 4, 4);

        // Packets 0 and 1 are 3 or more below the largest acknowledged (RFC 9002 §6.1.1).
        RecordingController.Sample s = cc.samples.get(0);
        assertThat(s.lostBytes()).isEqualTo(2 * SIZE);
        assertThat(s.ackedBytes()).isEqualTo(SIZE);
        assertThat(s.inFlight()).isEqualTo(2 * SIZE);
        assertThat(cc.calls).containsExactly("sent", "sent", "sent", "sent", "sent", "lost", "acked");
    }

    private void send(long pn, long atNanos) {
        detector.onPacketSent(new SentPacket(pn, atNanos, SIZE, true, true));
    }

    private void ack(long nowNanos, long high, long low) {
        detector.onAckReceived(nowNanos, new long[] {high, low}, 1, 0, listener);
    }
}
