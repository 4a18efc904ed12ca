package io.rudp.core.ack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class ReceivedPacketTrackerPropertyTest {

    @Property(tries = 300, seed = "20240611")
    void reportsExactlyTheReceivedNumbersAboveTheFloor(
            @ForAll @Size(max = 200) List<@LongRange(min = 0, max = 300) Long> arrivals,
            @ForAll @IntRange(min = 1, max = 12) int maxRanges,
            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 20) Integer> acknowledgedEvery) {
        ReceivedPacketTracker tracker = new ReceivedPacketTracker(maxRanges, 25_000_000, 2);
        TreeSet<Long> accepted = new TreeSet<>();
        for (int i = 0; i < arrivals.size(); i++) {
            long pn = arrivals.get(i);
            if (!tracker.isDuplicate(pn)) {
                tracker.onPacketReceived(i, pn, true);
                accepted.add(pn);
            }
            // Now and then our ACK frame is acknowledged, at some number we had received.
            if (i < acknowledgedEvery.size() && acknowledgedEvery.get(i) == 0 && !accepted.isEmpty()) {
                tracker.onAckAcknowledged(accepted.lower(pn + 1) == null ? accepted.first() : accepted.lower(pn + 1));
            }
            assertReportsAcceptedAboveFloor(tracker, accepted, maxRanges);
        }
    }

    @Property(tries = 200, seed = "8675309")
    void withEnoughRangesReportsEveryReceivedNumber(
            @ForAll @Size(max = 150) List<@LongRange(min = 0, max = 100) Long> arrivals) {
        ReceivedPacketTracker tracker = new ReceivedPacketTracker(64, 25_000_000, 2);
        TreeSet<Long> received = new TreeSet<>();
        for (long pn : arrivals) {
            assertThat(tracker.isDuplicate(pn)).isEqualTo(received.contains(pn));
            tracker.onPacketReceived(0, pn, true);
            received.add(pn);
        }

        assertThat(reported(tracker)).isEqualTo(received);
        assertThat(tracker.largestReceived()).isEqualTo(received.isEmpty() ? -1 : received.last());
    }

    private static void assertReportsAcceptedAboveFloor(ReceivedPacketTracker tracker, TreeSet<Long> accepted,
                                                        int maxRanges) {
        long[] dst = new long[2 * maxRanges];
        int count = tracker.fillRanges(dst);
        assertThat(count).isEqualTo(tracker.rangeCount()).isLessThanOrEqualTo(maxRanges);
        // The layout: each range high >= low, strictly descending with at least one number missing between.
        for (int r = 0; r < count; r++) {
            assertThat(dst[2 * r]).isGreaterThanOrEqualTo(dst[2 * r + 1]);
            if (r > 0) {
                assertThat(dst[2 * r]).isLessThan(dst[2 * r - 1] - 1);
            }
        }
        TreeSet<Long> expected = new TreeSet<>(accepted.tailSet(tracker.floorPacketNumber()));
        assertThat(reported(tracker)).isEqualTo(expected);
        for (long pn = 0; pn <= 301; pn++) {
            assertThat(tracker.isDuplicate(pn)).isEqualTo(pn < tracker.floorPacketNumber() || accepted.contains(pn));
        }
    }

    private static TreeSet<Long> reported(ReceivedPacketTracker tracker) {
        long[] dst = new long[2 * 1024];
        int count = tracker.fillRanges(dst);
        TreeSet<Long> numbers = new TreeSet<>();
        for (int r = 0; r < count; r++) {
            for (long pn = dst[2 * r + 1]; pn <= dst[2 * r]; pn++) {
                numbers.add(pn);
            }
        }
        return numbers;
    }
}
