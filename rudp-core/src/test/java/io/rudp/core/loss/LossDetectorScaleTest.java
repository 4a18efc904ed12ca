package io.rudp.core.loss;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.path.RttEstimator;
import org.junit.jupiter.api.Test;

/** Acknowledgements over a large window cost what they acknowledge and lose, not the window size. */
class LossDetectorScaleTest {

    private static final long US = 1_000;
    private static final int WINDOW = 50_000;
    /** Search probes (log2 of the window, about 16) plus a handful of slot reads. */
    private static final long SMALL_WORK = 40;

    private final RttEstimator rtt = new RttEstimator(100_000 * US);
    private final RecordingController cc = new RecordingController();
    private final RecordingListener listener = new RecordingListener();
    private final LossDetector detector = new LossDetector(rtt, cc, 25_000 * US, 1_000 * US, 60_000_000 * US);

    private void sendWindow() {
        for (int pn = 0; pn < WINDOW; pn++) {
            detector.onPacketSent(new SentPacket(pn, pn * US, 1200, true, true));
        }
    }

    @Test
    void acknowledgingOnePacketLowInTheWindowCostsALogarithmicSearch() {
        sendWindow();
        long before = detector.workUnits();

        detector.onAckReceived(100_000 * US, new long[] {2, 2}, 1, 0, listener);

        assertThat(listener.acked).containsExactly(2L);
        assertThat(detector.workUnits() - before).isLessThan(SMALL_WORK);
        assertThat(detector.packetsInFlight()).isEqualTo(WINDOW - 1);
    }

    @Test
    void acknowledgingOnePacketHighInTheWindowCostsTheLossesItDeclares() {
        sendWindow();
        long before = detector.workUnits();

        detector.onAckReceived(100_000 * US, new long[] {WINDOW - 1, WINDOW - 1}, 1, 0, listener);

        long lost = listener.lost.size();
        assertThat(lost).isGreaterThan(WINDOW - 100);
        assertThat(detector.workUnits() - before).isLessThan(lost + SMALL_WORK);
    }

    @Test
    void reAcknowledgingTheWholeWindowCostsOnlyTheNewlyAcknowledged() {
        sendWindow();
        long before = detector.workUnits();
        detector.onAckReceived(100_000 * US, new long[] {WINDOW - 1, 0}, 1, 0, listener);
        assertThat(listener.acked).hasSize(WINDOW);
        assertThat(detector.workUnits() - before).isLessThan(WINDOW + SMALL_WORK);

        detector.onPacketSent(new SentPacket(WINDOW, 200_000 * US, 1200, true, true));
        listener.clear();
        before = detector.workUnits();
        // A receiver keeps reporting the old range until it learns its ACK arrived.
        detector.onAckReceived(300_000 * US, new long[] {WINDOW, 0}, 1, 0, listener);

        assertThat(listener.acked).containsExactly((long) WINDOW);
        assertThat(detector.workUnits() - before).isLessThan(SMALL_WORK);
        assertThat(detector.packetsInFlight()).isZero();
    }

    @Test
    void manyRangesOverAWindowWithHolesCostTheirSearchesAndNewAcknowledgements() {
        sendWindow();
        // Acknowledge every other packet of the top 128 numbers: 64 ranges.
        long[] ranges = new long[128];
        for (int i = 0; i < 64; i++) {
            long pn = WINDOW - 1 - 2L * i;
            ranges[2 * i] = pn;
            ranges[2 * i + 1] = pn;
        }
        detector.onAckReceived(100_000 * US, ranges, 64, 0, listener);
        long lost = listener.lost.size();
        listener.clear();
        long before = detector.workUnits();

        detector.onAckReceived(100_000 * US, ranges, 64, 0, listener);

        assertThat(listener.events).isEmpty();
        assertThat(detector.workUnits() - before).isLessThan(64 * SMALL_WORK);
        // Everything below the acknowledged numbers but 49998, within the packet threshold of 49999.
        assertThat(lost).isEqualTo(WINDOW - 64 - 1);
    }
}
