package io.rudp.core.congestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacerTest {

    private static final int MDS = 1200;
    private static final long MS = 1_000_000L;
    /** 1.2 MB/s: one 1,200-byte datagram per millisecond. */
    private static final long ONE_PER_MS = 1_200_000L;
    /** 100 Mbit/s. */
    private static final long HUNDRED_MBIT = 12_500_000L;

    @Test
    void theBurstIsOneMillisecondAtTheRateButNeverBelowTwoDatagrams() {
        Pacer pacer = new Pacer(MDS);

        assertThat(pacer.burstBytes(ONE_PER_MS)).isEqualTo(2 * MDS);
        assertThat(pacer.burstBytes(HUNDRED_MBIT)).isEqualTo(12_500);
        assertThat(pacer.burstBytes(1)).isEqualTo(2 * MDS);
    }

    @Test
    void aFreshPacerLetsOneBurstGoAtOnceThenSpacesPacketsAtTheRate() {
        Pacer pacer = new Pacer(MDS);
        long t0 = 5 * MS;

        assertThat(pacer.canSend(t0, ONE_PER_MS, MDS)).isTrue();
        pacer.onPacketSent(t0, ONE_PER_MS, MDS);
        assertThat(pacer.canSend(t0, ONE_PER_MS, MDS)).isTrue();
        pacer.onPacketSent(t0, ONE_PER_MS, MDS);

        // The two-datagram burst is spent: 1,200 bytes at 1.2 MB/s take exactly 1 ms.
        assertThat(pacer.canSend(t0, ONE_PER_MS, MDS)).isFalse();
        assertThat(pacer.nextSendTimeNanos(t0, ONE_PER_MS, MDS)).isEqualTo(t0 + MS);
        assertThat(pacer.canSend(t0 + MS - 1, ONE_PER_MS, MDS)).isFalse();
        assertThat(pacer.canSend(t0 + MS, ONE_PER_MS, MDS)).isTrue();
    }

    @Test
    void theNextSendTimeIsStrictlyLaterThanNowWhenTheBucketIsShortByAFractionOfAByte() {
        Pacer pacer = new Pacer(MDS);
        // 3 bytes per second: a byte every 333,333,333.3 ns, so the bucket is rarely whole.
        long rate = 3;
        long now = 0;
        pacer.onPacketSent(now, rate, MDS);
        pacer.onPacketSent(now, rate, MDS);
        for (int i = 0; i < 50; i++) {
            long at = pacer.nextSendTimeNanos(now, rate, MDS);
            assertThat(at - now).isPositive();
            assertThat(pacer.canSend(at, rate, MDS)).as("the deadline always lets the packet go").isTrue();
            pacer.onPacketSent(at, rate, MDS);
            now = at;
        }
    }

    @Test
    void overOneSecondItSendsTheRatePlusOneBurstAndNoMore() {
        Pacer pacer = new Pacer(MDS);
        long now = 0;
        long sentBytes = 0;
        while (true) {
            long at = pacer.nextSendTimeNanos(now, HUNDRED_MBIT, MDS);
            if (at > 1_000 * MS) {
                break;
            }
            now = at;
            pacer.onPacketSent(now, HUNDRED_MBIT, MDS);
            sentBytes += MDS;
        }
        // 12,500,000 bytes earned in one second plus the 12,500-byte burst it started with, in
        // whole datagrams: 10,427 datagrams = 12,512,400 bytes.
        assertThat(sentBytes).isEqualTo(10_427L * MDS);
    }

    @Test
    void anIdlePeriodRefillsTheBucketOnlyUpToOneBurst() {
        Pacer pacer = new Pacer(MDS);
        pacer.onPacketSent(0, HUNDRED_MBIT, MDS);

        assertThat(pacer.canSend(3_600_000 * MS, HUNDRED_MBIT, MDS)).isTrue();
        assertThat(pacer.tokenBytes()).isEqualTo(12_500);
    }

    @Test
    void unpacedProbesTakeTokensButTheDebtIsBoundedByOneBurst() {
        Pacer pacer = new Pacer(MDS);
        for (int i = 0; i < 100; i++) {
            pacer.onPacketSent(0, ONE_PER_MS, MDS);
        }

        assertThat(pacer.tokenBytes()).isEqualTo(-2 * MDS);
        // Three datagrams' worth must be earned back before the next one: 3 ms.
        assertThat(pacer.nextSendTimeNanos(0, ONE_PER_MS, MDS)).isEqualTo(3 * MS);
    }

    @Test
    void anUnpacedRateNeverHoldsAPacketBack() {
        Pacer pacer = new Pacer(MDS);
        for (int i = 0; i < 1000; i++) {
            assertThat(pacer.canSend(0, CongestionController.UNPACED, MDS)).isTrue();
            pacer.onPacketSent(0, CongestionController.UNPACED, MDS);
        }
    }

    @Test
    void aLowerRateShrinksTheBucketToTheNewBurst() {
        Pacer pacer = new Pacer(MDS);
        assertThat(pacer.canSend(0, HUNDRED_MBIT, MDS)).isTrue();
        assertThat(pacer.tokenBytes()).isEqualTo(12_500);

        assertThat(pacer.canSend(MS, ONE_PER_MS, MDS)).isTrue();

        assertThat(pacer.tokenBytes()).isEqualTo(2 * MDS);
    }

    @Test
    void pacingWorksAcrossTheWrapOfTheNanosecondClock() {
        Pacer pacer = new Pacer(MDS);
        long now = Long.MAX_VALUE - MS / 2;
        pacer.onPacketSent(now, ONE_PER_MS, MDS);
        pacer.onPacketSent(now, ONE_PER_MS, MDS);

        long at = pacer.nextSendTimeNanos(now, ONE_PER_MS, MDS);

        assertThat(at).isEqualTo(Long.MIN_VALUE + MS / 2 - 1);
        assertThat(pacer.canSend(at, ONE_PER_MS, MDS)).isTrue();
    }

    @Test
    void rejectsANonPositiveDatagramSize() {
        assertThatThrownBy(() -> new Pacer(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDatagramBytes");
    }
}
