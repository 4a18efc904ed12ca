package io.rudp.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReceiveCreditTest {

    @Test
    void startsWithTheWholeWindowAdvertised() {
        ReceiveCredit credit = new ReceiveCredit(1000);

        assertThat(credit.advertisedLimit()).isEqualTo(1000);
        assertThat(credit.shouldAdvertise(0)).isFalse();
    }

    @Test
    void offersTheReadOffsetPlusTheWindow() {
        ReceiveCredit credit = new ReceiveCredit(1000);

        assertThat(credit.nextLimit(0)).isEqualTo(1000);
        assertThat(credit.nextLimit(12_345)).isEqualTo(13_345);
    }

    @Test
    void waitsUntilTheLimitCanMoveHalfAWindow() {
        ReceiveCredit credit = new ReceiveCredit(1000);

        assertThat(credit.shouldAdvertise(499)).isFalse();
        assertThat(credit.shouldAdvertise(500)).isTrue();
    }

    @Test
    void measuresTheThresholdFromTheLastAdvertisedLimit() {
        ReceiveCredit credit = new ReceiveCredit(1000);
        credit.onAdvertised(credit.nextLimit(600));

        assertThat(credit.advertisedLimit()).isEqualTo(1600);
        assertThat(credit.shouldAdvertise(600)).isFalse();
        assertThat(credit.shouldAdvertise(1099)).isFalse();
        assertThat(credit.shouldAdvertise(1100)).isTrue();
    }

    @Test
    void neverLowersTheAdvertisedLimit() {
        ReceiveCredit credit = new ReceiveCredit(1000);
        credit.onAdvertised(5000);

        credit.onAdvertised(3000);

        assertThat(credit.advertisedLimit()).isEqualTo(5000);
        assertThat(credit.shouldAdvertise(4400)).isFalse();
    }

    @Test
    void advertisesEveryByteWithAOneByteWindow() {
        ReceiveCredit credit = new ReceiveCredit(1);

        assertThat(credit.shouldAdvertise(0)).isFalse();
        assertThat(credit.shouldAdvertise(1)).isTrue();
    }

    @Test
    void answersDataBlockedWhenItCanOfferMore() {
        ReceiveCredit credit = new ReceiveCredit(1000);

        assertThat(credit.shouldAdvertiseOnBlocked(1000, 0)).isFalse();
        assertThat(credit.shouldAdvertiseOnBlocked(1000, 1)).as("below the half-window").isTrue();
    }

    @Test
    void answersAStaleDataBlockedWithTheCurrentLimit() {
        ReceiveCredit credit = new ReceiveCredit(1000);
        credit.onAdvertised(credit.nextLimit(800));

        // The peer may not have received the 1800 yet: repeating it is what unblocks it.
        assertThat(credit.shouldAdvertiseOnBlocked(1000, 800)).isTrue();
        assertThat(credit.shouldAdvertiseOnBlocked(1800, 800)).isFalse();
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> new ReceiveCredit(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
