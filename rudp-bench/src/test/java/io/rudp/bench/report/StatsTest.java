package io.rudp.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        assertThat(Stats.median(3.0, 1.0, 2.0)).isEqualTo(2.0);
        assertThat(Stats.median(5.0)).isEqualTo(5.0);
        assertThat(Stats.median(9.0, -1.0, 4.0, 4.0, 100.0)).isEqualTo(4.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Stats.median(4.0, 1.0, 3.0, 2.0)).isEqualTo(2.5);
        assertThat(Stats.median(1.0, 2.0)).isEqualTo(1.5);
    }

    @Test
    void medianLeavesItsArgumentUnsorted() {
        double[] values = {3.0, 1.0, 2.0};
        Stats.median(values);
        assertThat(values).containsExactly(3.0, 1.0, 2.0);
    }

    @Test
    void minAndMax() {
        assertThat(Stats.min(3.0, -2.0, 7.5)).isEqualTo(-2.0);
        assertThat(Stats.max(3.0, -2.0, 7.5)).isEqualTo(7.5);
    }

    @Test
    void emptyInputIsRejected() {
        assertThatThrownBy(Stats::median).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(Stats::min).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(Stats::jainIndex).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jainIndexIsOneForEqualSharesAndOneOverNForATakeover() {
        assertThat(Stats.jainIndex(48.0, 48.0)).isEqualTo(1.0);
        assertThat(Stats.jainIndex(10.0, 0.0)).isEqualTo(0.5);
        assertThat(Stats.jainIndex(7.0, 0.0, 0.0, 0.0)).isEqualTo(0.25);
    }

    @Test
    void jainIndexOfUnequalSharesFollowsTheFormula() {
        // (60 + 30)^2 / (2 * (3600 + 900)) = 8100 / 9000
        assertThat(Stats.jainIndex(60.0, 30.0)).isCloseTo(0.9, within(1e-12));
        assertThat(Stats.jainIndex(0.0, 0.0)).isZero();
    }

    @Test
    void jainIndexRejectsNegativeShares() {
        assertThatThrownBy(() -> Stats.jainIndex(1.0, -1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1.0");
    }
}
