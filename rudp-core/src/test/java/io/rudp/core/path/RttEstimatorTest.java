package io.rudp.core.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RttEstimatorTest {

    private static final long MS = 1_000_000;
    private static final long MAX_ACK_DELAY = 25 * MS;

    @Test
    void usesTheInitialRttUntilTheFirstSample() {
        RttEstimator rtt = new RttEstimator(333 * MS);

        assertThat(rtt.hasSample()).isFalse();
        assertThat(rtt.smoothedRttNanos()).isEqualTo(333 * MS);
        assertThat(rtt.rttVarNanos()).isEqualTo(333 * MS / 2);
        assertThat(rtt.minRttNanos()).isZero();
        assertThat(rtt.latestRttNanos()).isZero();
    }

    @Test
    void firstSampleSetsTheEstimateAndIgnoresAckDelay() {
        RttEstimator rtt = new RttEstimator(333 * MS);

        rtt.onSample(100 * MS, 20 * MS, MAX_ACK_DELAY);

        assertThat(rtt.hasSample()).isTrue();
        assertThat(rtt.smoothedRttNanos()).isEqualTo(100 * MS);
        assertThat(rtt.rttVarNanos()).isEqualTo(50 * MS);
        assertThat(rtt.minRttNanos()).isEqualTo(100 * MS);
        assertThat(rtt.latestRttNanos()).isEqualTo(100 * MS);
    }

    @Test
    void laterSamplesSubtractTheAckDelayAndSmoothWithOneEighthAndOneQuarter() {
        RttEstimator rtt = sampled(100 * MS);

        rtt.onSample(120 * MS, 10 * MS, MAX_ACK_DELAY);

        // adjusted = 110 ms; rttvar = 3/4 * 50 + 1/4 * |100 - 110| = 40; smoothed = 7/8 * 100 + 1/8 * 110.
        assertThat(rtt.rttVarNanos()).isEqualTo(40 * MS);
        assertThat(rtt.smoothedRttNanos()).isEqualTo(101_250_000L);
        assertThat(rtt.minRttNanos()).isEqualTo(100 * MS);
        assertThat(rtt.latestRttNanos()).isEqualTo(120 * MS);
    }

    @Test
    void capsTheAckDelayAtTheMaxAckDelay() {
        RttEstimator rtt = sampled(100 * MS);

        rtt.onSample(160 * MS, 50 * MS, MAX_ACK_DELAY);

        // ack delay capped at 25 ms: adjusted = 135 ms; rttvar = 37.5 + 8.75; smoothed = 87.5 + 16.875.
        assertThat(rtt.rttVarNanos()).isEqualTo(46_250_000L);
        assertThat(rtt.smoothedRttNanos()).isEqualTo(104_375_000L);
    }

    @Test
    void doesNotSubtractAckDelayThatWouldTakeTheSampleBelowTheMinimum() {
        RttEstimator rtt = sampled(100 * MS);

        rtt.onSample(105 * MS, 10 * MS, MAX_ACK_DELAY);

        // 105 < 100 + 10, so the sample is used as is: rttvar = 37.5 + 1.25, smoothed = 87.5 + 13.125.
        assertThat(rtt.rttVarNanos()).isEqualTo(38_750_000L);
        assertThat(rtt.smoothedRttNanos()).isEqualTo(100_625_000L);
    }

    @Test
    void minimumRttIgnoresAckDelay() {
        RttEstimator rtt = sampled(100 * MS);

        rtt.onSample(80 * MS, 20 * MS, MAX_ACK_DELAY);

        assertThat(rtt.minRttNanos()).isEqualTo(80 * MS);
        // 80 < 80 + 20: no subtraction, smoothed = 87.5 + 10.
        assertThat(rtt.smoothedRttNanos()).isEqualTo(97_500_000L);
    }

    @Test
    void probeTimeoutBaseIsSmoothedPlusFourVariationsPlusMaxAckDelay() {
        RttEstimator rtt = sampled(100 * MS);

        assertThat(rtt.probeTimeoutBaseNanos(MAX_ACK_DELAY)).isEqualTo((100 + 200 + 25) * MS);
        assertThat(rtt.probeTimeoutBaseNanos(0)).isEqualTo(300 * MS);
    }

    @Test
    void probeTimeoutBaseUsesTheGranularityWhenVariationIsTiny() {
        RttEstimator rtt = sampled(100_000);

        // rttvar = 50 us, 4 * rttvar = 200 us < 1 ms.
        assertThat(rtt.probeTimeoutBaseNanos(MAX_ACK_DELAY))
                .isEqualTo(100_000 + RttEstimator.GRANULARITY_NANOS + MAX_ACK_DELAY);
    }

    @Test
    void probeTimeoutBaseBeforeAnySampleUsesTheInitialRtt() {
        RttEstimator rtt = new RttEstimator(333 * MS);

        assertThat(rtt.probeTimeoutBaseNanos(MAX_ACK_DELAY)).isEqualTo(333 * MS + 4 * (333 * MS / 2) + MAX_ACK_DELAY);
    }

    @Test
    void hostileAckDelaysAndMaxAckDelaysNeitherThrowNorOverflow() {
        RttEstimator rtt = sampled(100 * MS);

        rtt.onSample(100 * MS, Long.MAX_VALUE, Long.MAX_VALUE);
        rtt.onSample(100 * MS, -5, -5);

        assertThat(rtt.smoothedRttNanos()).isEqualTo(100 * MS);
        assertThat(rtt.probeTimeoutBaseNanos(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(rtt.probeTimeoutBaseNanos(-1)).isEqualTo(rtt.probeTimeoutBaseNanos(0));
    }

    @Test
    void rejectsANonPositiveInitialRtt() {
        assertThatThrownBy(() -> new RttEstimator(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RttEstimator sampled(long firstSampleNanos) {
        RttEstimator rtt = new RttEstimator(333 * MS);
        rtt.onSample(firstSampleNanos, 0, MAX_ACK_DELAY);
        return rtt;
    }
}
