package io.rudp.bench.jmh;

import io.rudp.core.ack.ReceivedPacketTracker;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The receiver's ACK tracker: recording 64 packets of which four are missing (four gaps), then
 * building the ACK ranges, as the engine does per ACK it sends. Reported per packet recorded.
 *
 * <p>Run: {@code java -cp rudp-bench/target/rudp-bench.jar org.openjdk.jmh.Main AckTrackerBenchmark
 * -f 1 -wi 2 -i 3 -w 1s -r 1s [-prof gc]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AckTrackerBenchmark {

    static final int PACKETS_PER_OP = 64;

    ReceivedPacketTracker tracker;
    final long[] ranges = new long[64];
    long nextPacketNumber;
    long nowNanos;

    /** A tracker as a connection makes it: 32 ranges, 25 ms max_ack_delay, ACK every 2nd packet. */
    @Setup
    public void setUp() {
        tracker = new ReceivedPacketTracker(32, 25_000_000, 2);
    }

    /** Records 64 packet numbers, skipping every 16th (a gap), and fills the ACK ranges after every second. */
    @Benchmark
    @OperationsPerInvocation(PACKETS_PER_OP)
    public int recordAndAck() {
        int ranges = 0;
        for (int i = 0; i < PACKETS_PER_OP; i++) {
            long pn = nextPacketNumber++;
            nowNanos += 10_000;
            if (i % 16 == 5) {
                continue; // lost
            }
            tracker.onPacketReceived(nowNanos, pn, true);
            if ((i & 1) == 1) {
                ranges += tracker.fillRanges(this.ranges);
                tracker.onAckSent(nowNanos);
            }
        }
        // The peer acknowledged our ACKs now and then: the floor rises and old ranges go.
        tracker.onAckAcknowledged(nextPacketNumber - 40);
        return ranges;
    }
}
