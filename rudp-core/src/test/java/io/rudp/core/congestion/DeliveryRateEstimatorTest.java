package io.rudp.core.congestion;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.loss.SentPacket;
import org.junit.jupiter.api.Test;

/**
 * The delivery-rate estimator (draft-cheng-iccrg-delivery-rate-estimation) on its own: what it
 * trusts and its arithmetic. {@code LossDetectorDeliveryRateTest} checks the samples as the loss
 * detector makes them.
 */
class DeliveryRateEstimatorTest {

    private static final long MS = 1_000_000;
    private static final int SIZE = 1200;

    @Test
    void aSampleOverAnIntervalShorterThanTheMinimumRttIsNotTrusted() {
        DeliveryRateEstimator estimator = new DeliveryRateEstimator();
        SentPacket p = new SentPacket(0, 0, SIZE, true, true);
        estimator.onPacketSent(p, 0);
        estimator.startAck();
        estimator.onPacketDelivered(10 * MS, p);

        RateSample s = estimator.finishAck(11 * MS, 0, SIZE, 0);

        assertThat(s.isRateValid()).isFalse();
        assertThat(s.deliveryRateBytesPerSecond()).isZero();
        assertThat(s.deliveredBytes()).isEqualTo(SIZE);
        assertThat(s.intervalNanos()).isEqualTo(10 * MS);
    }

    @Test
    void rateArithmeticDoesNotOverflowForHugeByteCounts() {
        assertThat(DeliveryRateEstimator.rate(Long.MAX_VALUE / 2, 1_000_000_000L)).isEqualTo(Long.MAX_VALUE / 2);
        assertThat(DeliveryRateEstimator.rate(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(DeliveryRateEstimator.rate(1200, 1_000_000)).isEqualTo(1_200_000);
    }
}
