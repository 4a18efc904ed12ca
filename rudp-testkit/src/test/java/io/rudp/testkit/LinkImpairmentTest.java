package io.rudp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each impairment, observed over {@value #PACKETS} datagrams on a fixed seed: rates must fall
 * within five standard deviations of the configured probability (so a correct model passes for
 * any seed with overwhelming likelihood, and a wrong one fails).
 */
class LinkImpairmentTest {

    private static final long MS = 1_000_000L;
    private static final int PACKETS = 20_000;
    private static final long SEED = 20_240_607L;

    /** A sender pacing {@value #PACKETS} datagrams to a recording receiver over one link. */
    private static final class Run {
        final SimulatedNetwork net = new SimulatedNetwork(SEED);
        final TestNode receiver = new TestNode("receiver");
        final InetSocketAddress receiverAt = net.attach(receiver);
        final PacedSender sender;
        final InetSocketAddress senderAt;

        Run(LinkConfig link, long intervalNanos, int sizeBytes) {
            sender = new PacedSender(receiverAt, intervalNanos, PACKETS, sizeBytes);
            senderAt = net.attach(sender);
            net.setLink(senderAt, receiverAt, link);
            sender.start(net.nowNanos());
            while (net.step()) {
                // until every datagram has arrived or been dropped
            }
        }

        LinkStats stats() {
            return net.stats(senderAt, receiverAt);
        }

        List<TestNode.Received> received() {
            return receiver.received;
        }
    }

    private static void assertRate(long observed, long trials, double probability, String what) {
        double mean = trials * probability;
        double sigma = Math.sqrt(trials * probability * (1 - probability));
        assertThat((double) observed).as("%s: %d of %d, expected %.0f", what, observed, trials, mean)
                .isCloseTo(mean, within(5 * sigma));
    }

    private static void assertConservation(LinkStats s) {
        assertThat(s.sent() + s.duplicated()).as(s.toString())
                .isEqualTo(s.delivered() + s.lost() + s.burstLost() + s.queueDropped()
                        + s.unroutable());
    }

    @Test
    void aPerfectLinkDeliversEverythingInstantlyAndInOrder() {
        Run run = new Run(LinkConfig.perfect(), MS, 20);
        assertThat(run.received()).hasSize(PACKETS);
        for (int i = 0; i < PACKETS; i++) {
            TestNode.Received r = run.received().get(i);
            assertThat(PacedSender.seqOf(r.data())).isEqualTo(i);
            assertThat(r.timeNanos()).isEqualTo(PacedSender.sentNanosOf(r.data()));
        }
        assertThat(run.stats().bytesDelivered()).isEqualTo(20L * PACKETS);
    }

    @Test
    void independentLossDropsTheConfiguredFraction() {
        Run run = new Run(LinkConfig.builder().lossRate(0.1).build(), MS, 20);
        LinkStats s = run.stats();
        assertThat(s.sent()).isEqualTo(PACKETS);
        assertRate(s.lost(), PACKETS, 0.1, "lost");
        assertThat(s.delivered()).isEqualTo(PACKETS - s.lost());
        assertThat(run.received()).hasSize((int) s.delivered());
        assertConservation(s);
    }

    @Test
    void burstLossHasTheGilbertElliottAverageAndLongerRunsThanIndependentLoss() {
        double enterBad = 0.02;
        double leaveBad = 0.2;
        // Stationary probability of the bad state; every datagram in it is lost.
        double average = enterBad / (enterBad + leaveBad);
        Run burst = new Run(LinkConfig.builder().burstLoss(enterBad, leaveBad, 1.0).build(), MS, 20);
        Run independent = new Run(LinkConfig.builder().lossRate(average).build(), MS, 20);

        long burstLost = burst.stats().burstLost();
        assertThat(burst.stats().lost()).isZero();
        // Bursts make the count far more variable than a binomial: allow 20 % of the mean.
        assertThat((double) burstLost).isCloseTo(PACKETS * average, within(0.2 * PACKETS * average));

        double burstRun = meanLossRunLength(burst);
        double independentRun = meanLossRunLength(independent);
        // Expected: 1 / leaveBad = 5 for bursts, 1 / (1 - average) = 1.1 for independent loss.
        assertThat(burstRun).isCloseTo(1 / leaveBad, within(1.0));
        assertThat(independentRun).isCloseTo(1 / (1 - average), within(0.1));
        assertConservation(burst.stats());
    }

    /** The mean length of runs of consecutive missing sequence numbers. */
    private static double meanLossRunLength(Run run) {
        BitSet arrived = new BitSet(PACKETS);
        run.received().forEach(r -> arrived.set(PacedSender.seqOf(r.data())));
        int runs = 0;
        int missing = 0;
        for (int i = 0; i < PACKETS; i++) {
            if (!arrived.get(i)) {
                missing++;
                if (i == 0 || arrived.get(i - 1)) {
                    runs++;
                }
            }
        }
        return (double) missing / runs;
    }

    @Test
    void aBadStateWithoutLossRateLosesNothing() {
        Run run = new Run(LinkConfig.builder().burstLoss(0.5, 0.5, 0.0).build(), MS, 20);
        assertThat(run.stats().burstLost()).isZero();
        assertThat(run.received()).hasSize(PACKETS);
    }

    @Test
    void delayWithJitterStaysWithinItsBoundsAndCoversThem() {
        Run run = new Run(LinkConfig.builder().delay(Duration.ofMillis(50))
                .jitter(Duration.ofMillis(10)).build(), MS, 20);
        assertThat(run.received()).hasSize(PACKETS);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        double sum = 0;
        for (TestNode.Received r : run.received()) {
            long delay = r.timeNanos() - PacedSender.sentNanosOf(r.data());
            min = Math.min(min, delay);
            max = Math.max(max, delay);
            sum += delay;
        }
        assertThat(min).isBetween(40 * MS, 40 * MS + MS / 10);
        assertThat(max).isBetween(60 * MS - MS / 10, 60 * MS);
        // Uniform on [-10, 10] ms: sigma of the mean = 5.77 ms / sqrt(20,000) = 0.04 ms.
        assertThat(sum / PACKETS).isCloseTo(50.0 * MS, within(0.2 * MS));
    }

    @Test
    void jitterLargerThanTheSendIntervalReordersAndNoJitterDoesNot() {
        Run jittery = new Run(LinkConfig.builder().delay(Duration.ofMillis(20))
                .jitter(Duration.ofMillis(5)).build(), MS, 20);
        Run steady = new Run(LinkConfig.builder().delay(Duration.ofMillis(20)).build(), MS, 20);
        assertThat(outOfOrder(jittery)).isGreaterThan(PACKETS / 10);
        assertThat(outOfOrder(steady)).isZero();
        assertThat(jittery.stats().reordered()).isZero(); // counted only for hold-backs
    }

    /** Datagrams arriving after one with a higher sequence number. */
    private static int outOfOrder(Run run) {
        int highest = -1;
        int late = 0;
        for (TestNode.Received r : run.received()) {
            int seq = PacedSender.seqOf(r.data());
            if (seq < highest) {
                late++;
            }
            highest = Math.max(highest, seq);
        }
        return late;
    }

    @Test
    void reorderingHoldsBackTheConfiguredFractionByExactlyTheExtraDelay() {
        Run run = new Run(LinkConfig.builder().delay(Duration.ofMillis(10))
                .reorder(0.05, Duration.ofMillis(3)).build(), MS, 20);
        LinkStats s = run.stats();
        assertRate(s.reordered(), PACKETS, 0.05, "reordered");
        long heldBack = 0;
        for (TestNode.Received r : run.received()) {
            long delay = r.timeNanos() - PacedSender.sentNanosOf(r.data());
            assertThat(delay).isIn(10 * MS, 13 * MS);
            if (delay == 13 * MS) {
                heldBack++;
            }
        }
        assertThat(heldBack).isEqualTo(s.reordered());
        // Each is overtaken by the next datagrams, except among the last three sent.
        assertThat((long) outOfOrder(run)).isBetween(heldBack - 3, heldBack);
    }

    @Test
    void duplicationDeliversASecondIdenticalCopyJustAfterTheFirst() {
        Run run = new Run(LinkConfig.builder().delay(Duration.ofMillis(5)).duplicateRate(0.1)
                .build(), MS, 20);
        LinkStats s = run.stats();
        assertRate(s.duplicated(), PACKETS, 0.1, "duplicated");
        assertThat(s.delivered()).isEqualTo(PACKETS + s.duplicated());
        List<TestNode.Received> received = run.received();
        int pairs = 0;
        for (int i = 1; i < received.size(); i++) {
            TestNode.Received previous = received.get(i - 1);
            TestNode.Received current = received.get(i);
            if (PacedSender.seqOf(previous.data()) == PacedSender.seqOf(current.data())) {
                pairs++;
                assertThat(current.data()).isEqualTo(previous.data());
                assertThat(current.timeNanos() - previous.timeNanos())
                        .isEqualTo(LinkConfig.DUPLICATE_SPACING_NANOS);
            }
        }
        assertThat(pairs).isEqualTo(s.duplicated());
        assertConservation(s);
    }

    @Test
    void corruptionFlipsExactlyOneBitOfTheCorruptedDatagrams() throws Exception {
        SimulatedNetwork net = new SimulatedNetwork(SEED);
        TestNode receiver = new TestNode("receiver");
        InetSocketAddress to = net.attach(receiver);
        InetSocketAddress from = new InetSocketAddress(
                InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7}), 7);
        net.setLink(from, to, LinkConfig.builder().corruptRate(0.1).build());
        byte[] pattern = new byte[64];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 37);
        }
        for (int i = 0; i < PACKETS; i++) {
            net.inject(from, to, pattern);
        }
        net.runFor(0);

        LinkStats s = net.stats(from, to);
        assertRate(s.corrupted(), PACKETS, 0.1, "corrupted");
        assertThat(receiver.received).hasSize(PACKETS);
        int damaged = 0;
        BitSet bitsHit = new BitSet(pattern.length * 8);
        for (TestNode.Received r : receiver.received) {
            int flipped = 0;
            for (int i = 0; i < pattern.length; i++) {
                int diff = (r.data()[i] ^ pattern[i]) & 0xff;
                flipped += Integer.bitCount(diff);
                for (int bit = 0; bit < 8; bit++) {
                    if ((diff & (1 << bit)) != 0) {
                        bitsHit.set(i * 8 + bit);
                    }
                }
            }
            assertThat(flipped).isLessThanOrEqualTo(1);
            damaged += flipped;
        }
        assertThat(damaged).isEqualTo(s.corrupted());
        // About 2,000 flips over 512 positions: a uniform choice hits nearly all of them.
        assertThat(bitsHit.cardinality()).isGreaterThan(480);
    }

    @Test
    void aBandwidthLimitPacesDeliveriesAndDropsWhatTheQueueCannotHold() {
        // 1,000-byte datagrams every 4 ms = 2 Mbit/s offered to a 1 Mbit/s link with a
        // 10,000-byte queue: one datagram takes 8 ms to serialize.
        long bitsPerSecond = 1_000_000;
        Run run = new Run(LinkConfig.builder().delay(Duration.ofMillis(20))
                .bandwidth(bitsPerSecond, 10_000).build(), 4 * MS, 1_000);
        LinkStats s = run.stats();
        List<TestNode.Received> received = run.received();
        long firstArrival = received.get(0).timeNanos();
        long lastArrival = received.get(received.size() - 1).timeNanos();
        double seconds = (lastArrival - firstArrival) / 1e9;
        double deliveredBitsPerSecond = (s.bytesDelivered() - 1_000) * 8 / seconds;
        assertThat(deliveredBitsPerSecond).isCloseTo(bitsPerSecond, within(0.001 * bitsPerSecond));
        // Half the offered load cannot fit.
        assertThat((double) s.queueDropped()).isCloseTo(PACKETS / 2.0, within(20.0));
        assertThat(s.delivered() + s.queueDropped()).isEqualTo(PACKETS);
        for (int i = 1; i < received.size(); i++) {
            assertThat(received.get(i).timeNanos() - received.get(i - 1).timeNanos())
                    .isGreaterThanOrEqualTo(8 * MS);
        }
        // Queueing delay never exceeds the queue (10 datagrams) plus the one on the wire.
        for (TestNode.Received r : received) {
            long delay = r.timeNanos() - PacedSender.sentNanosOf(r.data());
            assertThat(delay).isBetween(28 * MS, 20 * MS + 11 * 8 * MS);
        }
    }

    @Test
    void aBandwidthLimitAboveTheOfferedLoadOnlyAddsSerializationDelay() {
        Run run = new Run(LinkConfig.builder().delay(Duration.ofMillis(20))
                .bandwidth(1_000_000, 1_500).build(), 10 * MS, 1_000);
        assertThat(run.stats().queueDropped()).isZero();
        for (TestNode.Received r : run.received()) {
            assertThat(r.timeNanos() - PacedSender.sentNanosOf(r.data())).isEqualTo(28 * MS);
        }
    }

    @Test
    void enablingOneImpairmentLeavesTheDecisionsOfAnotherUnchanged() {
        Run lossOnly = new Run(LinkConfig.builder().lossRate(0.2).build(), MS, 20);
        Run lossAndMore = new Run(LinkConfig.builder().lossRate(0.2).duplicateRate(0.3)
                .jitter(Duration.ofMillis(1)).reorder(0.1, Duration.ofMillis(2)).build(), MS, 20);
        assertThat(lossAndMore.stats().lost()).isEqualTo(lossOnly.stats().lost());
        BitSet a = new BitSet();
        BitSet b = new BitSet();
        lossOnly.received().forEach(r -> a.set(PacedSender.seqOf(r.data())));
        lossAndMore.received().forEach(r -> b.set(PacedSender.seqOf(r.data())));
        assertThat(b).isEqualTo(a);
    }

    @Test
    void eachDirectionAndEachPairDrawsFromItsOwnRandomStream() {
        SimulatedNetwork net = new SimulatedNetwork(SEED);
        TestNode a = new TestNode("a");
        TestNode b = new TestNode("b");
        InetSocketAddress at = net.attach(a);
        InetSocketAddress bt = net.attach(b);
        net.setDefaultLink(LinkConfig.builder().lossRate(0.5).build());
        for (int i = 0; i < 200; i++) {
            a.send(bt, new byte[] {(byte) i});
            b.send(at, new byte[] {(byte) i});
        }
        net.runFor(0);
        assertThat(b.received).extracting(r -> r.data()[0])
                .isNotEqualTo(a.received.stream().map(r -> r.data()[0]).toList());
    }
}
