package io.rudp.bench.jmh;

import io.rudp.core.congestion.BbrController;
import io.rudp.core.loss.LossDetector;
import io.rudp.core.loss.SentPacket;
import io.rudp.core.path.RttEstimator;
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
 * The sender's loss detection on a path that reorders: per round, 10 packets are sent; the peer
 * acknowledges the last nine, the time threshold declares the first lost, and then its late
 * acknowledgement arrives, showing the loss spurious (the adaptive reordering window's whole
 * path: remembering the loss, matching it, widening). Reported per packet sent; it should
 * allocate nothing.
 *
 * <p>Run: {@code java -cp rudp-bench/target/rudp-bench.jar org.openjdk.jmh.Main ReorderedAckBenchmark
 * -f 1 -wi 2 -i 3 -w 1s -r 1s [-prof gc]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReorderedAckBenchmark {

    static final int PACKETS_PER_ROUND = 10;
    static final long MS = 1_000_000;

    LossDetector detector;
    final long[] ranges = new long[2];
    final Counting listener = new Counting();
    long nextPacketNumber;
    long roundStartNanos = 1_000 * MS;

    /** A detector as a connection makes it, with BBR. */
    @Setup
    public void setUp() {
        RttEstimator rtt = new RttEstimator(333 * MS);
        detector = new LossDetector(rtt, new BbrController(1200, rtt, 1), 5 * MS, MS, 60_000 * MS);
    }

    /** One round: 10 packets sent, nine acknowledged, the first declared lost by time, then acknowledged late. */
    @Benchmark
    @OperationsPerInvocation(PACKETS_PER_ROUND)
    public long round() {
        long first = nextPacketNumber;
        for (int i = 0; i < PACKETS_PER_ROUND; i++) {
            SentPacket p = detector.newSentPacket(nextPacketNumber++, roundStartNanos + i * 100_000L, 1200, true, true);
            detector.onPacketSent(p);
        }
        long last = nextPacketNumber - 1;
        ranges[0] = last;
        ranges[1] = first + 1;
        detector.onAckReceived(roundStartNanos + 21 * MS, ranges, 1, 0, listener);
        long deadline = detector.deadlineNanos();
        detector.onTimeout(deadline, listener);
        ranges[1] = first;
        detector.onAckReceived(deadline + MS, ranges, 1, 0, listener);
        roundStartNanos = deadline + 2 * MS;
        return listener.lost + detector.spuriousLossesTotal();
    }

    /** Counts what it hears, allocating nothing. */
    static final class Counting implements LossDetector.Listener {
        long acked;
        long lost;
        long spurious;

        @Override
        public void onPacketAcked(SentPacket p) {
            acked++;
        }

        @Override
        public void onPacketLost(SentPacket p) {
            lost++;
        }

        @Override
        public void onSpuriousLosses(int packets) {
            spurious += packets;
        }
    }
}
