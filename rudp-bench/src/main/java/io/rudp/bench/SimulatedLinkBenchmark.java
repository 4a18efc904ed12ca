package io.rudp.bench;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The engine on simulated bottlenecks, in virtual time, for every congestion controller.
 *
 * <ul>
 *   <li><b>Sustained goodput</b>: one connection that always has data, over a link of given
 *       capacity, round trip and random loss (both directions, data and ACKs) with a drop-tail
 *       bottleneck queue of one bandwidth-delay product; goodput (stream bytes the receiving
 *       application read) over a measurement window after a warm-up, next to the ideal
 *       {@code (1 - loss) x capacity}.</li>
 *   <li><b>Bulk transfer</b>: the time one connection takes to move a payload, from connect to
 *       the last byte read: handshake and startup included.</li>
 *   <li><b>Fairness</b>: two connections of the same controller share the bottleneck (the second
 *       starts a second after the first); each one's goodput over the window, and Jain's index
 *       {@code (a + b)^2 / (2 (a^2 + b^2))} (1 is an even split, 0.5 one connection taking all).</li>
 * </ul>
 *
 * <p>Run: {@code mvn -q -B package -DskipTests && java -jar rudp-bench/target/rudp-bench.jar}.
 * Options (defaults in brackets): {@code --mbps N} capacity [100], {@code --rtt LIST} round trips
 * in ms [20,100], {@code --loss LIST} loss percentages [0,1,5], {@code --cc LIST} controllers
 * [NEW_RENO,CUBIC,BBR], {@code --warmup-seconds N} [5], {@code --measure-seconds N} [20],
 * {@code --mib N} bulk payload [10], {@code --only sustained|bulk|fairness}, and the send and
 * receive buffers (the flow-control window): {@code --buffer-bdps N} sizes them at
 * {@code max(1 MiB, N x BDP)} [8], {@code --buffer-bytes N} fixes them (1048576 is the default
 * configuration's), and {@code --seed N} for every run (default 42, and 7 for fairness). A lossy path needs several BDPs: a lost packet's hole holds the receive
 * window back until its retransmission arrives. Every figure is virtual time and deterministic;
 * only the wall times vary.
 */
public final class SimulatedLinkBenchmark {

    private static final long MIB = 1024L * 1024L;
    private static final long SECOND_FLOW_DELAY_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long SECOND_NANOS = Duration.ofSeconds(1).toNanos();

    /** Send and receive buffers in bandwidth-delay products (at least 1 MiB), unless {@link #bufferBytes} is set. */
    private static long bufferBdps = 8;
    /** A fixed size for the send and receive buffers; 0 to size them by {@link #bufferBdps}. */
    private static long bufferBytes;

    private SimulatedLinkBenchmark() {
    }

    /** One bulk transfer's outcome. */
    record Result(long payloadBytes, long virtualNanos, long wallNanos, ConnectionStats senderStats, LinkStats forward) {
        double goodputMbps() {
            return payloadBytes * 8.0 / (virtualNanos / 1e9) / 1e6;
        }
    }

    /** Busy connections' goodput over the measurement window. */
    record Busy(double[] goodputMbps, long queueDrops, long retransmittedPackets, long wallNanos) {
        double totalMbps() {
            return Arrays.stream(goodputMbps).sum();
        }

        /** Jain's fairness index: (sum x)^2 / (n sum x^2). */
        double jainIndex() {
            double sum = totalMbps();
            double squares = Arrays.stream(goodputMbps).map(x -> x * x).sum();
            return squares == 0 ? 0 : sum * sum / (goodputMbps.length * squares);
        }
    }

    /**
     * Runs the sustained-goodput, bulk-transfer and fairness tables.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        try {
            run(args);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            // Bad arguments: one line, exit code 2 (NumberFormatException is an IllegalArgumentException).
            System.err.println("rudp-bench: " + (e instanceof ArrayIndexOutOfBoundsException
                    ? "an option is missing its value" : e.getMessage()));
            System.exit(2);
        }
    }

    private static void run(String[] args) {
        long megabytes = 10;
        long mbps = 100;
        long[] rtts = {20, 100};
        double[] losses = {0, 1, 5};
        List<CongestionControl> controllers = new ArrayList<>(Arrays.asList(CongestionControl.values()));
        long warmupSeconds = 5;
        long measureSeconds = 20;
        String only = null;
        Long seed = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mib" -> megabytes = Long.parseLong(args[++i]);
                case "--mbps" -> mbps = Long.parseLong(args[++i]);
                case "--rtt" -> rtts = Arrays.stream(args[++i].split(",")).mapToLong(Long::parseLong).toArray();
                case "--loss" -> losses = Arrays.stream(args[++i].split(",")).mapToDouble(Double::parseDouble).toArray();
                case "--cc" -> {
                    controllers.clear();
                    for (String name : args[++i].split(",")) {
                        controllers.add(CongestionControl.valueOf(name.trim().toUpperCase(Locale.ROOT)));
                    }
                }
                case "--warmup-seconds" -> warmupSeconds = Long.parseLong(args[++i]);
                case "--measure-seconds" -> measureSeconds = Long.parseLong(args[++i]);
                case "--only" -> only = args[++i];
                case "--buffer-bdps" -> bufferBdps = Long.parseLong(args[++i]);
                case "--buffer-bytes" -> bufferBytes = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --mbps N --rtt 20,100 --loss 0,1,5 --cc NEW_RENO,CUBIC,BBR --warmup-seconds N"
                        + " --measure-seconds N --mib N --only sustained|bulk|fairness --buffer-bdps N --buffer-bytes N"
                        + " --seed N");
            }
        }
        long capacity = mbps * 1_000_000L;
        long warmup = warmupSeconds * SECOND_NANOS;
        long measure = measureSeconds * SECOND_NANOS;
        // Warm the JIT up so wall times measure the engine, not the interpreter.
        transfer(1, 8 * MIB, capacity, 20, 0.01, controllers.get(0));

        if (only == null || only.equals("sustained")) {
            System.out.printf(Locale.ROOT, "Sustained goodput of one connection over a simulated %d Mbit/s link, bottleneck "
                    + "queue of one bandwidth-delay product, random loss both ways, %s; measured over %d s after a %d s "
                    + "warm-up%n%n", mbps, bufferBytes > 0 ? "buffers of " + bufferBytes + " bytes"
                            : "buffers of max(1 MiB, " + bufferBdps + " BDP)", measureSeconds, warmupSeconds);
            System.out.println("| controller | RTT | loss | goodput | of ideal | retransmitted packets | queue drops | wall time |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (long rtt : rtts) {
                for (double loss : losses) {
                    for (CongestionControl cc : controllers) {
                        Busy b = busy(seed == null ? 42 : seed, capacity, rtt, loss / 100, cc, 1, warmup, measure);
                        double ideal = (1 - loss / 100) * mbps;
                        System.out.printf(Locale.ROOT, "| %s | %d ms | %.0f%% | %.1f Mbit/s | %.0f%% | %d | %d | %.2f s |%n",
                                cc, rtt, loss, b.totalMbps(), 100 * b.totalMbps() / ideal, b.retransmittedPackets(),
                                b.queueDrops(), b.wallNanos() / 1e9);
                    }
                }
            }
            System.out.println();
        }
        if (only == null || only.equals("bulk")) {
            System.out.printf(Locale.ROOT, "Bulk transfer of %d MiB over the same links, from connect to the last byte read "
                    + "(handshake and startup included)%n%n", megabytes);
            System.out.println("| controller | RTT | loss | virtual time | goodput | retransmitted packets | queue drops | wall time |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (long rtt : rtts) {
                for (double loss : losses) {
                    for (CongestionControl cc : controllers) {
                        Result r = transfer(seed == null ? 42 : seed, megabytes * MIB, capacity, rtt, loss / 100, cc);
                        System.out.printf(Locale.ROOT, "| %s | %d ms | %.0f%% | %.2f s | %.1f Mbit/s | %d | %d | %.2f s |%n",
                                cc, rtt, loss, r.virtualNanos() / 1e9, r.goodputMbps(),
                                r.senderStats().retransmittedPackets(), r.forward().queueDropped(), r.wallNanos() / 1e9);
                    }
                }
            }
            System.out.println();
        }
        if (only == null || only.equals("fairness")) {
            System.out.printf(Locale.ROOT, "Two connections sharing the %d Mbit/s bottleneck (the second starts 1 s later); "
                    + "goodput over %d s after a %d s warm-up%n%n", mbps, measureSeconds, warmupSeconds + 5);
            System.out.println("| controller | RTT | loss | first | second | total | Jain's index | queue drops |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (long rtt : rtts) {
                for (double loss : new double[] {0, 1}) {
                    for (CongestionControl cc : controllers) {
                        Busy f = busy(seed == null ? 7 : seed, capacity, rtt, loss / 100, cc, 2, warmup + 5 * SECOND_NANOS, measure);
                        System.out.printf(Locale.ROOT, "| %s | %d ms | %.0f%% | %.1f Mbit/s | %.1f Mbit/s | %.1f Mbit/s | %.3f | %d |%n",
                                cc, rtt, loss, f.goodputMbps()[0], f.goodputMbps()[1], f.totalMbps(), f.jainIndex(),
                                f.queueDrops());
                    }
                }
            }
        }
    }

    /** A client and a server endpoint joined by the benchmark's bottleneck link. */
    private record Setup(SimulatedNetwork network, Endpoint client, Endpoint server,
                         InetSocketAddress clientAddress, InetSocketAddress serverAddress) {
    }

    private static Setup setup(long seed, long capacityBitsPerSecond, long rttMillis, double lossRate, CongestionControl cc) {
        SplittableRandom random = new SplittableRandom(seed);
        SimulatedNetwork network = new SimulatedNetwork(random.nextLong());
        long bdpBytes = capacityBitsPerSecond / 8 * rttMillis / 1000;
        long wanted = bufferBytes > 0 ? bufferBytes : Math.max(MIB, bufferBdps * bdpBytes);
        int buffer = (int) Math.min(1 << 30, wanted);
        EngineConfig config = EngineConfig.builder().congestionControl(cc).sendBufferBytes(buffer).receiveBufferBytes(buffer).build();
        Endpoint server = new Endpoint(config, random.split());
        Endpoint client = new Endpoint(config, random.split());
        InetSocketAddress serverAddress = network.attach(server);
        InetSocketAddress clientAddress = network.attach(client);
        LinkConfig link = LinkConfig.builder()
                .delay(Duration.ofNanos(rttMillis * 1_000_000 / 2))
                .bandwidth(capacityBitsPerSecond, (int) Math.max(bdpBytes, 64 * 1024))
                .lossRate(lossRate)
                .build();
        network.setPath(clientAddress, serverAddress, link);
        server.listen();
        return new Setup(network, client, server, clientAddress, serverAddress);
    }

    /** Moves {@code payloadBytes} from a client to a server; the clock runs from connect to the server reading the end. */
    static Result transfer(long seed, long payloadBytes, long capacityBitsPerSecond, long rttMillis, double lossRate,
                           CongestionControl cc) {
        long wallStart = System.nanoTime();
        Setup s = setup(seed, capacityBitsPerSecond, rttMillis, lossRate, cc);
        SimulatedNetwork network = s.network();
        long start = network.nowNanos();
        Connection client = s.client().connect(start, s.serverAddress());
        Connection server = null;
        byte[] chunk = new byte[64 * 1024];
        new SplittableRandom(seed).nextBytes(chunk);
        byte[] sink = new byte[64 * 1024];
        long written = 0;
        long read = 0;
        boolean endOfStream = false;
        long maxVirtualNanos = Duration.ofHours(4).toNanos();
        while (!endOfStream && network.nowNanos() - start < maxVirtualNanos) {
            long now = network.nowNanos();
            if (client.isEstablished()) {
                written += writeUpTo(client, now, chunk, payloadBytes - written);
                if (written == payloadBytes && !client.isOutputShutdown()) {
                    client.shutdownOutput(now);
                }
            }
            if (server == null) {
                server = s.server().pollAccepted();
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
            throw new IllegalStateException(cc + ": transfer did not complete: read " + read + " of " + payloadBytes
                    + "; " + network.describe());
        }
        return new Result(payloadBytes, network.nowNanos() - start, System.nanoTime() - wallStart, client.stats(),
                network.stats(s.clientAddress(), s.serverAddress()));
    }

    /**
     * {@code flows} connections that always have data (the second starts a second after the
     * first) over one bottleneck; each one's goodput between {@code warmupNanos} and
     * {@code warmupNanos + measureNanos} after the first connect.
     */
    static Busy busy(long seed, long capacityBitsPerSecond, long rttMillis, double lossRate, CongestionControl cc,
                     int flows, long warmupNanos, long measureNanos) {
        long wallStart = System.nanoTime();
        Setup s = setup(seed, capacityBitsPerSecond, rttMillis, lossRate, cc);
        SimulatedNetwork network = s.network();
        long start = network.nowNanos();
        Connection[] clients = new Connection[flows];
        Connection[] servers = new Connection[flows];
        int accepted = 0;
        long[] read = new long[flows];
        long[] readAtWarmup = new long[flows];
        boolean warmedUp = false;
        byte[] chunk = new byte[64 * 1024];
        byte[] sink = new byte[64 * 1024];
        long end = start + warmupNanos + measureNanos;
        while (network.nowNanos() - end < 0) {
            long now = network.nowNanos();
            for (int i = 0; i < flows; i++) {
                if (clients[i] == null && now - start >= i * SECOND_FLOW_DELAY_NANOS) {
                    clients[i] = s.client().connect(now, s.serverAddress());
                }
                if (clients[i] != null && clients[i].isEstablished()) {
                    writeUpTo(clients[i], now, chunk, Long.MAX_VALUE);
                }
            }
            Connection next;
            while (accepted < flows && (next = s.server().pollAccepted()) != null) {
                servers[accepted++] = next; // accepted in connect order: one second apart
            }
            for (int i = 0; i < accepted; i++) {
                int n;
                while ((n = servers[i].read(sink, 0, sink.length)) > 0) {
                    read[i] += n;
                }
            }
            if (!warmedUp && now - start >= warmupNanos) {
                warmedUp = true;
                System.arraycopy(read, 0, readAtWarmup, 0, flows);
            }
            if (!network.step()) {
                break;
            }
        }
        double seconds = measureNanos / 1e9;
        double[] goodput = new double[flows];
        long retransmitted = 0;
        for (int i = 0; i < flows; i++) {
            goodput[i] = (read[i] - readAtWarmup[i]) * 8 / seconds / 1e6;
            retransmitted += clients[i] == null ? 0 : clients[i].stats().retransmittedPackets();
        }
        return new Busy(goodput, network.stats(s.clientAddress(), s.serverAddress()).queueDropped(), retransmitted,
                System.nanoTime() - wallStart);
    }

    private static long writeUpTo(Connection c, long now, byte[] chunk, long remaining) {
        long written = 0;
        while (written < remaining) {
            int n = c.write(now, chunk, 0, (int) Math.min(chunk.length, remaining - written));
            if (n == 0) {
                break;
            }
            written += n;
        }
        return written;
    }
}
