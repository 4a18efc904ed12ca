package io.rudp.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeMathTest {

    private static final long NO_DEADLINE = Long.MAX_VALUE;

    @Test
    void ordersOrdinaryReadingsByTheirDifference() {
        assertThat(TimeMath.isBefore(1, 2)).isTrue();
        assertThat(TimeMath.isBefore(2, 1)).isFalse();
        assertThat(TimeMath.isBefore(5, 5)).isFalse();
        assertThat(TimeMath.isAtOrAfter(5, 5)).isTrue();
        assertThat(TimeMath.isAtOrAfter(6, 5)).isTrue();
        assertThat(TimeMath.isAtOrAfter(4, 5)).isFalse();
    }

    @Test
    void treatsAReadingJustPastTheWrapAsLaterThanOneJustBeforeIt() {
        long beforeWrap = Long.MAX_VALUE - 10;
        long afterWrap = Long.MIN_VALUE + 10;
        assertThat(TimeMath.isBefore(beforeWrap, afterWrap)).isTrue();
        assertThat(TimeMath.isBefore(afterWrap, beforeWrap)).isFalse();
        assertThat(TimeMath.isAtOrAfter(afterWrap, beforeWrap)).isTrue();
        assertThat(TimeMath.isAtOrAfter(beforeWrap, afterWrap)).isFalse();
    }

    @Test
    void comparesAcrossZeroLikeAnyOtherPoint() {
        assertThat(TimeMath.isBefore(-3, 2)).isTrue();
        assertThat(TimeMath.isAtOrAfter(2, -3)).isTrue();
    }

    @Test
    void neverReachesTheNoDeadlineSentinelWhateverTheCurrentTime() {
        for (long now : new long[] {0, 1, -1, 42, Long.MIN_VALUE, Long.MIN_VALUE + 1,
                Long.MAX_VALUE - 1, -1_000_000_000L}) {
            assertThat(TimeMath.isAtOrAfter(now, NO_DEADLINE)).as("now=%d", now).isFalse();
            assertThat(TimeMath.isBefore(now, NO_DEADLINE)).as("now=%d", now).isTrue();
            assertThat(TimeMath.isBefore(NO_DEADLINE, now)).as("now=%d", now).isFalse();
        }
    }

    @Test
    void picksTheEarlierOfTwoDeadlinesAcrossTheWrap() {
        long beforeWrap = Long.MAX_VALUE - 10;
        long afterWrap = Long.MIN_VALUE + 10;
        assertThat(TimeMath.earliest(beforeWrap, afterWrap)).isEqualTo(beforeWrap);
        assertThat(TimeMath.earliest(afterWrap, beforeWrap)).isEqualTo(beforeWrap);
        assertThat(TimeMath.earliest(7, 3)).isEqualTo(3);
        assertThat(TimeMath.earliest(3, 7)).isEqualTo(3);
        assertThat(TimeMath.earliest(-5, 5)).isEqualTo(-5);
    }

    @Test
    void letsAnyRealDeadlineWinOverTheSentinel() {
        for (long deadline : new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE - 1}) {
            assertThat(TimeMath.earliest(NO_DEADLINE, deadline)).isEqualTo(deadline);
            assertThat(TimeMath.earliest(deadline, NO_DEADLINE)).isEqualTo(deadline);
        }
        assertThat(TimeMath.earliest(NO_DEADLINE, NO_DEADLINE)).isEqualTo(NO_DEADLINE);
    }

    @Test
    void agreesWithPlainDifferenceForEveryPairOfNonSentinelValuesSampled() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            long a = random.nextLong();
            long b = random.nextBoolean() ? a + random.nextInt() : random.nextLong();
            if (a == NO_DEADLINE || b == NO_DEADLINE) {
                continue;
            }
            assertThat(TimeMath.isBefore(a, b)).isEqualTo(a - b < 0);
            assertThat(TimeMath.earliest(a, b)).isEqualTo(a - b < 0 ? a : b);
        }
    }
}
