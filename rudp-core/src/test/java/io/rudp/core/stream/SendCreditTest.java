package io.rudp.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SendCreditTest {

    @Test
    void startsAtTheInitialLimit() {
        assertThat(new SendCredit(65_536).limit()).isEqualTo(65_536);
    }

    @Test
    void raisesTheLimitOnlyUpward() {
        SendCredit credit = new SendCredit(1000);

        assertThat(credit.onMaxData(2000)).isTrue();
        assertThat(credit.onMaxData(1500)).as("reordered, smaller").isFalse();
        assertThat(credit.onMaxData(2000)).as("repeated").isFalse();

        assertThat(credit.limit()).isEqualTo(2000);
    }

    @Test
    void reportsBlockedOncePerLimit() {
        SendCredit credit = new SendCredit(1000);

        assertThat(credit.shouldReportBlocked(1000, true)).isTrue();
        assertThat(credit.shouldReportBlocked(1000, true)).isFalse();

        credit.onMaxData(1500);
        assertThat(credit.shouldReportBlocked(1200, true)).as("not blocked yet").isFalse();
        assertThat(credit.shouldReportBlocked(1500, true)).isTrue();
        assertThat(credit.shouldReportBlocked(1500, true)).isFalse();
    }

    @Test
    void doesNotReportBlockedWithNothingToSend() {
        SendCredit credit = new SendCredit(1000);

        assertThat(credit.shouldReportBlocked(1000, false)).isFalse();
        assertThat(credit.shouldReportBlocked(1000, true)).as("still due once data waits").isTrue();
    }

    @Test
    void doesNotReportBlockedBelowTheLimit() {
        SendCredit credit = new SendCredit(1000);

        assertThat(credit.shouldReportBlocked(999, true)).isFalse();
    }

    @Test
    void reportsBlockedAtAZeroLimit() {
        SendCredit credit = new SendCredit(0);

        assertThat(credit.shouldReportBlocked(0, true)).isTrue();
    }

    @Test
    void rejectsANegativeInitialLimit() {
        assertThatThrownBy(() -> new SendCredit(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
