package io.rudp.core.loss;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.congestion.NewRenoController;
import io.rudp.core.path.RttEstimator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Invariants of the loss detector under arbitrary interleavings of sends, ACKs and timeouts. */
class LossDetectorPropertyTest {

    private static final long MS = 1_000_000;

    /**
     * Each step is one of: send a packet (kind 0..3), receive an ACK of arbitrary ranges (kind 4..5,
     * built from the step's numbers, ordered or not, sent or not), or fire the timer (kind 6).
     */
    @Property(tries = 300, seed = "1234567")
    void everyPacketIsReportedAtMostOnceAndTheCountsStayExact(
            @ForAll @Size(max = 120) List<@IntRange(min = 0, max = 6) Integer> kinds,
            @ForAll @Size(max = 480) List<@LongRange(min = -3, max = 140) Long> numbers) {
        RttEstimator rtt = new RttEstimator(100 * MS);
        NewRenoController cc = new NewRenoController(1200, rtt);
        LossDetector detector = new LossDetector(rtt, cc, 25 * MS, MS, 10_000 * MS);
        Map<Long, SentPacket> outstanding = new HashMap<>();
        Set<Long> reported = new HashSet<>();
        LossDetector.Listener listener = new LossDetector.Listener() {
            @Override
            public void onPacketAcked(SentPacket p) {
                record(p);
            }

            @Override
            public void onPacketLost(SentPacket p) {
                record(p);
            }

            private void record(SentPacket p) {
                assertThat(reported.add(p.packetNumber)).as("reported twice: %s", p).isTrue();
                assertThat(outstanding.remove(p.packetNumber)).isSameAs(p);
            }
        };

        long now = 0;
        long nextPn = 0;
        int cursor = 0;
        for (int kind : kinds) {
            now += 7 * MS;
            if (kind <= 3) {
                SentPacket p = new SentPacket(nextPn, now, 100 + kind * 300, kind != 3, kind != 3);
                nextPn += 1 + (kind == 2 ? 1 : 0);
                detector.onPacketSent(p);
                outstanding.put(p.packetNumber, p);
            } else if (kind <= 5) {
                long[] ranges = new long[8];
                int count = 0;
                while (count < 4 && cursor + 1 < numbers.size()) {
                    long a = numbers.get(cursor++);
                    long b = numbers.get(cursor++);
                    ranges[2 * count] = kind == 4 ? Math.max(a, b) : a;
                    ranges[2 * count + 1] = kind == 4 ? Math.min(a, b) : b;
                    count++;
                }
                if (kind == 4) {
                    sortDescending(ranges, count);
                }
                detector.onAckReceived(now, ranges, count, numbers.isEmpty() ? 0 : numbers.get(0) * MS, listener);
                assertThat(detector.largestAckedPacketNumber()).isLessThanOrEqualTo(detector.largestSentPacketNumber());
            } else {
                detector.onTimeout(now, listener);
            }

            long expectedBytes = 0;
            boolean ackElicitingOutstanding = false;
            for (SentPacket p : outstanding.values()) {
                if (p.inFlight) {
                    expectedBytes += p.sizeBytes;
                    ackElicitingOutstanding |= p.ackEliciting;
                }
            }
            assertThat(detector.bytesInFlight()).isEqualTo(expectedBytes);
            assertThat(detector.packetsInFlight()).isEqualTo(outstanding.size());
            assertThat(detector.hasAckElicitingInFlight()).isEqualTo(ackElicitingOutstanding);
            if (ackElicitingOutstanding) {
                assertThat(detector.deadlineNanos()).isNotEqualTo(Long.MAX_VALUE);
            }
            assertThat(cc.congestionWindowBytes()).isGreaterThanOrEqualTo(cc.minimumWindowBytes());
        }
    }

    /** Sorts range pairs by high, descending; overlapping ones are left for the detector to clip. */
    private static void sortDescending(long[] ranges, int count) {
        for (int i = 1; i < count; i++) {
            for (int j = i; j > 0 && ranges[2 * j] > ranges[2 * (j - 1)]; j--) {
                long high = ranges[2 * j];
                long low = ranges[2 * j + 1];
                ranges[2 * j] = ranges[2 * (j - 1)];
                ranges[2 * j + 1] = ranges[2 * (j - 1) + 1];
                ranges[2 * (j - 1)] = high;
                ranges[2 * (j - 1) + 1] = low;
            }
        }
    }
}
