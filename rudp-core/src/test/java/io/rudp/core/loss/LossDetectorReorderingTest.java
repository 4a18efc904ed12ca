package io.rudp.core.loss;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.path.RttEstimator;
import org.junit.jupiter.api.Test;

/**
 * Loss detection on a path that reorders: a loss the fixed thresholds declare too early is found
 * spurious when the late packet is acknowledged, the window widens, and a later real loss is
 * still declared, one RTT plus the window after it was sent (RFC 9002 §6.1, RFC 8985 §6.2).
 */
class LossDetectorReorderingTest {

    private static final long MS = 1_000_000;
    private static final int SIZE = 1200;

    private final RttEstimator rtt = new RttEstimator(333 * MS);
    private final RecordingController cc = new RecordingController();
    private final RecordingListener listener = new RecordingListener();
    private final LossDetector detector = new LossDetector(rtt, cc, 0, MS, 60_000 * MS);

    @Test
    void aLateAcknowledgementWidensTheWindowAndALaterRealLossIsStillDeclared() {
        for (long pn = 0; pn <= 9; pn++) {
            detector.onPacketSent(new SentPacket(pn, pn * MS, SIZE, true, true));
        }
        // 20 ms RTT; packet 0 is held back 15 ms. Packets 1-4 arrive: the fixed packet threshold
        // (RFC 9002 §6.1.1) declares packet 0 lost.
        ack(24 * MS, 4, 1);
        assertThat(listener.lost).containsExactly(0L);
        assertThat(detector.packetThreshold()).isEqualTo(LossDetector.PACKET_THRESHOLD);

        // Packet 0 arrives 15 ms late: the loss was spurious.
        boolean newlyAcked = ack(35 * MS, 4, 0);

        assertThat(newlyAcked).isFalse();
        assertThat(listener.spurious).containsExactly(1);
        assertThat(detector.spuriousLossesTotal()).isEqualTo(1);
        assertThat(detector.packetThreshold()).as("only time declares loss now").isEqualTo(Long.MAX_VALUE);
        // Lateness 35 - 0 - 20 = 15 ms; the window becomes min(4 x min_rtt / 4, smoothed RTT) = 20 ms.
        assertThat(detector.reorderingWindowNanos()).isEqualTo(20 * MS);

        // Packet 5 is really lost; 6-9 arrive. With the fixed thresholds it would be declared lost
        // now (four later packets acknowledged); now it waits for the time threshold.
        listener.clear();
        ack(36 * MS, 9, 6);
        assertThat(listener.lost).isEmpty();
        // latest RTT 27 ms (packet 9), smoothed 20.875 ms: loss delay = 27 + min(20, 20.875) = 47 ms.
        assertThat(detector.deadlineNanos()).isEqualTo(5 * MS + 47 * MS);

        detector.onTimeout(52 * MS - 1, listener);
        assertThat(listener.lost).isEmpty();
        detector.onTimeout(52 * MS, listener);

        assertThat(listener.lost).containsExactly(5L);
        assertThat(detector.packetsLostTotal()).isEqualTo(2);
        assertThat(detector.spuriousLossesTotal()).isEqualTo(1);
        assertThat(detector.bytesInFlight()).isZero();
    }

    @Test
    void withoutReorderingTheThresholdsStayRfc9002s() {
        for (long pn = 0; pn <= 9; pn++) {
            detector.onPacketSent(new SentPacket(pn, pn * MS, SIZE, true, true));
        }
        ack(24 * MS, 4, 1);
        ack(29 * MS, 9, 1);

        assertThat(listener.lost).containsExactly(0L);
        assertThat(listener.spurious).isEmpty();
        assertThat(detector.spuriousLossesTotal()).isZero();
        assertThat(detector.packetThreshold()).isEqualTo(LossDetector.PACKET_THRESHOLD);
        assertThat(detector.reorderingWindowNanos()).isEqualTo(rtt.latestRttNanos() / 8);
    }

    private boolean ack(long nowNanos, long... ranges) {
        return detector.onAckReceived(nowNanos, ranges, ranges.length / 2, 0, listener);
    }
}
