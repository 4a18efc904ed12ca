package io.rudp.bench.link;

import io.rudp.core.CongestionControl;
import io.rudp.core.Connection;
import io.rudp.core.ConnectionStats;
import io.rudp.core.Endpoint;
import io.rudp.core.EngineConfig;
import io.rudp.testkit.LinkConfig;
import io.rudp.testkit.LinkStats;
import io.rudp.testkit.SimulatedNetwork;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * One connection that always has data over a simulated path (virtual time, deterministic for the
 * seed), for the loss-detection figures of {@code rudp bench --only reorder}: the sender's packet
 * counts (sent, retransmitted, declared lost) next to what the path really did (dropped,
 * reordered, duplicated), and the goodput the receiver read after a warm-up.
 */
public final class SimReorder {

    private SimReorder() {
    }

    /**
     * The outcome of one run.
     *
     * @param steadyMbps goodput read by the receiver after the warm-up
     * @param sender the sending connection's counters at the end
     * @param forward the data direction's link counters
     */
    public record Result(double steadyMbps, ConnectionStats sender, LinkStats forward) {

        /** Retransmitted packets as a fraction of the DATA packets sent. */
        public double retransmittedFraction() {
            return fraction(sender.retransmittedPackets());
        }

        /** Packets declared lost as a fraction of the DATA packets sent. */
        public double declaredLostFraction() {
            return fraction(sender.lostPackets());
        }

        /** Packets declared lost and acknowledged afterwards, as a fraction of the DATA packets sent. */
        public double spuriousFraction() {
            return fraction(sender.spuriousLosses());
        }

        /** Packets the path dropped (random loss and the bottleneck queue) as a fraction of those sent. */
        public double pathDroppedFraction() {
            return fraction(forward.lost() + forward.burstLost() + forward.queueDropped());
        }

        private double fraction(long packets) {
            return sender.packetsSent() == 0 ? 0 : (double) packets / sender.packetsSent();
        }
    }

    /** A 100 Mbit/s path with a queue of one BDP, half the RTT each way, and the given loss, reordering and duplication. */
    public static LinkConfig path(int rttMillis, double lossRate, double reorderRate, Duration holdBack,
                                  double duplicateRate) {
        LinkConfig.Builder b = LinkConfig.builder()
                .bandwidth(LinkParams.DEFAULT_RATE_BITS_PER_SECOND,
                        LinkParams.bdpQueueBytes(LinkParams.DEFAULT_RATE_BITS_PER_SECOND, rttMillis))
                .delayNanos(Duration.ofMillis(rttMillis).toNanos() / 2)
                .lossRate(lossRate)
                .duplicateRate(duplicateRate);
        if (reorderRate > 0) {
            b.reorder(reorderRate, holdBack);
        }
        return b.build();
    }

    /**
     * Sends for {@code run} of virtual time over {@code link} (both directions) with the default
     * configuration but {@code cc}; goodput counts what was read after {@code warmUp}.
     */
    public static Result run(CongestionControl cc, LinkConfig link, Duration run, Duration warmUp, long seed) {
        EngineConfig config = EngineConfig.defaults().toBuilder().congestionControl(cc).build();
        SplittableRandom random = new SplittableRandom(seed);
        SimulatedNetwork network = new SimulatedNetwork(random.nextLong());
        Endpoint server = new Endpoint(config, random.split());
        Endpoint client = new Endpoint(config, random.split());
        InetSocketAddress serverAddress = network.attach(server);
        InetSocketAddress clientAddress = network.attach(client);
        network.setPath(clientAddress, serverAddress, link);
        server.listen();
        long start = network.nowNanos();
        long warmUpEnd = start + warmUp.toNanos();
        long end = start + run.toNanos();
        Connection sender = client.connect(start, serverAddress);
        Connection receiver = null;
        byte[] chunk = new byte[64 * 1024];
        byte[] sink = new byte[64 * 1024];
        long read = 0;
        long readAtWarmUp = -1;
        while (network.nowNanos() - end < 0) {
            long now = network.nowNanos();
            if (sender.isEstablished()) {
                while (sender.write(now, chunk, 0, chunk.length) > 0) {
                    // keep the send buffer full
                }
            }
            if (receiver == null) {
                receiver = server.pollAccepted();
            }
            if (receiver != null) {
                int n;
                while ((n = receiver.read(sink, 0, sink.length)) > 0) {
                    read += n;
                }
            }
            if (readAtWarmUp < 0 && now - warmUpEnd >= 0) {
                readAtWarmUp = read;
            }
            if (!network.step()) {
                break;
            }
        }
        if (readAtWarmUp < 0) {
            throw new IllegalStateException("the run ended before the warm-up did: " + network.describe());
        }
        double seconds = (run.toNanos() - warmUp.toNanos()) / 1e9;
        return new Result((read - readAtWarmUp) * 8 / seconds / 1e6, sender.stats(),
                network.stats(clientAddress, serverAddress));
    }
}
