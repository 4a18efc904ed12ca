package io.rudp.core.congestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.rudp.core.path.RttEstimator;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The BBR-style controller driven by scripted rate samples: its estimates, its mode transitions
 * and its response to loss, against values worked out by hand.
 */
class BbrControllerTest {

    private static final int MDS = 1200;
    private static final long MS = 1_000_000;
    private static final long RTT = 20 * MS;
    /** 8 MB/s (64 Mbit/s): a BDP of 160,000 bytes at 20 ms. */
    private static final long BW = 8_000_000;
    private static final long BDP = 160_000;

    private final RttEstimator rtt = new RttEstimator(333 * MS);
    private final BbrController cc;
    private long now = 1_000 * MS;
    private long delivered;
    private long roundStartDelivered;

    BbrControllerTest() {
        rtt.onSample(RTT, 0, 0);
        cc = new BbrController(MDS, rtt, 12345);
    }

    @Test
    void startsInStartupWithTheInitialWindowPacedAtTheStartupGain() {
        assertThat(cc.mode()).isEqualTo(BbrController.Mode.STARTUP);
        assertThat(cc.congestionWindowBytes()).isEqualTo(12_000);
        assertThat(BbrController.STARTUP_GAIN).isCloseTo(2.885_39, within(1e-5));
        // 2/ln 2 * 12,000 bytes / 20 ms.
        assertThat(cc.pacingRateBytesPerSecond()).isEqualTo((long) (BbrController.STARTUP_GAIN * 12_000 / 0.020));
        assertThat(new BbrController(MDS, new RttEstimator(333 * MS), 1).pacingRateBytesPerSecond())
                .as("no RTT sample: nothing to pace by").isEqualTo(CongestionController.UNPACED);
        assertThat(cc.name()).isEqualTo("BBR");
    }

    @Test
    void startupGrowsTheWindowByWhatIsAcknowledgedAndRaisesThePacingRateWithTheBandwidth() {
        round(1_000_000, RTT, 12_000, 0, false);

        assertThat(cc.bottleneckBandwidthBytesPerSecond()).isEqualTo(1_000_000);
        assertThat(cc.minRttNanos()).isEqualTo(RTT);
        assertThat(cc.congestionWindowBytes()).isEqualTo(24_000);
        assertThat(cc.pacingRateBytesPerSecond()).isEqualTo((long) (BbrController.STARTUP_GAIN * 1_000_000));
    }

    @Test
    void aTinyFirstSampleDoesNotSlowStartupBelowItsInitialRate() {
        long initial = cc.pacingRateBytesPerSecond();

        // A lone 30-byte control packet acknowledged after one RTT: 1,500 bytes per second.
        round(1_500, RTT, 0, 0, false, 30);

        assertThat(cc.bottleneckBandwidthBytesPerSecond()).isEqualTo(1_500);
        assertThat(cc.pacingRateBytesPerSecond()).isEqualTo(initial);
        assertThat(cc.congestionWindowBytes()).isGreaterThanOrEqualTo(12_000);
    }

    @Test
    void startupEndsAfterThreeRoundsThatGrewTheBandwidthByLessThanAQuarter() {
        for (long rate : new long[] {1_000_000, 2_000_000, 4_000_000, BW}) {
            round(rate, RTT, 12_000, 0, false);
        }
        round(BW, RTT, 12_000, 0, false);
        round(BW * 6 / 5, RTT, 12_000, 0, false); // +20%: not enough
        assertThat(cc.mode()).isEqualTo(BbrController.Mode.STARTUP);

        round(BW * 6 / 5, RTT, 200_000, 0, false);

        assertThat(cc.isPipeFilled()).isTrue();
        assertThat(cc.mode()).isEqualTo(BbrController.Mode.DRAIN);
        assertThat(cc.pacingGain()).isCloseTo(1 / BbrController.STARTUP_GAIN, within(1e-12));
        assertThat(cc.pacingRateBytesPerSecond()).isEqualTo((long) (BW * 6 / 5 / BbrController.STARTUP_GAIN));
    }

    @Test
    void drainEndsOnceInFlightIsDownToOneBdpThenProbeBwStartsAnywhereButTheDrainingPhase() {
        fillThePipe();
        ackWithinRound(BW, RTT, BDP + 1, 0);
        assertThat(cc.mode()).isEqualTo(BbrController.Mode.DRAIN);

        ackWithinRound(BW, RTT, BDP, 0);

        assertThat(cc.mode()).isEqualTo(BbrController.Mode.PROBE_BW);
        assertThat(cc.cycleIndex()).isNotEqualTo(1);
        assertThat(cc.pacingGain()).isEqualTo(BbrController.PROBE_BW_PACING_GAINS[cc.cycleIndex()]);
        assertThat(cc.windowGain()).isEqualTo(2.0);
        assertThat(cc.bdpBytes()).isEqualTo(BDP);
    }

    @Test
    void theStartPhaseOfProbeBwDependsOnTheSeedAndIsNeverTheDrainingOne() {
        Set<Integer> starts = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            BbrController c = new BbrController(MDS, rtt, seed);
            BbrControllerTest t = new BbrControllerTest();
            t.drive(c);
            starts.add(c.cycleIndex());
        }
        assertThat(starts).containsExactlyInAnyOrder(0, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void probeBwCyclesItsGainsOnePhasePerMinimumRtt() {
        enterProbeBw();
        int index = cc.cycleIndex();
        for (int step = 0; step < 16; step++) {
            double gain = BbrController.PROBE_BW_PACING_GAINS[index];
            assertThat(cc.pacingGain()).isEqualTo(gain);
            assertThat(cc.pacingRateBytesPerSecond()).isEqualTo((long) (gain * BW));
            // Half an RTT is not a phase; just over one RTT is. Probing up needs in flight at 1.25 BDP.
            now += RTT / 2;
            ackWithinRound(BW, RTT, gain > 1 ? BDP * 5 / 4 : BDP + 1, 0);
            assertThat(cc.cycleIndex()).isEqualTo(index);
            now += RTT / 2 + 1;
            ackWithinRound(BW, RTT, gain > 1 ? BDP * 5 / 4 : BDP + 1, 0);
            index = (index + 1) % 8;
            assertThat(cc.cycleIndex()).isEqualTo(index);
        }
        // The window: 2 BDP plus three send quanta (1 ms at the pacing rate, at least 2 datagrams).
        assertThat(cc.congestionWindowBytes()).isLessThanOrEqualTo(2 * BDP + 3 * Math.max(BW * 5 / 4 / 1000, 2 * MDS));
    }

    @Test
    void probingUpLastsUntilTheQueueIsBuiltOrALossSaysThePipeIsFull() {
        enterProbeBwAtPhase(0);
        now += RTT + 1;
        ackWithinRound(BW, RTT, BDP, 0);
        assertThat(cc.cycleIndex()).as("in flight below 1.25 BDP and no loss: keep probing").isZero();

        cc.onPacketsLost(now, now - RTT, MDS, false);
        ackWithinRound(BW, RTT, BDP, 0);

        assertThat(cc.cycleIndex()).isEqualTo(1);
        assertThat(cc.pacingGain()).isEqualTo(0.75);
        // Probing down ends early once the queue is gone: in flight before the ACK at one BDP.
        ackWithinRound(BW, RTT, BDP, 0);
        assertThat(cc.cycleIndex()).isEqualTo(1);
        ackWithinRound(BW, RTT, BDP - MDS, 0);
        assertThat(cc.cycleIndex()).isEqualTo(2);
    }

    @Test
    void appLimitedSamplesBelowTheEstimateDoNotLowerItButHigherOnesRaiseIt() {
        round(BW, RTT, 12_000, 0, false);
        for (int i = 0; i < 20; i++) {
            round(BW / 10, RTT, 12_000, 0, true);
        }
        assertThat(cc.bottleneckBandwidthBytesPerSecond()).isEqualTo(BW);

        round(2 * BW, RTT, 12_000, 0, true);
        assertThat(cc.bottleneckBandwidthBytesPerSecond()).isEqualTo(2 * BW);
    }

    @Test
    void theBandwidthEstimateForgetsAPeakAfterTenRounds() {
        enterProbeBw();
        round(2 * BW, RTT, BDP, 0, false);
        for (int i = 0; i < 9; i++) {
            round(BW, RTT, BDP, 0, false);
        }
        assertThat(cc.bottleneckBandwidthBytesPerSecond()).isEqualTo(2 * BW);

        round(BW, RTT, BDP, 0, false);

        assertThat(cc.bottleneckBandwidthBytesPerSecond()).isEqualTo(BW);
    }

    @Test
    void randomLossWithoutAQueueLowersNeitherTheRateNorTheWindow() {
        enterProbeBw();
        long windowBefore = cc.congestionWindowBytes();
        for (int i = 0; i < 50; i++) {
            // 15% of each round lost, at the minimum RTT: no standing queue.
            cc.onPacketsLost(now, now - RTT, 15 * MDS, false);
            round(BW, RTT, BDP, 15 * MDS, false, 85 * MDS);
        }

        assertThat(cc.inflightBoundBytes()).isEqualTo(Long.MAX_VALUE);
        // The estimate is the delivered rate plus what random loss took, up to 10%.
        assertThat(cc.bottleneckBandwidthBytesPerSecond())
                .isCloseTo((long) (BW / (1 - BbrController.MAX_LOSS_COMPENSATION)), within(2L));
        assertThat(cc.congestionWindowBytes()).isGreaterThanOrEqualTo(windowBefore);
    }

    @Test
    void randomLossIsAddedBackToTheBandwidthEstimate() {
        enterProbeBw();
        for (int i = 0; i < 80; i++) {
            // 5 of 100 datagrams lost each round, at the minimum RTT: random loss.
            cc.onPacketsLost(now, now - RTT, 5 * MDS, false);
            round(BW, RTT, BDP, 5 * MDS, false, 95 * MDS);
        }
        // The bottleneck carried the lost 5% too: the estimate is BW / 0.95 (the average of the
        // rounds' loss converges geometrically).
        assertThat((double) cc.bottleneckBandwidthBytesPerSecond()).isCloseTo(BW / 0.95,
                withinPercentage(0.1));
    }

    @Test
    void lossOverAStandingQueueIsNotAddedBack() {
        enterProbeBw();
        long queuedRtt = RTT * 3 / 2;
        for (int i = 0; i < 80; i++) {
            // 1 of 100 datagrams lost each round (too little to be congestion), over a queue.
            cc.onPacketsLost(now, now - RTT, MDS, false);
            round(BW, queuedRtt, BDP, MDS, false, 99 * MDS);
        }
        assertThat(cc.bottleneckBandwidthBytesPerSecond()).isEqualTo(BW);
    }

    @Test
    void heavyLossCapsInFlightAtSevenTenthsThenTheCapGrowsBackOneTwoFourDatagramsPerRound() {
        enterProbeBw();
        round(BW, RTT, BDP, 0, false, MDS);
        // In this round 30 of 100 datagrams are lost; before that ACK, BDP + 100 datagrams were in flight.
        cc.onPacketsLost(now, now - RTT, 30 * MDS, false);
        ack(cc, BW, RTT, BDP, 30 * MDS, false, 69 * MDS, false);
        assertThat(cc.inflightBoundBytes()).as("judged when the round ends").isEqualTo(Long.MAX_VALUE);
        round(BW, RTT, BDP - MDS, 0, false, MDS);

        long bound = (long) (0.7 * (BDP + 99 * MDS));
        assertThat(cc.inflightBoundBytes()).isEqualTo(bound);
        assertThat(cc.congestionWindowBytes()).isLessThanOrEqualTo(bound);
        assertThat(cc.pacingRateBytesPerSecond()).as("the rate stays").isGreaterThanOrEqualTo((long) (0.75 * BW));

        // Clean rounds in which the cap limited in-flight data: it grows by 1, 2, 4 datagrams.
        round(BW, RTT, bound - MDS, 0, false, MDS);
        assertThat(cc.inflightBoundBytes()).isEqualTo(bound + MDS);
        round(BW, RTT, bound, 0, false, MDS);
        assertThat(cc.inflightBoundBytes()).isEqualTo(bound + 3 * MDS);
        round(BW, RTT, bound + 2 * MDS, 0, false, MDS);
        assertThat(cc.inflightBoundBytes()).isEqualTo(bound + 7 * MDS);
        // A round that stayed well below the cap leaves it alone.
        round(BW, RTT, MDS, 0, false, MDS);
        round(BW, RTT, MDS, 0, false, MDS);
        assertThat(cc.inflightBoundBytes()).isEqualTo(bound + 7 * MDS);
    }

    @Test
    void modestLossWithAStandingQueueIsCongestion() {
        enterProbeBw();
        // A round whose every RTT sample is 1.5 x the minimum, losing 5 of 100 datagrams.
        long queuedRtt = RTT * 3 / 2;
        round(BW, queuedRtt, BDP, 0, false, MDS);
        cc.onPacketsLost(now, now - RTT, 5 * MDS, false);
        ack(cc, BW, queuedRtt, BDP, 5 * MDS, false, 94 * MDS, false);
        round(BW, queuedRtt, BDP - MDS, 0, false, MDS);

        assertThat(cc.inflightBoundBytes()).isEqualTo((long) (0.7 * (BDP + 99 * MDS)));
    }

    @Test
    void theSameLossAtTheMinimumRttIsNot() {
        enterProbeBw();
        round(BW, RTT, BDP, 0, false, MDS);
        cc.onPacketsLost(now, now - RTT, 5 * MDS, false);
        ack(cc, BW, RTT * 3 / 2, BDP, 5 * MDS, false, 94 * MDS, false);
        round(BW, RTT, BDP - MDS, 0, false, MDS);

        assertThat(cc.inflightBoundBytes()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void persistentCongestionCapsTheWindowAtFourDatagrams() {
        enterProbeBw();

        cc.onPacketsLost(now, now - RTT, 20 * MDS, true);

        assertThat(cc.congestionWindowBytes()).isEqualTo(4 * MDS);
        assertThat(cc.inflightBoundBytes()).isEqualTo(4 * MDS);
    }

    @Test
    void afterAnOutageLongerThanTheMinRttWindowTheFirstSampleIsTheNewMinimumAndNoProbeRttFollows() {
        enterProbeBw();
        // A 20 s outage: nothing is acknowledged; then the first ACK declares persistent congestion.
        now += 20_000 * MS;
        cc.onPacketsLost(now, now - RTT, 200 * MDS, true);
        round(BW / 20, RTT + 2 * MS, 4 * MDS, 0, false);

        // The path is empty after an outage: the sample is the bare RTT, taken as the new minimum
        // with a fresh stamp, so no PROBE_RTT holds four datagrams for 200 ms (issue 14).
        assertThat(cc.mode()).isNotEqualTo(BbrController.Mode.PROBE_RTT);
        assertThat(cc.minRttNanos()).isEqualTo(RTT + 2 * MS);
        for (int i = 0; i < 20; i++) {
            now += RTT;
            round(BW, RTT + 2 * MS, BDP, 0, false);
            assertThat(cc.mode()).isNotEqualTo(BbrController.Mode.PROBE_RTT);
        }
    }

    @Test
    void withoutPersistentCongestionAnExpiredMinimumStillStartsProbeRtt() {
        enterProbeBw();
        now += 20_000 * MS;
        round(BW, RTT + 2 * MS, BDP, 0, false);

        assertThat(cc.mode()).isEqualTo(BbrController.Mode.PROBE_RTT);
    }

    @Test
    void persistentCongestionInStartupEndsIt() {
        round(1_000_000, RTT, 12_000, 0, false);

        cc.onPacketsLost(now, now - RTT, 20 * MDS, true);
        round(1_000_000, RTT, 12_000, 0, false);

        assertThat(cc.isPipeFilled()).isTrue();
        assertThat(cc.mode()).isNotEqualTo(BbrController.Mode.STARTUP);
    }

    @Test
    void tenSecondsWithoutANewMinimumRttTriggerProbeRttForTwoHundredMillisecondsAndARound() {
        enterProbeBw();
        long windowBefore = cc.congestionWindowBytes();
        long minRttSeenAt = now;
        // RTT samples a little above the minimum for ten seconds.
        while (now - minRttSeenAt <= BbrController.MIN_RTT_WINDOW_NANOS) {
            now += RTT;
            round(BW, RTT + MS, BDP, 0, false);
        }
        assertThat(cc.mode()).isEqualTo(BbrController.Mode.PROBE_RTT);
        assertThat(cc.congestionWindowBytes()).isEqualTo(4 * MDS);
        assertThat(cc.minRttNanos()).as("the expired minimum takes the newest sample").isEqualTo(RTT + MS);

        // In flight drains to 4 datagrams: the 200 ms start now. Samples of the small window are ignored.
        now += RTT;
        ackWithinRound(BW / 20, RTT, 4 * MDS, 0);
        long drainedAt = now;
        while (now - drainedAt <= BbrController.PROBE_RTT_DURATION_NANOS) {
            assertThat(cc.mode()).isEqualTo(BbrController.Mode.PROBE_RTT);
            now += RTT;
            round(BW / 20, RTT, 4 * MDS, 0, false);
        }
        now += RTT;
        round(BW / 20, RTT, 4 * MDS, 0, false);

        assertThat(cc.mode()).isEqualTo(BbrController.Mode.PROBE_BW);
        assertThat(cc.bottleneckBandwidthBytesPerSecond()).as("PROBE_RTT's samples are app-limited").isEqualTo(BW);
        assertThat(cc.congestionWindowBytes()).isGreaterThanOrEqualTo(windowBefore);
    }

    @Test
    void aggregatedAcknowledgementsEarnTheWindowExtraRoom() {
        enterProbeBw();
        // A pause (the ACKs fall behind the bandwidth, a new epoch begins), then steady ACKs of
        // two datagrams every 300 us, exactly the bandwidth, for more than ten rounds.
        now += 100 * MS;
        long spacing = 2L * MDS * 1_000_000_000L / BW;
        for (int i = 0; i < 2000; i++) {
            now += spacing;
            ack(cc, BW, RTT, BDP, 0, false, 2 * MDS, i % 100 == 0);
        }
        assertThat(cc.ackAggregationBytes()).as("one ACK's worth").isEqualTo(2 * MDS);
        long windowBefore = cc.congestionWindowBytes();

        // Then 10 ms of silence and one ACK for 50 datagrams at once.
        now += 10 * MS;
        ack(cc, BW, RTT, BDP, 0, false, 50 * MDS, true);

        assertThat(cc.ackAggregationBytes()).isEqualTo(50 * MDS);
        assertThat(cc.congestionWindowBytes()).isGreaterThan(windowBefore);
    }

    @Test
    void bytesAtARateAreExactAndSaturate() {
        assertThat(AckAggregation.bytesAtRate(BW, 300_000)).isEqualTo(2400);
        assertThat(AckAggregation.bytesAtRate(3, 1_000_000_000L)).isEqualTo(3);
        assertThat(AckAggregation.bytesAtRate(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE / 4);
        assertThat(AckAggregation.bytesAtRate(BW, -5)).isZero();
    }

    @Test
    void rejectsANonPositiveDatagramSize() {
        assertThatThrownBy(() -> new BbrController(0, rtt, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- scripted samples

    /** Runs startup to a full pipe at {@link #BW}, then drains: PROBE_BW. */
    private void enterProbeBw() {
        drive(cc);
        assertThat(cc.mode()).isEqualTo(BbrController.Mode.PROBE_BW);
    }

    /** Enters PROBE_BW, then cycles phases (one min RTT each, in flight at one BDP) to {@code phase}. */
    private void enterProbeBwAtPhase(int phase) {
        enterProbeBw();
        while (cc.cycleIndex() != phase) {
            now += RTT + 1;
            double gain = cc.pacingGain();
            ackWithinRound(BW, RTT, gain > 1 ? BDP * 5 / 4 : BDP, 0);
        }
    }

    void drive(BbrController c) {
        fillThePipe(c);
        ack(c, BW, RTT, BDP, 0, false, 12_000, false);
    }

    private void fillThePipe() {
        fillThePipe(cc);
    }

    private void fillThePipe(BbrController c) {
        for (long rate : new long[] {1_000_000, 2_000_000, 4_000_000, BW, BW, BW, BW}) {
            ack(c, rate, RTT, 2 * BDP, 0, false, 12_000, true);
        }
        assertThat(c.mode()).isEqualTo(BbrController.Mode.DRAIN);
    }

    /** One ACK that ends a round (its newest packet was sent after the last round began). */
    private void round(long rate, long rttNanos, long inFlight, long lost, boolean appLimited) {
        round(rate, rttNanos, inFlight, lost, appLimited, 12_000);
    }

    private void round(long rate, long rttNanos, long inFlight, long lost, boolean appLimited, long acked) {
        ack(cc, rate, rttNanos, inFlight, lost, appLimited, acked, true);
    }

    /** One ACK inside the current round. */
    private void ackWithinRound(long rate, long rttNanos, long inFlight, long lost) {
        ack(cc, rate, rttNanos, inFlight, lost, false, MDS, false);
    }

    private void ack(BbrController c, long rate, long rttNanos, long inFlight, long lost, boolean appLimited, long acked,
                     boolean newRound) {
        long prior = newRound ? delivered : roundStartDelivered - 1;
        delivered += acked;
        if (newRound) {
            roundStartDelivered = delivered;
        }
        c.onAckProcessed(now, RateSample.of(rate, appLimited, rttNanos, prior, delivered, acked, lost, inFlight));
    }
}
