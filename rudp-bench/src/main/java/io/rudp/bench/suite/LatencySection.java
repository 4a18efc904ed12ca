package io.rudp.bench.suite;

import io.rudp.bench.report.Charts;
import io.rudp.bench.report.ReportTable;
import io.rudp.bench.report.Stats;
import io.rudp.bench.report.TargetCheck;
import io.rudp.cli.proxy.ImpairmentProxy;
import io.rudp.RudpConfig;
import io.rudp.testkit.LinkConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Section {@code latency}: ping-pong of 64-byte messages (send, wait for the echo, send the next)
 * with an HdrHistogram of the round-trip times, for rudp and for raw UDP, on loopback and at
 * 20 ms RTT through an {@link ImpairmentProxy} (10 ms each way) with 0%, 1% and 5% loss each way.
 */
public final class LatencySection implements Section {

    /** The section's name. */
    public static final String NAME = "latency";
    /** One-way delay of the proxy: 20 ms round trips. */
    static final Duration ONE_WAY_DELAY = Duration.ofMillis(10);
    /** Round trips before the recorded ones at 20 ms (handshake done, RTT estimate settled). */
    static final int WAN_WARM_UP_ROUND_TRIPS = 10;
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final int loopbackSamples;
    private final int loopbackWarmUp;
    private final int wanSamples;
    private final long seed;

    /**
     * @param loopbackSamples round trips recorded per loopback run
     * @param loopbackWarmUp round trips before them, not recorded
     * @param wanSamples round trips recorded per run at 20 ms RTT
     * @param seed the proxy's seed (each scenario and repetition derives its own from it)
     */
    public LatencySection(int loopbackSamples, int loopbackWarmUp, int wanSamples, long seed) {
        if (loopbackSamples < 1 || wanSamples < 1 || loopbackWarmUp < 0) {
            throw new IllegalArgumentException("sample counts must be positive (and the warm-up not negative), got "
                    + loopbackSamples + ", " + wanSamples + ", " + loopbackWarmUp);
        }
        this.loopbackSamples = loopbackSamples;
        this.loopbackWarmUp = loopbackWarmUp;
        this.wanSamples = wanSamples;
        this.seed = seed;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** One scenario and its repetitions' histograms. */
    private record Scenario(String label, PingPong transport, double lossRate, boolean throughProxy,
            List<Histogram> runs, List<Long> resends) {
        Scenario(String label, PingPong transport, double lossRate, boolean throughProxy) {
            this(label, transport, lossRate, throughProxy, new ArrayList<>(), new ArrayList<>());
        }

        Histogram merged() {
            Histogram all = newHistogram();
            runs.forEach(all::add);
            return all;
        }

        double[] percentileMillis(double percentile) {
            return runs.stream().mapToDouble(h -> h.getValueAtPercentile(percentile) / 1e6).toArray();
        }

        double[] maxMillis() {
            return runs.stream().mapToDouble(h -> h.getMaxValue() / 1e6).toArray();
        }
    }

    @Override
    public SectionResult run(BenchContext context) throws Exception {
        RudpConfig config = RudpConfig.defaults();
        PingPong rudp = new RudpPingPong(config);
        PingPong udp = new UdpPingPong();
        List<Scenario> scenarios = List.of(
                new Scenario("rudp, loopback", rudp, 0, false),
                new Scenario("raw UDP, loopback", udp, 0, false),
                new Scenario("raw UDP, 20 ms RTT, 0% loss", udp, 0, true),
                new Scenario("rudp, 20 ms RTT, 0% loss", rudp, 0, true),
                new Scenario("rudp, 20 ms RTT, 1% loss", rudp, 0.01, true),
                new Scenario("rudp, 20 ms RTT, 5% loss", rudp, 0.05, true));
        for (int rep = 1; rep <= context.reps(); rep++) {
            for (int i = 0; i < scenarios.size(); i++) {
                Scenario s = scenarios.get(i);
                long startNanos = System.nanoTime();
                Run run = measure(s, seed + 1000L * rep + i);
                Histogram h = run.histogram();
                s.runs().add(h);
                s.resends().add(run.resends());
                context.progress("latency: rep %d/%d, %s: %,d round trips, p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms (%.1f s)%s",
                        rep, context.reps(), s.label(), h.getTotalCount(), h.getValueAtPercentile(50) / 1e6,
                        h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6,
                        (System.nanoTime() - startNanos) / 1e9,
                        run.resends() > 0 ? String.format(Locale.ROOT, "; %d datagrams resent after 1 s without an echo", run.resends()) : "");
            }
        }
        return summarize(context, scenarios, config);
    }

    /** One run's round-trip times (nanoseconds) and the client's own resends. */
    private record Run(Histogram histogram, long resends) {
    }

    /** One run of {@code s}. */
    private Run measure(Scenario s, long proxySeed) throws Exception {
        int warmUp = s.throughProxy() ? WAN_WARM_UP_ROUND_TRIPS : loopbackWarmUp;
        int samples = s.throughProxy() ? wanSamples : loopbackSamples;
        LinkConfig link = LinkConfig.builder().delay(ONE_WAY_DELAY).lossRate(s.lossRate()).build();
        Histogram h = newHistogram();
        long resends;
        PingPong.EchoServer server = s.transport().startServer();
        ImpairmentProxy proxy = null;
        try {
            if (s.throughProxy()) {
                proxy = ImpairmentProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        server.address(), link, link, proxySeed);
            }
            try (PingPong.Client client = s.transport().connect(proxy != null ? proxy.localAddress() : server.address())) {
                for (int i = 0; i < warmUp; i++) {
                    client.roundTripNanos();
                }
                long resendsBefore = client.resends();
                for (int i = 0; i < samples; i++) {
                    h.recordValue(Math.min(HIGHEST_TRACKABLE_NANOS, client.roundTripNanos()));
                }
                resends = client.resends() - resendsBefore;
            }
        } finally {
            try {
                server.close(); // before the proxy: the last acknowledgements of the close cross it
            } finally {
                if (proxy != null) {
                    proxy.close();
                }
            }
        }
        return new Run(h, resends);
    }

    private static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
    }

    private SectionResult summarize(BenchContext context, List<Scenario> scenarios, RudpConfig config)
            throws Exception {
        ReportTable table = new ReportTable("", "scenario", "round trips per run", "p50 (ms)", "p99 (ms)",
                "p99.9 (ms)", "max (ms)", "client resends");
        for (Scenario s : scenarios) {
            boolean rawUdp = s.transport() instanceof UdpPingPong;
            table.addRow(s.label(), String.format(Locale.ROOT, "%,d", s.runs().get(0).getTotalCount()),
                    Cell.medianRange(s.percentileMillis(50), 3), Cell.medianRange(s.percentileMillis(99), 3),
                    Cell.medianRange(s.percentileMillis(99.9), 3), Cell.medianRange(s.maxMillis(), 3),
                    rawUdp ? String.format(Locale.ROOT, "%,d", s.resends().stream().mapToLong(Long::longValue).sum()) : "-");
        }
        double rudpP50 = Stats.median(scenarios.get(0).percentileMillis(50));
        double udpP50 = Stats.median(scenarios.get(1).percentileMillis(50));
        Scenario lossy = scenarios.get(5);
        double lossyP99 = Stats.median(lossy.percentileMillis(99));
        double lossyP999 = Stats.median(lossy.percentileMillis(99.9));
        List<TargetCheck> targets = List.of(
                new TargetCheck("p50, rudp against raw UDP, loopback", ms(rudpP50), ms(udpP50),
                        Cell.number(rudpP50 / udpP50, 2) + "x (target <= 2x)", rudpP50 <= 2 * udpP50),
                new TargetCheck("p99, " + lossy.label(), ms(lossyP99), "-", "target <= 60 ms (3 RTT)", lossyP99 <= 60),
                new TargetCheck("p99.9, " + lossy.label(), ms(lossyP999), "-", "target <= 100 ms (5 RTT)",
                        lossyP999 <= 100));
        Map<String, Histogram> loopback = new LinkedHashMap<>();
        Map<String, Histogram> wan = new LinkedHashMap<>();
        for (Scenario s : scenarios) {
            (s.throughProxy() ? wan : loopback).put(s.label(), s.merged());
        }
        String runs = context.reps() == 1 ? "one run" : "all " + context.reps() + " runs";
        List<Path> charts = List.of(
                Charts.percentiles(context.outDir().resolve("latency-loopback.png"),
                        "Ping-pong round trips of 64-byte messages on loopback (" + runs + ")", loopback),
                Charts.percentiles(context.outDir().resolve("latency-20ms.png"),
                        "Ping-pong round trips of 64-byte messages at 20 ms RTT through the proxy (" + runs + ")", wan));
        String setup = String.format(Locale.ROOT,
                "Ping-pong: the client sends a 64-byte message and waits for its echo before sending the next; the"
                + " round-trip times go into an HdrHistogram (3 significant digits). Loopback: %,d round trips per run"
                + " after %,d unrecorded ones. 20 ms RTT: through the impairment proxy (`ImpairmentProxy`, %d ms each"
                + " way, the given loss in each direction, no rate limit), %,d round trips per run after %d unrecorded"
                + " ones (at that count p99.9 is the second-largest sample). %d repetition%s, medians with (min-max);"
                + " the charts merge the runs. rudp runs its default configuration (`RudpConfig.defaults()`: ACK delay"
                + " %d ms, minimum RTO %d ms, %s). Raw UDP is a blocking `DatagramChannel` echo; its client sends"
                + " the same message again after %d s without its echo (counted in \"client resends\", all runs; the"
                + " round trip counts from the first send).",
                loopbackSamples, loopbackWarmUp, ONE_WAY_DELAY.toMillis(), wanSamples, WAN_WARM_UP_ROUND_TRIPS,
                context.reps(), context.reps() == 1 ? "" : "s", config.ackDelay().toMillis(), config.minRto().toMillis(),
                config.congestionControl(), 1);
        return new SectionResult(NAME, "Ping-pong latency", List.of(setup), List.of(table), targets, charts);
    }

    private static String ms(double millis) {
        return Cell.number(millis, 3) + " ms";
    }
}
