package io.rudp.core.congestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WindowedMaxFilterTest {

    @Test
    void keepsTheLargestValueOfTheLastTenRounds() {
        WindowedMaxFilter f = new WindowedMaxFilter(10);
        f.update(500, 1);
        f.update(300, 1);
        assertThat(f.best()).isEqualTo(500);

        for (long round = 2; round <= 10; round++) {
            f.update(100, round);
            assertThat(f.best()).as("round %d", round).isEqualTo(500);
        }
        // Round 11: round 1 is now eleven rounds old.
        f.update(100, 11);
        assertThat(f.best()).isEqualTo(100);
    }

    @Test
    void aLargerValueReplacesTheBestAtOnce() {
        WindowedMaxFilter f = new WindowedMaxFilter(10);
        f.update(100, 1);
        f.update(700, 2);

        assertThat(f.best()).isEqualTo(700);
    }

    @Test
    void roundsWithoutSamplesDoNotAgeTheEstimate() {
        WindowedMaxFilter f = new WindowedMaxFilter(10);
        f.update(900, 1);
        f.update(100, 2);

        // The next sample comes at round 5: rounds 3 and 4 brought none, and round 1 is 5 rounds old.
        f.update(50, 5);
        assertThat(f.best()).isEqualTo(900);
        f.update(50, 11);
        assertThat(f.best()).as("round 2 is still within 10 of round 11").isEqualTo(100);
        f.update(50, 12);
        assertThat(f.best()).isEqualTo(50);
    }

    @Test
    void ignoresSamplesOfEarlierRoundsAndForgetsEverythingOnReset() {
        WindowedMaxFilter f = new WindowedMaxFilter(3);
        f.update(10, 7);
        f.update(99, 6);
        assertThat(f.best()).isEqualTo(10);

        f.reset();
        assertThat(f.best()).isZero();
        f.update(4, 2);
        assertThat(f.best()).isEqualTo(4);
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> new WindowedMaxFilter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
