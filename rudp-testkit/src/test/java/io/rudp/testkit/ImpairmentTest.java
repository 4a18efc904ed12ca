package io.rudp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The impairment engine on its own, without the simulator: rates over many datagrams with a fixed
 * seed, determinism, counters, and use on the real clock.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImpairmentTest {

    private static final long MS = 1_000_000L;
    private static final int PACKETS = 20_000;
    private static final long SEED = 77_001L;

    /** One scheduled copy as the sink saw it. */
    record Copy(long atNanos, byte[] bytes) { }

    /** Collects copies and reports them delivered, as a caller would. */
    static final class Recorder implements DeliverySink {
        final List<Copy> copies = new ArrayList<>();
        final Impairment impairment;

        Recorder(Impairment impairment) {
            this.impairment = impairment;
        }

        @Override
        public void deliver(long atNanos, byte[] datagram) {
            copies.add(new Copy(atNanos, datagram));
            impairment.recordDelivered(datagram.length);
        }
    }

    /** Sends {@value #PACKETS} 100-byte datagrams, one per {@code intervalNanos}, from t = 0. */
    private static Recorder run(LinkConfig config, long seed, long intervalNanos) {
        Impairment impairment = new Impairment(config, seed);
        Recorder recorder = new Recorder(impairment);
        for (int i = 0; i < PACKETS; i++) {
            byte[] datagram = new byte[100];
            datagram[0] = (byte) i;
            datagram[1] = (byte) (i >>> 8);
            impairment.transmit(i * intervalNanos, datagram, recorder);
        }
        return recorder;
    }

    private static void assertRate(long observed, long trials, double probability, String what) {
        double mean = trials * probability;
        double sigma = Math.sqrt(trials * probability * (1 - probability));
        assertThat((double) observed).as("%s: %d of %d, expected %.0f", what, observed, trials, mean)
                .isCloseTo(mean, within(5 * sigma));
    }

    private static void assertBalanced(LinkStats s) {
        assertThat(s.sent() + s.duplicated()).as(s.toString())
                .isEqualTo(s.delivered() + s.lost() + s.burstLost() + s.queueDropped()
                        + s.unroutable());
    }

    @Test
    void aPerfectConfigurationDeliversTheSameArrayOnceAtTheSameInstant() {
        Impairment impairment = new Impairment(LinkConfig.perfect(), SEED);
        List<Copy> copies = new ArrayList<>();
        byte[] datagram = {1, 2, 3};
        impairment.transmit(12_345L, datagram, (at, bytes) -> copies.add(new Copy(at, bytes)));
        assertThat(copies).hasSize(1);
        assertThat(copies.get(0).atNanos()).isEqualTo(12_345L);
        assertThat(copies.get(0).bytes()).isSameAs(datagram).containsExactly(1, 2, 3);
        assertThat(impairment.stats()).isEqualTo(new LinkStats(1, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(impairment.config()).isEqualTo(LinkConfig.perfect());
    }

    @Test
    void ratesFallWithinToleranceOfTheConfiguration() {
        LinkConfig c = LinkConfig.builder().lossRate(0.1).duplicateRate(0.05).corruptRate(0.02)
                .reorder(0.1, Duration.ofMillis(3)).delay(Duration.ofMillis(10)).build();
        Recorder r = run(c, SEED, MS);
        LinkStats s = r.impairment.stats();
        assertThat(s.sent()).isEqualTo(PACKETS);
        assertRate(s.lost(), PACKETS, 0.1, "lost");
        long survivors = PACKETS - s.lost();
        assertRate(s.duplicated(), survivors, 0.05, "duplicated");
        assertRate(s.reordered(), survivors, 0.1, "reordered");
        assertRate(s.corrupted(), survivors + s.duplicated(), 0.02, "corrupted");
        assertThat(r.copies).hasSize((int) (survivors + s.duplicated()));
        assertBalanced(s);
        assertThat(s.bytesDelivered()).isEqualTo(100L * r.copies.size());
    }

    @Test
    void burstLossFollowsTheGilbertElliottLongRunRate() {
        double enter = 0.02;
        double leave = 0.25;
        Recorder r = run(LinkConfig.builder().burstLoss(enter, leave, 1.0).build(), SEED, MS);
        LinkStats s = r.impairment.stats();
        double expected = enter / (enter + leave);
        // Losses come in runs, so the spread is wider than a binomial's: allow 25% relative.
        assertThat((double) s.burstLost()).isCloseTo(PACKETS * expected,
                within(PACKETS * expected * 0.25));
        assertThat(s.lost()).isZero();
        assertBalanced(s);
    }

    @Test
    void delayAndJitterStayWithinTheirBoundsAndNeverGoBeforeTheSend() {
        LinkConfig c = LinkConfig.builder().delay(Duration.ofMillis(2))
                .jitter(Duration.ofMillis(3)).build();
        Impairment impairment = new Impairment(c, SEED);
        long[] sentAt = new long[PACKETS];
        List<long[]> arrivals = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++) {
            sentAt[i] = 1_000L * i;
            int seq = i;
            impairment.transmit(sentAt[i], new byte[8], (at, b) -> arrivals.add(new long[] {seq, at}));
        }
        assertThat(arrivals).hasSize(PACKETS);
        boolean sawZero = false;
        for (long[] a : arrivals) {
            long delay = a[1] - sentAt[(int) a[0]];
            assertThat(delay).isBetween(0L, 5 * MS);
            sawZero |= delay == 0;
        }
        assertThat(sawZero).as("jitter below -delay clamps to zero").isTrue();
    }

    @Test
    void aDuplicateIsASeparateArrayOneMicrosecondLater() {
        Impairment impairment = new Impairment(LinkConfig.builder().duplicateRate(1.0).build(), SEED);
        List<Copy> copies = new ArrayList<>();
        byte[] datagram = {9, 8, 7};
        impairment.transmit(500L, datagram, (at, bytes) -> copies.add(new Copy(at, bytes)));
        assertThat(copies).hasSize(2);
        assertThat(copies.get(1).atNanos() - copies.get(0).atNanos())
                .isEqualTo(LinkConfig.DUPLICATE_SPACING_NANOS);
        assertThat(copies.get(1).bytes()).isNotSameAs(copies.get(0).bytes()).containsExactly(9, 8, 7);
    }

    @Test
    void corruptionFlipsExactlyOneBit() {
        Impairment impairment = new Impairment(LinkConfig.builder().corruptRate(1.0).build(), SEED);
        for (int i = 0; i < 1_000; i++) {
            byte[] original = new byte[37];
            Arrays.fill(original, (byte) 0x5A);
            byte[] datagram = original.clone();
            impairment.transmit(i, datagram, (at, bytes) -> { });
            int flipped = 0;
            for (int k = 0; k < original.length; k++) {
                flipped += Integer.bitCount((original[k] ^ datagram[k]) & 0xff);
            }
            assertThat(flipped).isEqualTo(1);
        }
        assertThat(impairment.stats().corrupted()).isEqualTo(1_000);
    }

    @Test
    void theBottleneckSpacesDeparturesAndDropsBeyondItsQueue() {
        // 8 Mbit/s: 1,000 bytes take 1 ms to serialize; the queue holds 5,000 bytes, counting
        // the datagram being serialized.
        LinkConfig c = LinkConfig.builder().bandwidth(8_000_000, 5_000).build();
        Impairment impairment = new Impairment(c, SEED);
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // a burst of 20 at one instant
            impairment.transmit(0L, new byte[1_000], (at, b) -> arrivals.add(at));
        }
        assertThat(arrivals).containsExactly(MS, 2 * MS, 3 * MS, 4 * MS, 5 * MS);
        assertThat(impairment.stats().queueDropped()).isEqualTo(15);
        // Once drained, the link takes datagrams again.
        impairment.transmit(100 * MS, new byte[1_000], (at, b) -> arrivals.add(at));
        assertThat(arrivals.get(arrivals.size() - 1)).isEqualTo(101 * MS);
    }

    @Test
    void theSameSeedGivesTheSameTraceAndAnotherSeedADifferentOne() {
        LinkConfig c = LinkConfig.builder().lossRate(0.2).burstLoss(0.05, 0.3, 0.9)
                .delay(Duration.ofMillis(5)).jitter(Duration.ofMillis(2))
                .reorder(0.05, Duration.ofMillis(4)).duplicateRate(0.03).corruptRate(0.01)
                .bandwidth(50_000_000, 20_000).build();
        Recorder a = run(c, SEED, 10_000L);
        Recorder b = run(c, SEED, 10_000L);
        Recorder other = run(c, SEED + 1, 10_000L);
        assertThat(a.copies).hasSameSizeAs(b.copies);
        for (int i = 0; i < a.copies.size(); i++) {
            assertThat(a.copies.get(i).atNanos()).isEqualTo(b.copies.get(i).atNanos());
            assertThat(a.copies.get(i).bytes()).isEqualTo(b.copies.get(i).bytes());
        }
        assertThat(a.impairment.stats()).isEqualTo(b.impairment.stats());
        assertThat(other.impairment.stats()).isNotEqualTo(a.impairment.stats());
    }

    @Test
    void turningOnOneImpairmentLeavesTheOthersDecisionsUnchanged() {
        LinkConfig lossOnly = LinkConfig.builder().lossRate(0.3).build();
        LinkConfig lossAndMore = LinkConfig.builder().lossRate(0.3).duplicateRate(0.2)
                .corruptRate(0.1).jitter(Duration.ofMillis(1)).build();
        Recorder a = run(lossOnly, SEED, MS);
        Recorder b = run(lossAndMore, SEED, MS);
        assertThat(b.impairment.stats().lost()).isEqualTo(a.impairment.stats().lost());
    }

    @Test
    void itRunsOnTheRealClockAndNearTheWrapOfLong() {
        LinkConfig c = LinkConfig.builder().delay(Duration.ofMillis(20))
                .bandwidth(8_000_000, 100_000).build();
        Impairment impairment = new Impairment(c, SEED);
        List<Long> arrivals = new ArrayList<>();
        long first = System.nanoTime();
        impairment.transmit(first, new byte[1_000], (at, b) -> arrivals.add(at));
        long second = System.nanoTime();
        impairment.transmit(second, new byte[1_000], (at, b) -> arrivals.add(at));
        assertThat(arrivals.get(0) - first).isEqualTo(21 * MS); // 1 ms on the wire + 20 ms
        // The second waits for the first to finish serializing (or the link was idle again).
        assertThat(arrivals.get(1) - Math.max(second, first + MS)).isEqualTo(21 * MS);

        Impairment wrapping = new Impairment(c, SEED);
        List<Long> late = new ArrayList<>();
        long nearWrap = Long.MAX_VALUE - MS / 2;
        wrapping.transmit(nearWrap, new byte[1_000], (at, b) -> late.add(at));
        wrapping.transmit(nearWrap, new byte[1_000], (at, b) -> late.add(at));
        assertThat(late.get(1) - late.get(0)).isEqualTo(MS); // wrap-safe arithmetic
        assertThat(late.get(0) - nearWrap).isEqualTo(21 * MS);
    }

    @Test
    void unroutableCopiesAndSumsAreCounted() {
        Impairment impairment = new Impairment(LinkConfig.perfect(), SEED);
        impairment.transmit(0L, new byte[10], (at, bytes) -> impairment.recordUnroutable());
        impairment.transmit(0L, new byte[10], (at, bytes) -> impairment.recordDelivered(bytes.length));
        LinkStats s = impairment.stats();
        assertThat(s).isEqualTo(new LinkStats(2, 1, 0, 0, 0, 0, 0, 0, 10, 1));
        assertThat(s.plus(s)).isEqualTo(new LinkStats(4, 2, 0, 0, 0, 0, 0, 0, 20, 2));
        assertThat(LinkStats.ZERO.plus(s)).isEqualTo(s);
    }
}
