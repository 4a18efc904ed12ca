package io.rudp.bench.suite;

import io.rudp.bench.report.Charts;
import io.rudp.bench.report.ReportTable;
import io.rudp.bench.report.Stats;
import io.rudp.bench.report.TargetCheck;
import io.rudp.RudpConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section {@code loopback}: bulk goodput over 127.0.0.1 of one connection and of parallel ones,
 * for rudp pinned to the Internet-safe datagram size (1,200 bytes), pinned to 64 KiB datagrams
 * (65,507 bytes) and with its default settings (which on loopback use large datagrams:
 * {@link RudpConfig#loopbackDatagramBytes()}), next to TCP and next to a raw-UDP blast of the same
 * datagram sizes; with the process's CPU time per GiB and its peak heap. Sender and receiver run
 * in this JVM.
 */
public final class LoopbackSection implements Section {

    /** The section's name. */
    public static final String NAME = "loopback";
    /** The largest UDP payload over IPv4: 65,535 - 20 (IP) - 8 (UDP). */
    static final int JUMBO_DATAGRAM_BYTES = 65_507;
    private static final long MIB = 1L << 20;
    private static final double GIB = 1L << 30;
    private static final long WARM_UP_MAX_BYTES = 64 * MIB;
    /** The row of rudp with {@code RudpConfig.defaults()}, whatever datagram size that gives on loopback. */
    static final String DEFAULT_SETTINGS_LABEL = "rudp, default settings (loopback: large datagrams)";

    private final long payloadBytes;
    private final int parallelConnections;

    /**
     * @param payloadBytes bytes moved per repetition of each scenario (split over the connections)
     * @param parallelConnections the connection count of the parallel scenarios (at least 2)
     */
    public LoopbackSection(long payloadBytes, int parallelConnections) {
        if (payloadBytes < MIB) {
            throw new IllegalArgumentException("the loopback payload must be at least 1 MiB, got " + payloadBytes + " bytes");
        }
        if (parallelConnections < 2) {
            throw new IllegalArgumentException("parallel connections must be at least 2, got " + parallelConnections);
        }
        this.payloadBytes = payloadBytes;
        this.parallelConnections = parallelConnections;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** One transport at one datagram size. */
    private record Transport(String label, BulkTransfer transfer) {
    }

    /** One scenario's repetitions. */
    private record Runs(Transport transport, int connections, List<double[]> measures) {
        double[] column(int index) {
            return measures.stream().mapToDouble(m -> m[index]).toArray();
        }
    }

    private static final int GBPS = 0;
    private static final int CPU_PER_GIB = 1;
    private static final int HEAP_MIB = 2;
    private static final int DELIVERED = 3;

    @Override
    public SectionResult run(BenchContext context) throws Exception {
        RudpConfig defaults = RudpConfig.defaults();
        // The datagram size rows pin the size (loopback peers get loopbackDatagramBytes, not maxDatagramBytes).
        int small = RudpConfig.MIN_DATAGRAM_BYTES;
        RudpConfig pinnedSmall = defaults.toBuilder().loopbackDatagramBytes(small).build();
        RudpConfig jumbo = defaults.toBuilder().loopbackDatagramBytes(JUMBO_DATAGRAM_BYTES).build();
        List<Transport> transports = List.of(
                new Transport(String.format(Locale.ROOT, "rudp, %,d-byte datagrams", small), new RudpBulk(pinnedSmall)),
                new Transport(String.format(Locale.ROOT, "rudp, %,d-byte datagrams", JUMBO_DATAGRAM_BYTES), new RudpBulk(jumbo)),
                new Transport("TCP (java.net.Socket)", new TcpBulk()),
                new Transport(String.format(Locale.ROOT, "raw UDP, %,d-byte datagrams", small), new UdpBlast(small)),
                new Transport(String.format(Locale.ROOT, "raw UDP, %,d-byte datagrams", JUMBO_DATAGRAM_BYTES), new UdpBlast(JUMBO_DATAGRAM_BYTES)),
                new Transport(DEFAULT_SETTINGS_LABEL, new RudpBulk(defaults)));
        long warmUpBytes = Math.min(payloadBytes, WARM_UP_MAX_BYTES);
        for (Transport t : transports) {
            context.progress("loopback: warm-up, %s, %d MiB", t.label(), warmUpBytes / MIB);
            t.transfer().run(warmUpBytes, 1);
        }
        List<Runs> scenarios = new ArrayList<>();
        for (int connections : new int[] {1, parallelConnections}) {
            for (Transport t : transports) {
                scenarios.add(new Runs(t, connections, new ArrayList<>()));
            }
        }
        ResourceMeter meter = new ResourceMeter();
        for (int rep = 1; rep <= context.reps(); rep++) {
            for (Runs s : scenarios) {
                meter.start();
                BulkTransfer.Delivery d = s.transport().transfer().run(payloadBytes, s.connections());
                ResourceMeter.Usage u = meter.stop();
                double[] m = {
                    d.goodputGbps(),
                    u.cpuNanos() / 1e9 / Math.max(1, d.bytesReceived()) * GIB,
                    u.peakHeapBytes() / (double) MIB,
                    d.bytesReceived() / (double) d.bytesSent(),
                };
                s.measures().add(m);
                context.progress("loopback: rep %d/%d, %s, %d connection%s: %.2f Gbit/s, %.2f CPU s/GiB, %.0f MiB peak heap%s",
                        rep, context.reps(), s.transport().label(), s.connections(), s.connections() == 1 ? "" : "s",
                        m[GBPS], m[CPU_PER_GIB], m[HEAP_MIB],
                        m[DELIVERED] < 1 ? String.format(Locale.ROOT, ", %.1f%% delivered", m[DELIVERED] * 100) : "");
            }
        }
        return summarize(context, transports, scenarios, defaults, warmUpBytes);
    }

    private SectionResult summarize(BenchContext context, List<Transport> transports, List<Runs> scenarios,
            RudpConfig defaults, long warmUpBytes) throws Exception {
        ReportTable table = new ReportTable("", "scenario", "connections", "goodput (Gbit/s)",
                "CPU s per GiB (both ends)", "peak heap (MiB)", "delivered");
        for (Runs s : scenarios) {
            table.addRow(s.transport().label(), Integer.toString(s.connections()),
                    Cell.medianRange(s.column(GBPS), 2), Cell.medianRange(s.column(CPU_PER_GIB), 2),
                    Cell.medianRange(s.column(HEAP_MIB), 0), Cell.percent(Stats.median(s.column(DELIVERED))));
        }
        Runs rudpSmall = find(scenarios, transports.get(0), 1);
        Runs rudpJumbo = find(scenarios, transports.get(1), 1);
        Runs tcp = find(scenarios, transports.get(2), 1);
        Runs udpSmall = find(scenarios, transports.get(3), 1);
        Runs rudpDefault = find(scenarios, transports.get(5), 1);
        double rudpDefaultGbps = Stats.median(rudpDefault.column(GBPS));
        double rudpSmallGbps = Stats.median(rudpSmall.column(GBPS));
        double udpSmallGbps = Stats.median(udpSmall.column(GBPS));
        double rudpJumboGbps = Stats.median(rudpJumbo.column(GBPS));
        double tcpCpu = Stats.median(tcp.column(CPU_PER_GIB));
        double rudpSmallCpu = Stats.median(rudpSmall.column(CPU_PER_GIB));
        double rudpJumboCpu = Stats.median(rudpJumbo.column(CPU_PER_GIB));
        List<TargetCheck> targets = List.of(
                new TargetCheck(rudpSmall.transport().label() + ", 1 connection, against raw UDP of the same size",
                        gbps(rudpSmallGbps), gbps(udpSmallGbps), Cell.percent(rudpSmallGbps / udpSmallGbps) + " (target >= 50%)",
                        rudpSmallGbps >= 0.5 * udpSmallGbps),
                new TargetCheck(rudpSmall.transport().label() + ", 1 connection", gbps(rudpSmallGbps), "-",
                        "target >= 1 Gbit/s", rudpSmallGbps >= 1.0),
                new TargetCheck(rudpJumbo.transport().label() + ", 1 connection", gbps(rudpJumboGbps), "-",
                        "target >= 4 Gbit/s", rudpJumboGbps >= 4.0),
                // The defaults use 65,507-byte datagrams on loopback, so the 64 KiB target applies.
                new TargetCheck(rudpDefault.transport().label() + ", 1 connection", gbps(rudpDefaultGbps), "-",
                        "target >= 4 Gbit/s", rudpDefaultGbps >= 4.0),
                new TargetCheck("CPU per GiB, " + rudpSmall.transport().label() + ", 1 connection, against TCP",
                        cpu(rudpSmallCpu), cpu(tcpCpu), Cell.number(rudpSmallCpu / tcpCpu, 1) + "x (target <= 3x)",
                        rudpSmallCpu <= 3 * tcpCpu),
                new TargetCheck("CPU per GiB, " + rudpJumbo.transport().label() + ", 1 connection, against TCP",
                        cpu(rudpJumboCpu), cpu(tcpCpu), Cell.number(rudpJumboCpu / tcpCpu, 1) + "x (target <= 3x)",
                        rudpJumboCpu <= 3 * tcpCpu));
        List<String> categories = List.of("1 connection", parallelConnections + " connections");
        Map<String, double[]> bars = new LinkedHashMap<>();
        for (Transport t : transports) {
            bars.put(t.label(), new double[] {
                Stats.median(find(scenarios, t, 1).column(GBPS)),
                Stats.median(find(scenarios, t, parallelConnections).column(GBPS)),
            });
        }
        Path chart = Charts.bars(context.outDir().resolve("loopback-goodput.png"),
                String.format(Locale.ROOT, "Loopback goodput, %,d MiB per run, median of %d", payloadBytes / MIB, context.reps()),
                "goodput (Gbit/s)", categories, bars);
        String setup = String.format(Locale.ROOT,
                "Bulk transfer one way over 127.0.0.1, sender and receiver in this JVM; %,d MiB per run, split evenly over the"
                + " connections (%d in the parallel rows); after a warm-up of %,d MiB per transport; %d repetition%s, medians"
                + " with (min-max). rudp runs its default configuration (`RudpConfig.defaults()`: %s controller, %,d-byte"
                + " send and receive buffers); the rows that name a datagram size set `loopbackDatagramBytes` to it (the"
                + " ceiling for loopback peers, default 65,507; `maxDatagramBytes` applies to other peers), the \"default"
                + " settings\" row changes nothing. TCP is `java.net.Socket` with default options."
                + " Raw UDP: a `DatagramChannel` sending datagrams of that size as fast as it can to one that counts what"
                + " arrives (no retransmission: \"delivered\" is the share that arrived); its goodput is bytes received"
                + " over the time to the last datagram, the socket's own ceiling. CPU is the process's CPU time (both"
                + " ends, JIT and GC included) per GiB received; peak heap is the sum of the heap pools' peaks, reset"
                + " after a GC before each run.",
                payloadBytes / MIB, parallelConnections, warmUpBytes / MIB, context.reps(), context.reps() == 1 ? "" : "s",
                defaults.congestionControl(), defaults.sendBufferBytes());
        return new SectionResult(NAME, "Loopback goodput", List.of(setup), List.of(table), targets, List.of(chart));
    }

    private static Runs find(List<Runs> scenarios, Transport transport, int connections) {
        for (Runs s : scenarios) {
            if (s.transport() == transport && s.connections() == connections) {
                return s;
            }
        }
        throw new IllegalStateException("no scenario " + transport.label() + " x " + connections);
    }

    private static String gbps(double value) {
        return Cell.number(value, 2) + " Gbit/s";
    }

    private static String cpu(double secondsPerGiB) {
        return Cell.number(secondsPerGiB, 2) + " s/GiB";
    }
}
