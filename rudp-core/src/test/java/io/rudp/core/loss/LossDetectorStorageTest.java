package io.rudp.core.loss;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.path.RttEstimator;
import org.junit.jupiter.api.Test;

/** A quiet connection's loss detector gives back what a busy period grew: spare records and window slots. */
class LossDetectorStorageTest {

    private static final long US = 1_000;

    private final RttEstimator rtt = new RttEstimator(10_000 * US);
    private final RecordingController cc = new RecordingController();
    private final RecordingListener listener = new RecordingListener();
    private final LossDetector detector = new LossDetector(rtt, cc, 5_000 * US, 1_000 * US, 60_000_000 * US);

    private long sendAndAcknowledge(long firstPn, int count, long nowNanos) {
        for (int i = 0; i < count; i++) {
            detector.onPacketSent(detector.newSentPacket(firstPn + i, nowNanos, 1200, true, true));
        }
        detector.onAckReceived(nowNanos + 10_000 * US, new long[] {firstPn + count - 1, firstPn}, 1, 0, listener);
        return firstPn + count;
    }

    @Test
    void trimmingWhenNothingIsInFlightReleasesSpareRecordsAndWindowSlots() {
        long next = sendAndAcknowledge(0, 1_000, 0);
        assertThat(detector.packetsInFlight()).isZero();
        assertThat(detector.spareRecords()).as("kept for the next burst while busy").isEqualTo(1_000);
        assertThat(detector.windowCapacity()).isGreaterThanOrEqualTo(1_000);

        detector.trimStorage();

        assertThat(detector.spareRecords()).isZero();
        assertThat(detector.windowCapacity()).isEqualTo(16);
        listener.clear();
        sendAndAcknowledge(next, 100, 1_000_000 * US);
        assertThat(listener.acked).hasSize(100);
        assertThat(detector.spareRecords()).isEqualTo(100);
    }

    @Test
    void aWindowStillHoldingPacketsKeepsItsSlots() {
        long next = sendAndAcknowledge(0, 500, 0);
        detector.onPacketSent(detector.newSentPacket(next, 2_000_000 * US, 1200, true, true));
        int capacity = detector.windowCapacity();

        detector.trimStorage();

        assertThat(detector.windowCapacity()).isEqualTo(capacity);
        assertThat(detector.packetsInFlight()).isEqualTo(1);
        detector.onAckReceived(2_010_000 * US, new long[] {next, next}, 1, 0, listener);
        assertThat(detector.packetsInFlight()).isZero();
    }
}
