package io.rudp.cli;

import io.rudp.ClientConnection;
import io.rudp.ReliableServer;
import io.rudp.ReliableSocket;
import io.rudp.cli.proxy.DirectionStats;
import io.rudp.cli.proxy.ImpairmentProxy;
import io.rudp.cli.proxy.ProxyStats;
import io.rudp.cli.proxy.Units;
import io.rudp.cli.support.Formats;
import io.rudp.cli.support.TraceOption;
import io.rudp.cli.transfer.ProgressBarListener;
import io.rudp.ConnectionStats;
import io.rudp.RudpConfig;
import io.rudp.testkit.LinkConfig;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rudp demo}: a server and a client in this process, talking through the built-in
 * impairment proxy on loopback, move a payload with a live progress bar, then report goodput, RTT,
 * retransmissions, loss seen and whether the SHA-256 of what arrived matches what was sent.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Sends data from a client to a server, both in this process, through an impairment proxy "
                + "on loopback (default: 2%% loss each way, 40 ms round trip, a little reordering), with a live "
                + "progress bar, then prints goodput, RTT, retransmissions, loss and a SHA-256 check."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--size", defaultValue = "32MiB", paramLabel = "SIZE",
            description = "How much to send, e.g. 32MiB, 500KB, 1GiB (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--loss", defaultValue = "2%", paramLabel = "RATE",
            description = "Random loss in each direction, e.g. 2%% or 0.02 (default: 2%%).")
    String loss;

    @Option(names = "--rtt", defaultValue = "40ms", paramLabel = "DURATION",
            description = "Round-trip time added by the proxy, e.g. 40ms (default: ${DEFAULT-VALUE}).")
    String rtt;

    @Option(names = "--reorder", defaultValue = "1%", paramLabel = "RATE",
            description = "Share of datagrams held back 5 ms, arriving out of order (default: 1%%).")
    String reorder;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the proxy's impairments (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--trace", paramLabel = "DIR",
            description = TraceOption.DESCRIPTION + " Traces both sides: the sender (client-*.jsonl) and the receiver (server-*.jsonl).")
    Path traceDir;

    @Override
    public Integer call() throws Exception {
        long bytes = parse("--size", size, Units::bytes);
        if (bytes <= 0) {
            throw new RudpCli.UsageException("--size: must be positive, got '" + size + "'");
        }
        double lossRate = parse("--loss", loss, Units::probability);
        double reorderRate = parse("--reorder", reorder, Units::probability);
        Duration roundTrip = parse("--rtt", rtt, Units::duration);
        PrintWriter out = spec.commandLine().getOut();
        LinkConfig link = LinkConfig.builder()
                .delayNanos(roundTrip.toNanos() / 2)
                .lossRate(lossRate)
                .reorder(reorderRate, Duration.ofMillis(5))
                .build();
        out.printf(Locale.ROOT, "rudp demo: %s through a proxy with %.1f%% loss each way, %d ms RTT, %.1f%% reordering%n",
                Formats.bytes(bytes), 100 * lossRate, roundTrip.toMillis(), 100 * reorderRate);
        out.flush();

        InetAddress loopback = InetAddress.getLoopbackAddress();
        // The proxy stands in for an Internet path, so both ends use Internet-sized datagrams even
        // though they talk over loopback (where they would otherwise send 65,507-byte ones).
        RudpConfig config = TraceOption.apply(RudpConfig.builder()
                .loopbackDatagramBytes(RudpConfig.MIN_DATAGRAM_BYTES).build(), traceDir);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ReliableServer server = new ReliableServer(new InetSocketAddress(loopback, 0), config);
             ImpairmentProxy proxy = ImpairmentProxy.start(new InetSocketAddress(loopback, 0),
                     server.localAddress(), link, link, seed)) {
            server.listen();
            AtomicLong received = new AtomicLong();
            Future<String> serverDigest = pool.submit(() -> receiveAll(server, received));
            long start = System.nanoTime();
            String sentDigest;
            ConnectionStats stats;
            ProgressBarListener progress = ProgressBarListener.forConsole(spec.commandLine().getErr(), "sending");
            progress.started("demo payload", bytes, proxy.localAddress());
            boolean completed = false;
            try (ReliableSocket client = new ReliableSocket(proxy.localAddress(), config)) {
                client.connect();
                sentDigest = sendAll(client, bytes, received, progress);
                String digest = serverDigest.get(1, TimeUnit.HOURS);
                progress.progressed(received.get());
                completed = true;
                progress.finished(true);
                stats = client.stats();
                report(out, bytes, System.nanoTime() - start, stats, proxy.stats(), sentDigest, digest);
                if (traceDir != null) {
                    out.println("traces of both sides written to " + traceDir + " (draw one with `rudp plot FILE`)");
                    out.flush();
                }
                return sentDigest.equals(digest) ? 0 : RudpCli.EXIT_FAILED;
            } finally {
                if (!completed) {
                    progress.finished(false);
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static <T> T parse(String option, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new RudpCli.UsageException(option + ": " + e.getMessage());
        }
    }

    private static String receiveAll(ReliableServer server, AtomicLong received) throws Exception {
        ClientConnection c = server.accept(Duration.ofSeconds(30));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = c.receive(buf, 0, buf.length)) >= 0) {
            sha.update(buf, 0, n);
            received.addAndGet(n);
        }
        c.close();
        return HexFormat.of().formatHex(sha.digest());
    }

    private String sendAll(ReliableSocket client, long bytes, AtomicLong received, ProgressBarListener progress)
            throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        SplittableRandom content = new SplittableRandom(seed);
        byte[] chunk = new byte[64 * 1024];
        for (long sent = 0; sent < bytes; ) {
            int n = (int) Math.min(chunk.length, bytes - sent);
            content.nextBytes(chunk);
            client.send(chunk, 0, n);
            sha.update(chunk, 0, n);
            sent += n;
            progress.progressed(received.get()); // progress is what the server has, not what was queued
        }
        client.shutdownOutput();
        client.close();
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void report(PrintWriter out, long bytes, long elapsedNanos, ConnectionStats s,
                               ProxyStats proxy, String sent, String received) {
        double seconds = elapsedNanos / 1e9;
        DirectionStats up = proxy.up();
        DirectionStats down = proxy.down();
        out.println();
        out.printf(Locale.ROOT, "| %-22s | %s |%n", "result", "value");
        out.printf(Locale.ROOT, "|%s|%s|%n", "-".repeat(24), "-".repeat(7));
        out.printf(Locale.ROOT, "| %-22s | %s |%n", "transferred",  Formats.bytes(bytes) + " in "
                + String.format(Locale.ROOT, "%.2f s", seconds) + " (connect to verified close)");
        // The progress bar counts in MiB/s; the same rate in Mbit/s (10^6 bits) is the network's unit.
        out.printf(Locale.ROOT, "| %-22s | %.2f MiB/s = %.2f Mbit/s |%n", "goodput", bytes / seconds / (1 << 20),
                bytes * 8 / seconds / 1e6);
        out.printf(Locale.ROOT, "| %-22s | %.1f ms (min %.1f ms) |%n", "RTT (smoothed)", s.smoothedRttNanos() / 1e6, s.minRttNanos() / 1e6);
        out.printf(Locale.ROOT, "| %-22s | %d of %d packets |%n", "retransmitted", s.retransmittedPackets(), s.packetsSent());
        out.printf(Locale.ROOT, "| %-22s | %d lost, %d reordered of %d datagrams |%n", "impairments seen",
                up.lost() + up.burstLost() + down.lost() + down.burstLost(), up.reordered() + down.reordered(), up.received() + down.received());
        out.printf(Locale.ROOT, "| %-22s | %s |%n", "integrity (SHA-256)",
                sent.equals(received) ? "verified " + sent.substring(0, 16) + "..." : "MISMATCH: sent " + sent + ", received " + received);
        out.flush();
    }
}
