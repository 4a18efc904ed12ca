package io.rudp.cli;

import io.rudp.cli.RudpCli.UsageException;
import io.rudp.cli.proxy.ImpairmentProxy;
import io.rudp.cli.proxy.ImpairmentText;
import io.rudp.cli.proxy.LinkSharing;
import io.rudp.cli.proxy.PcapWriter;
import io.rudp.cli.proxy.ProxyLimits;
import io.rudp.cli.proxy.ProxyStats;
import io.rudp.cli.proxy.Units;
import io.rudp.cli.proxy.UpDown;
import io.rudp.cli.support.InterruptOnShutdown;
import io.rudp.testkit.LinkConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rudp proxy}: a UDP relay that impairs traffic (loss, delay, reordering...) between
 * clients and one target, for trying rudp, or any UDP program, on a bad network.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true, sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Relay UDP between clients and a target, impairing it on the way.",
            "Each client address gets its own upstream port, so the target sees one peer per client. "
                    + "UP is client -> target, DOWN is target -> client; options marked [UP/DOWN] take one "
                    + "value for both directions or two separated by a slash (--loss 1%%/5%%).",
            "Runs until Ctrl-C (or --duration), then prints its counters."},
        footer = {"", "Examples:",
            "  rudp proxy --listen 9000 --target 127.0.0.1:9001 --loss 2%% --delay 20ms",
            "  rudp proxy --listen 9000 --target server:7000 --loss 1%%/5%% \\",
            "      --delay 40ms/10ms --jitter 5ms --rate 10mbit",
            "", "Exit codes: 0 stopped normally (Ctrl-C, SIGTERM or --duration), 1 failed (listening port in use...), 2 bad usage."})
public final class ProxyCommand implements Callable<Integer> {

    /** How long a shutdown hook (Ctrl-C) waits for the counters to be printed. */
    private static final long SUMMARY_WAIT_MILLIS = 3_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", required = true, paramLabel = "PORT",
            description = "UDP port to listen on for clients (0 picks a free one, shown at start).")
    String listen;

    @Option(names = "--target", required = true, paramLabel = "HOST:PORT",
            description = "Where to relay datagrams ([ADDRESS]:PORT for IPv6).")
    String target;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, all IPv4 interfaces; :: for IPv6).")
    String bind;

    @Option(names = "--loss", paramLabel = "P[/P]",
            description = "[UP/DOWN] Random loss: each datagram lost with this probability (2%% or 0.02).")
    String loss;

    @Option(names = "--burst-loss", paramLabel = "P[/P]",
            description = "[UP/DOWN] Loss in bursts (Gilbert-Elliott): long-run fraction lost, in runs of "
                    + "--burst-length datagrams on average.")
    String burstLoss;

    @Option(names = "--burst-length", paramLabel = "N", defaultValue = "3",
            description = "Mean length of a loss burst, in datagrams (default: ${DEFAULT-VALUE}).")
    String burstLength;

    @Option(names = "--delay", paramLabel = "T[/T]",
            description = "[UP/DOWN] One-way delay per direction (40ms, 1s); the round trip adds both: "
                    + "--delay 20ms gives 40ms RTT.")
    String delay;

    @Option(names = "--jitter", paramLabel = "T[/T]",
            description = "[UP/DOWN] Each datagram's delay varies uniformly by up to this, either way "
                    + "(never below 0); jitter can reorder.")
    String jitter;

    @Option(names = "--reorder", paramLabel = "P[/P]",
            description = "[UP/DOWN] Probability that a datagram is held back by --reorder-delay, so later "
                    + "ones overtake it.")
    String reorder;

    @Option(names = "--reorder-delay", paramLabel = "T", defaultValue = "10ms",
            description = "Extra delay of a reordered datagram (default: ${DEFAULT-VALUE}).")
    String reorderDelay;

    @Option(names = "--duplicate", paramLabel = "P[/P]",
            description = "[UP/DOWN] Probability that a datagram arrives twice.")
    String duplicate;

    @Option(names = "--corrupt", paramLabel = "P[/P]",
            description = "[UP/DOWN] Probability that a datagram gets one random bit flipped.")
    String corrupt;

    @Option(names = "--rate", paramLabel = "R[/R]",
            description = "[UP/DOWN] Bandwidth limit per client and direction (100mbit, 1.5Mb/s, 10MB/s, "
                    + "10MiB/s); datagrams queue behind it.")
    String rate;

    @Option(names = "--queue", paramLabel = "SIZE[/SIZE]",
            description = "[UP/DOWN] Drop-tail queue of --rate (64KiB, 100KB, 1500); beyond it datagrams "
                    + "are dropped (default: 50 ms at the rate, at least 16KiB).")
    String queue;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of every random decision, to replay a run (default: random, printed at start).")
    String seed;

    @Option(names = "--idle-expiry", paramLabel = "T", defaultValue = "60s",
            description = "Forget a client (close its upstream port) after this long without traffic "
                    + "(default: ${DEFAULT-VALUE}).")
    String idleExpiry;

    @Option(names = "--max-clients", paramLabel = "N", defaultValue = "1024",
            description = "Most clients at once; datagrams of further new clients are dropped "
                    + "(default: ${DEFAULT-VALUE}).")
    String maxClients;

    @Option(names = "--max-pending", paramLabel = "SIZE", defaultValue = "64MiB",
            description = "Most bytes waiting for their delivery time; beyond it datagrams are dropped "
                    + "(default: ${DEFAULT-VALUE}).")
    String maxPending;

    @Option(names = "--shared",
            description = "All clients share one link per direction (one --rate limit and one --queue), "
                    + "as flows crossing one bottleneck; by default each client gets its own.")
    boolean shared;

    @Option(names = "--duration", paramLabel = "T",
            description = "Stop after this long (default: run until Ctrl-C).")
    String duration;

    @Option(names = "--pcap", paramLabel = "FILE",
            description = "Write every delivered datagram into FILE (pcap, raw IP), as client and target see it; "
                    + "Wireshark decodes rudp with tools/wireshark/rudp.lua.")
    Path pcap;

    @Option(names = "--pcap-max", paramLabel = "SIZE", defaultValue = "1GiB",
            description = "Largest --pcap file; later datagrams are counted, not written (default: ${DEFAULT-VALUE}).")
    String pcapMax;

    @Override
    public Integer call() throws IOException {
        InetSocketAddress targetAddress = parse("--target", target, HostPort::parse);
        InetSocketAddress listenAddress = new InetSocketAddress(bindAddress(), port());
        UpDown<LinkConfig> links = links();
        long seedValue = seed == null ? ThreadLocalRandom.current().nextLong()
                : parse("--seed", seed, Long::parseLong);
        ProxyLimits limits = limits();
        Duration runFor = duration == null ? null : positive("--duration", duration);

        long pcapMaxBytes = parse("--pcap-max", pcapMax, Units::bytes);
        PcapWriter capture = pcap == null ? null : openCapture(pcapMaxBytes);
        ImpairmentProxy proxy;
        try {
            proxy = ImpairmentProxy.start(listenAddress, targetAddress, links.up(), links.down(),
                    seedValue, limits, shared ? LinkSharing.SHARED : LinkSharing.PER_CLIENT, capture);
        } catch (BindException e) {
            closeQuietly(capture);
            throw new BindException(e.getMessage() + " (choose another --listen port or --bind "
                    + "address, or stop the program using it)");
        } catch (IllegalArgumentException e) {
            closeQuietly(capture);
            throw new UsageException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            closeQuietly(capture);
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("rudp proxy: listening on " + format(proxy.localAddress()) + ", relaying to "
                + format(targetAddress) + "; up: " + ImpairmentText.describe(links.up())
                + "; down: " + ImpairmentText.describe(links.down())
                + (shared ? "; one link shared by all clients" : "") + "; seed " + seedValue
                + "; " + (runFor == null ? "Ctrl-C stops" : "stops after " + duration));
        out.flush();
        return runUntilStopped(proxy, runFor, out, capture);
    }

    private PcapWriter openCapture(long maxBytes) throws IOException {
        try {
            return PcapWriter.create(pcap, maxBytes);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--pcap-max: " + e.getMessage());
        } catch (IOException e) {
            throw new IOException("cannot write the --pcap file " + pcap + ": " + RudpCli.describe(e), e);
        }
    }

    private static void closeQuietly(PcapWriter capture) {
        if (capture != null) {
            try {
                capture.close();
            } catch (IOException e) {
                // the proxy did not start: the file holds only its header
            }
        }
    }

    /** Waits for the duration, Ctrl-C or an interrupt; always prints the counters. */
    private int runUntilStopped(ImpairmentProxy proxy, Duration runFor, PrintWriter out, PcapWriter capture)
            throws IOException {
        long started = System.nanoTime();
        CountDownLatch summaryPrinted = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            proxy.close();
            try {
                if (summaryPrinted.await(SUMMARY_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    // Ctrl-C is how a proxy is meant to stop: a success, not 130
                    InterruptOnShutdown.exitSuccessfully();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rudp-proxy-shutdown");
        boolean hooked = changeHook(hook, true);
        boolean interrupted = false;
        try {
            if (runFor == null) {
                proxy.awaitTermination();
            } else {
                proxy.awaitTermination(runFor);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            proxy.close();
            ProxyStats stats = proxy.stats();
            out.printf(Locale.ROOT, "rudp proxy: stopped after %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
            out.println(stats.describe());
            if (capture != null) { // the relay thread has ended: its counts are final
                out.println("rudp proxy: " + capture.writtenDatagrams() + " datagrams written to " + capture.file()
                        + (capture.skippedDatagrams() == 0 ? "" : ", " + capture.skippedDatagrams() + " not written ("
                        + (capture.failure() != null ? "the write failed: " + RudpCli.describe(capture.failure())
                        : "over --pcap-max") + ")"));
            }
            out.flush();
            summaryPrinted.countDown();
            if (hooked) {
                changeHook(hook, false);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable failure = proxy.failure();
        if (failure != null) {
            throw new IOException("the relay stopped: " + RudpCli.describe(failure), failure);
        }
        return 0;
    }

    private UpDown<LinkConfig> links() {
        UpDown<Double> lossP = pair("--loss", loss, Units::probability, 0.0);
        UpDown<Double> burstP = pair("--burst-loss", burstLoss, Units::probability, 0.0);
        UpDown<Duration> delayT = pair("--delay", delay, Units::duration, Duration.ZERO);
        UpDown<Duration> jitterT = pair("--jitter", jitter, Units::duration, Duration.ZERO);
        UpDown<Double> reorderP = pair("--reorder", reorder, Units::probability, 0.0);
        UpDown<Double> duplicateP = pair("--duplicate", duplicate, Units::probability, 0.0);
        UpDown<Double> corruptP = pair("--corrupt", corrupt, Units::probability, 0.0);
        UpDown<Long> rateBits = pair("--rate", rate, Units::bitsPerSecond, 0L);
        UpDown<Long> queueBytes = pair("--queue", queue, Units::bytes, -1L);
        Duration holdBack = parse("--reorder-delay", reorderDelay, Units::duration);
        double burstDatagrams = parse("--burst-length", burstLength, Double::parseDouble);
        if (!(burstDatagrams >= 1 && burstDatagrams <= 1e6)) {
            throw new UsageException("--burst-length: '" + burstLength + "' must be a number of datagrams"
                    + " from 1 to 1000000");
        }
        if (queue != null && rate == null) {
            throw new UsageException("--queue needs --rate (the queue is the rate limit's)");
        }
        LinkConfig[] configs = new LinkConfig[2];
        for (int i = 0; i < 2; i++) {
            boolean up = i == 0;
            String direction = up ? "up" : "down";
            LinkConfig.Builder b = LinkConfig.builder();
            try {
                b.lossRate(pick(lossP, up)).delay(pick(delayT, up)).jitter(pick(jitterT, up))
                        .duplicateRate(pick(duplicateP, up)).corruptRate(pick(corruptP, up));
                if (pick(reorderP, up) > 0) {
                    b.reorder(pick(reorderP, up), holdBack);
                }
                burst(b, pick(burstP, up), burstDatagrams, direction);
                long bits = pick(rateBits, up);
                if (bits > 0) {
                    long q = pick(queueBytes, up);
                    b.bandwidth(bits, (int) Math.min(Integer.MAX_VALUE,
                            q >= 0 ? q : Math.max(16 * 1024, bits / 8 / 20)));
                }
                configs[i] = b.build();
            } catch (IllegalArgumentException e) {
                throw new UsageException("invalid " + direction + " impairment: " + e.getMessage());
            }
        }
        return new UpDown<>(configs[0], configs[1]);
    }

    /** Gilbert-Elliott with loss 1 while bad: leave = 1/length, enter from the long-run rate. */
    private void burst(LinkConfig.Builder b, double rateP, double length, String direction) {
        if (rateP == 0) {
            return;
        }
        double leave = 1 / length;
        double enter = leave * rateP / (1 - rateP);
        if (rateP >= 1 || enter > 1) {
            double most = 1 / (1 + leave);
            throw new UsageException("--burst-loss " + ImpairmentText.percent(rateP) + " (" + direction
                    + ") with bursts of " + burstLength + " datagrams is impossible: at most "
                    + ImpairmentText.percent(most) + "; raise --burst-length or use --loss");
        }
        b.burstLoss(enter, leave, 1.0);
    }

    private ProxyLimits limits() {
        int clients = parse("--max-clients", maxClients, Integer::parseInt);
        long pending = parse("--max-pending", maxPending, Units::bytes);
        Duration expiry = positive("--idle-expiry", idleExpiry);
        try {
            return new ProxyLimits(clients, expiry, pending);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private int port() {
        int port = parse("--listen", listen, Integer::parseInt);
        if (port < 0 || port > 65_535) {
            throw new UsageException("--listen: port " + port + " is not in 0..65535");
        }
        return port;
    }

    private InetAddress bindAddress() {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new UsageException("--bind: cannot resolve '" + bind + "'");
        }
    }

    private Duration positive(String option, String text) {
        Duration d = parse(option, text, Units::duration);
        if (d.isZero()) {
            throw new UsageException(option + ": '" + text + "' must be longer than zero");
        }
        return d;
    }

    private static <T> T pick(UpDown<T> pair, boolean up) {
        return up ? pair.up() : pair.down();
    }

    private static <T> UpDown<T> pair(String option, String text, Function<String, T> parser,
            T absent) {
        if (text == null) {
            return UpDown.both(absent);
        }
        return parse(option, text, t -> Units.pair(t, parser));
    }

    /** Applies {@code parser}; any failure becomes one usage line naming the option. */
    private static <T> T parse(String option, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": '" + text + "' is not a number");
        } catch (CommandLine.TypeConversionException | IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    private static boolean changeHook(Thread hook, boolean add) {
        try {
            if (add) {
                Runtime.getRuntime().addShutdownHook(hook);
            } else {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            return true;
        } catch (IllegalStateException e) {
            return false; // the JVM is already shutting down: the hook runs or is not needed
        }
    }

    private static String format(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
