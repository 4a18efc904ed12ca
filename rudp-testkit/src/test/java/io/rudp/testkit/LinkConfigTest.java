package io.rudp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinkConfigTest {

    @Test
    void aPerfectLinkHasNoImpairmentAndNoDelay() {
        LinkConfig p = LinkConfig.perfect();
        assertThat(p.lossRate()).isZero();
        assertThat(p.burstEnterBadProbability()).isZero();
        assertThat(p.burstLossRateWhileBad()).isZero();
        assertThat(p.delayNanos()).isZero();
        assertThat(p.jitterNanos()).isZero();
        assertThat(p.reorderProbability()).isZero();
        assertThat(p.duplicateRate()).isZero();
        assertThat(p.corruptRate()).isZero();
        assertThat(p.bandwidthBitsPerSecond()).isZero();
        assertThat(p).isEqualTo(LinkConfig.builder().build());
    }

    @Test
    void theBuilderKeepsEveryValueItIsGiven() {
        LinkConfig c = LinkConfig.builder().lossRate(0.1).burstLoss(0.2, 0.3, 0.4)
                .delay(Duration.ofMillis(5)).jitter(Duration.ofMillis(2))
                .reorder(0.5, Duration.ofMillis(7)).duplicateRate(0.6).corruptRate(0.7)
                .bandwidth(8_000_000, 64_000).build();
        assertThat(c.lossRate()).isEqualTo(0.1);
        assertThat(c.burstEnterBadProbability()).isEqualTo(0.2);
        assertThat(c.burstLeaveBadProbability()).isEqualTo(0.3);
        assertThat(c.burstLossRateWhileBad()).isEqualTo(0.4);
        assertThat(c.delayNanos()).isEqualTo(5_000_000);
        assertThat(c.jitterNanos()).isEqualTo(2_000_000);
        assertThat(c.reorderProbability()).isEqualTo(0.5);
        assertThat(c.reorderExtraDelayNanos()).isEqualTo(7_000_000);
        assertThat(c.duplicateRate()).isEqualTo(0.6);
        assertThat(c.corruptRate()).isEqualTo(0.7);
        assertThat(c.bandwidthBitsPerSecond()).isEqualTo(8_000_000);
        assertThat(c.queueLimitBytes()).isEqualTo(64_000);
        assertThat(LinkConfig.builder().delayNanos(5_000_000).build().delayNanos())
                .isEqualTo(5_000_000);
        assertThat(c.toString()).contains("loss=0.1").contains("queueLimitBytes=64000");
    }

    @Test
    void equalConfigurationsAreEqualAndHashAlike() {
        LinkConfig a = LinkConfig.builder().lossRate(0.25).delayNanos(3).build();
        LinkConfig b = LinkConfig.builder().lossRate(0.25).delayNanos(3).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b)
                .isNotEqualTo(LinkConfig.builder().lossRate(0.25).build());
    }

    @Test
    void ratesOutsideZeroToOneAreRejectedWithTheirName() {
        assertThatThrownBy(() -> LinkConfig.builder().lossRate(-0.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lossRate").hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> LinkConfig.builder().lossRate(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> LinkConfig.builder().duplicateRate(1.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicateRate");
        assertThatThrownBy(() -> LinkConfig.builder().corruptRate(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corruptRate");
        assertThatThrownBy(() -> LinkConfig.builder().burstLoss(0.1, 1.5, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaveBadProbability");
        assertThatThrownBy(() -> LinkConfig.builder().reorder(-1, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reorder probability");
    }

    @Test
    void negativeOrHugeDurationsAreRejected() {
        assertThatThrownBy(() -> LinkConfig.builder().delayNanos(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay")
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> LinkConfig.builder().delay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
        assertThatThrownBy(() -> LinkConfig.builder().jitter(Duration.ofNanos(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> LinkConfig.builder().delay(Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one day");
        assertThatThrownBy(() -> LinkConfig.builder().reorder(0.1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extraDelay must be positive");
        assertThatThrownBy(() -> LinkConfig.builder().delay(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("delay");
    }

    @Test
    void aBandwidthNeedsAPositiveQueueThatDrainsWithinADay() {
        assertThatThrownBy(() -> LinkConfig.builder().bandwidth(1_000_000, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queueLimitBytes must be > 0");
        assertThatThrownBy(() -> LinkConfig.builder().bandwidth(-1, 1_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bitsPerSecond");
        assertThatThrownBy(() -> LinkConfig.builder().bandwidth(1, 1_000_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one day");
        assertThat(LinkConfig.builder().bandwidth(0, 0).build().bandwidthBitsPerSecond()).isZero();
    }

    @Test
    void serializationTimeRoundsUp() {
        assertThat(Impairment.serializationNanos(1_000, 1_000_000)).isEqualTo(8_000_000);
        assertThat(Impairment.serializationNanos(1, 3)).isEqualTo(2_666_666_667L);
        assertThat(Impairment.serializationNanos(0, 3)).isZero();
        assertThat(Impairment.serializationNanos(65_507, Long.MAX_VALUE)).isEqualTo(1);
    }
}
