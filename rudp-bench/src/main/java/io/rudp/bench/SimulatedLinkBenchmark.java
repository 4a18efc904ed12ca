package io.rudp.bench;

import io.rudp.core.Connection;
import io.rudp.core.ConnectionStats;
import io.rudp.core.Endpoint;
import io.rudp.core.RudpConfig;
import io.rudp.testkit.LinkConfig;
import io.rudp.testkit.SimulatedNetwork;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Bulk transfer over a simulated bottleneck: how long the engine takes, in virtual time, to move
 * a payload one way over a link of given capacity, round trip and random loss, next to the ideal
 * {@code (1 - loss) x capacity}; and how fast the simulation itself runs (virtual seconds per
 * wall-clock second).
 *
 * <p>Run: {@code mvn -q -B package -DskipTests && java -jar rudp-bench/target/rudp-bench.jar}
 * (optional arguments: megabytes, Mbit/s, RTT in ms, then loss percentages).
 */
public final class SimulatedLinkBenchmark {

    private SimulatedLinkBenchmark() {
    }

    /** One run's outcome. */
    record Result(double lossRate, long payloadBytes, long virtualNanos, long wallNanos, ConnectionStats senderStats) {
        double goodputMbps() {
            return payloadBytes * 8.0 / (virtualNanos / 1e9) / 1e6;
        }
    }

    public static void main(String[] args) {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long capacityBitsPerSecond = (args.length > 1 ? Long.parseLong(args[1]) : 100) * 1_000_000L;
        long rttMillis = args.length > 2 ? Long.parseLong(args[2]) : 20;
        double[] lossPercents = args.length > 3 ? parseLosses(args, 3) : new double[] {0, 1, 5};
        long payloadBytes = megabytes * 1024L * 1024L;

        // Warm the JIT up on a short run so wall times measure the engine, not the interpreter.
        run(1, 8L * 1024 * 1024, capacityBitsPerSecond, rttMillis, 0.01);
        System.out.printf(Locale.ROOT, "Bulk transfer of %d MiB over a simulated %d Mbit/s link, %d ms RTT, NewReno, "
                        + "bottleneck queue of one bandwidth-delay product, random loss both ways%n%n",
                megabytes, capacityBitsPerSecond / 1_000_000, rttMillis);
        System.out.println("| loss | virtual time | goodput | ideal (1-loss) x capacity | of ideal | retransmitted packets | wall time | virtual s per wall s |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (double lossPercent : lossPercents) {
            Result r = run(42, payloadBytes, capacityBitsPerSecond, rttMillis, lossPercent / 100);
            double idealMbps = (1 - r.lossRate()) * capacityBitsPerSecond / 1e6;
            System.out.printf(Locale.ROOT, "| %.1f%% | %.2f s | %.1f Mbit/s | %.1f Mbit/s | %.0f%% | %d | %.2f s | %.0f |%n",
                    lossPercent, r.virtualNanos() / 1e9, r.goodputMbps(), idealMbps, 100 * r.goodputMbps() / idealMbps,
                    r.senderStats().retransmittedPackets(), r.wallNanos() / 1e9,
                    (r.virtualNanos() / 1e9) / (r.wallNanos() / 1e9));
        }
    }

    private static double[] parseLosses(String[] args, int from) {
        double[] losses = new double[args.length - from];
        for (int i = from; i < args.length; i++) {
            losses[i - from] = Double.parseDouble(args[i]);
        }
        return losses;
    }

    /** Moves {@code payloadBytes} from a client to a server; the clock runs from connect to the server reading the end. */
    static Result run(long seed, long payloadBytes, long capacityBitsPerSecond, long rttMillis, double lossRate) {
        long wallStart = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        SimulatedNetwork network = new SimulatedNetwork(random.nextLong());
        RudpConfig config = RudpConfig.defaults();
        Endpoint serverEndpoint = new Endpoint(config, random.split());
        Endpoint clientEndpoint = new Endpoint(config, random.split());
        InetSocketAddress serverAddress = network.attach(serverEndpoint);
        InetSocketAddress clientAddress = network.attach(clientEndpoint);
        long bdpBytes = capacityBitsPerSecond / 8 * rttMillis / 1000;
        LinkConfig link = LinkConfig.builder()
                .delay(Duration.ofNanos(rttMillis * 1_000_000 / 2))
                .bandwidth(capacityBitsPerSecond, (int) Math.max(bdpBytes, 64 * 1024))
                .lossRate(lossRate)
                .build();
        network.setPath(clientAddress, serverAddress, link);
        serverEndpoint.listen();

        long start = network.nowNanos();
        Connection client = clientEndpoint.connect(start, serverAddress);
        Connection server = null;
        byte[] chunk = new byte[64 * 1024];
        new SplittableRandom(seed).nextBytes(chunk);
        byte[] sink = new byte[64 * 1024];
        long written = 0;
        long read = 0;
        boolean endOfStream = false;
        long maxVirtualNanos = Duration.ofHours(1).toNanos();
        while (!endOfStream && network.nowNanos() - start < maxVirtualNanos) {
            long now = network.nowNanos();
            if (client.isEstablished()) {
                while (written < payloadBytes) {
                    int n = client.write(now, chunk, 0, (int) Math.min(chunk.length, payloadBytes - written));
                    if (n == 0) {
                        break;
                    }
                    written += n;
                }
                if (written == payloadBytes && !client.isOutputShutdown()) {
                    client.shutdownOutput(now);
                }
            }
            if (server == null) {
                server = serverEndpoint.pollAccepted();
            }
            if (server != null) {
                int n;
                while ((n = server.read(sink, 0, sink.length)) > 0) {
                    read += n;
                }
                endOfStream = n < 0;
            }
            if (!endOfStream && !network.step()) {
                break;
            }
        }
        if (!endOfStream || read != payloadBytes) {
            throw new IllegalStateException("transfer did not complete: read " + read + " of " + payloadBytes
                    + "; " + network.describe());
        }
        return new Result(lossRate, payloadBytes, network.nowNanos() - start, System.nanoTime() - wallStart, client.stats());
    }
}
