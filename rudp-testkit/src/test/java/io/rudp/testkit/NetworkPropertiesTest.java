package io.rudp.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants that hold for any seed, origin and impairment mix. */
class NetworkPropertiesTest {

    private static final long US = 1_000L;

    @Property(tries = 60, seed = "42")
    void everyDatagramIsAccountedForAndNoneArrivesEarly(
            @ForAll long seed,
            @ForAll long originNanos,
            @ForAll @DoubleRange(min = 0, max = 1) double loss,
            @ForAll @DoubleRange(min = 0, max = 0.5) double enterBad,
            @ForAll @DoubleRange(min = 0.01, max = 1) double leaveBad,
            @ForAll @DoubleRange(min = 0, max = 1) double duplicate,
            @ForAll @DoubleRange(min = 0, max = 1) double reorder,
            @ForAll @LongRange(min = 0, max = 5_000) long delayMicros,
            @ForAll @LongRange(min = 0, max = 5_000) long jitterMicros,
            @ForAll @LongRange(min = 0, max = 100_000_000) long bitsPerSecond,
            @ForAll @IntRange(min = 1, max = 100_000) int queueBytes) {
        SimulatedNetwork net = new SimulatedNetwork(seed, originNanos);
        TestNode receiver = new TestNode("receiver");
        InetSocketAddress to = net.attach(receiver);
        PacedSender sender = new PacedSender(to, 100 * US, 500, 100);
        InetSocketAddress from = net.attach(sender);
        LinkConfig.Builder b = LinkConfig.builder().lossRate(loss)
                .burstLoss(enterBad, leaveBad, 1.0).duplicateRate(duplicate)
                .delayNanos(delayMicros * US)
                .jitter(java.time.Duration.ofNanos(jitterMicros * US))
                .reorder(reorder, java.time.Duration.ofMillis(1));
        if (bitsPerSecond > 10_000) {
            b.bandwidth(bitsPerSecond, queueBytes);
        }
        net.setLink(from, to, b.build());
        sender.start(net.nowNanos());
        while (net.step()) {
            // until the sender is done and nothing is in flight
        }

        LinkStats s = net.stats(from, to);
        assertThat(sender.sent).isEqualTo(500);
        assertThat(s.sent()).isEqualTo(500);
        assertThat(s.sent() + s.duplicated()).as(s.toString()).isEqualTo(s.delivered()
                + s.lost() + s.burstLost() + s.queueDropped() + s.unroutable());
        assertThat(receiver.received).hasSize((int) s.delivered());
        assertThat(net.totalStats()).isEqualTo(s);
        long minDelayNanos = Math.max(0, (delayMicros - jitterMicros) * US);
        for (TestNode.Received r : receiver.received) {
            assertThat(r.timeNanos() - PacedSender.sentNanosOf(r.data()))
                    .isGreaterThanOrEqualTo(minDelayNanos);
        }
    }
}
