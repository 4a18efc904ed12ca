package io.rudp.bench.link;

import io.rudp.core.CongestionControl;
import io.rudp.core.EngineConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The link benchmarks from the command line, printing Markdown tables (medians of the
 * repetitions):
 *
 * <pre>
 * java -cp rudp-bench.jar io.rudp.bench.link.LinkBenchmark [--rtt 0,20,100]
 *     [--loss 0,0.1,1,2,5,10] [--cc BBR,CUBIC,NEW_RENO] [--seconds 10] [--reps 1] [--seed 1]
 *     [--fairness] [--fairness-seconds 30] [--latency] [--pings 1000] [--ping-connections 4]
 *     [--blast]
 *     [--buffer-bytes N] [--ack-delay-ms T]
 * </pre>
 *
 * Loss rates are in percent. Without {@code --fairness}, {@code --latency} or {@code --blast} it
 * runs the goodput matrix; with any of them it runs only those (add {@code --goodput} for the
 * matrix too). {@code --buffer-bytes} and {@code --ack-delay-ms} override those defaults for the
 * goodput runs (to compare settings).
 */
public final class LinkBenchmark {

    private LinkBenchmark() {
    }

    /** Parsed command line. */
    record Options(int[] rttsMillis, double[] lossPercents, List<CongestionControl> controllers,
            int seconds, int reps, long seed, boolean goodput, boolean fairness,
            int fairnessSeconds, boolean latency, int pings, int pingConnections, boolean blast,
            int bufferBytes, double ackDelayMillis) {

        /** The defaults with the controller and any overridden setting. */
        EngineConfig config(CongestionControl cc) {
            EngineConfig.Builder b = EngineConfig.defaults().toBuilder().congestionControl(cc);
            if (bufferBytes > 0) {
                b.sendBufferBytes(bufferBytes).receiveBufferBytes(bufferBytes);
            }
            if (ackDelayMillis >= 0) {
                b.ackDelay(Duration.ofNanos((long) (ackDelayMillis * 1e6)));
            }
            return b.build();
        }
    }

    /** Runs what the arguments ask for; exit code 2 with one line on bad arguments. */
    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LinkBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        if (o.blast()) {
            out.println(ProxyBlast.describe(ProxyBlast.run(LinkParams.of(20, 0),
                    Duration.ofSeconds(Math.min(o.seconds(), 10)))));
        }
        if (o.goodput()) {
            goodputTable(o, out);
        }
        if (o.fairness()) {
            fairnessTable(o, out);
        }
        if (o.latency()) {
            latencyTable(o, out);
        }
    }

    private static void goodputTable(Options o, PrintStream out) throws Exception {
        out.println("| controller | RTT | loss | goodput (steady) | of ideal | whole run | ideal"
                + " | retransmitted packets | queue drops | receiver/sender packets | CPU s |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (int rtt : o.rttsMillis()) {
            for (double loss : o.lossPercents()) {
                for (CongestionControl cc : o.controllers()) {
                    LinkParams link = LinkParams.of(rtt, loss / 100);
                    List<GoodputResult> runs = new ArrayList<>();
                    for (int r = 0; r < o.reps(); r++) {
                        runs.add(ProxyGoodput.run(o.config(cc), link,
                                Duration.ofSeconds(o.seconds()), o.seed() + r));
                    }
                    runs.sort(Comparator.comparingDouble(GoodputResult::steadyMbps));
                    GoodputResult m = runs.get(runs.size() / 2);
                    out.printf(Locale.ROOT, "| %s | %d ms | %s%% | %.1f Mbit/s | %.0f%% | %.1f Mbit/s"
                            + " | %.1f Mbit/s | %d | %d | %.2f | %.2f |%n", cc, rtt, percent(loss),
                            m.steadyMbps(), 100 * m.ofIdeal(), m.wholeRunMbps(), m.idealMbps(),
                            m.retransmittedPackets(), m.proxyQueueDrops(), m.ackRatio(),
                            m.cpuSeconds());
                    out.flush();
                }
            }
        }
    }

    private static void fairnessTable(Options o, PrintStream out) throws Exception {
        out.println("| controller | RTT | loss | first | second | Jain (whole run) | Jain (second half)"
                + " | lowest per-second Jain (second half) |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (int rtt : o.rttsMillis()) {
            for (double loss : o.lossPercents()) {
                for (CongestionControl cc : o.controllers()) {
                    LinkParams link = LinkParams.of(rtt, loss / 100);
                    List<FairnessResult> runs = new ArrayList<>();
                    for (int r = 0; r < o.reps(); r++) {
                        runs.add(ProxyFairness.run(cc, link,
                                Duration.ofSeconds(o.fairnessSeconds()), o.seed() + r));
                    }
                    runs.sort(Comparator.comparingDouble(FairnessResult::jainWholeRun));
                    FairnessResult m = runs.get(runs.size() / 2);
                    out.printf(Locale.ROOT, "| %s | %d ms | %s%% | %.1f Mbit/s | %.1f Mbit/s | %.3f"
                            + " | %.3f | %.3f |%n", cc, rtt, percent(loss), m.firstMbps(),
                            m.secondMbps(), m.jainWholeRun(), m.jainSecondHalf(),
                            m.lowestJainPerSecondSecondHalf());
                    out.println("  per second (Mbit/s): " + m.perSecondText());
                    out.flush();
                }
            }
        }
    }

    private static void latencyTable(Options o, PrintStream out) throws Exception {
        out.println("| controller | RTT | loss | pings | p50 | p99 | p99.9 | max |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (int rtt : o.rttsMillis()) {
            for (double loss : o.lossPercents()) {
                for (CongestionControl cc : o.controllers()) {
                    LatencyResult m = ProxyPingPong.run(cc, LinkParams.of(rtt, loss / 100),
                            o.pings(), o.pingConnections(), o.seed());
                    out.printf(Locale.ROOT, "| %s | %d ms | %s%% | %d | %.1f ms | %.1f ms"
                            + " | %.1f ms | %.1f ms |%n", cc, rtt, percent(loss), m.count(),
                            m.p50Millis(), m.p99Millis(), m.p999Millis(), m.maxMillis());
                    out.flush();
                }
            }
        }
    }

    static String percent(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    static Options parse(String[] args) {
        int[] rtts = {0, 20, 100};
        double[] losses = {0, 0.1, 1, 2, 5, 10};
        List<CongestionControl> ccs = List.of(CongestionControl.BBR, CongestionControl.CUBIC,
                CongestionControl.NEW_RENO);
        int seconds = 10;
        int reps = 1;
        long seed = 1;
        boolean goodput = false;
        boolean fairness = false;
        int fairnessSeconds = 30;
        boolean latency = false;
        int pings = 1000;
        int pingConnections = ProxyPingPong.DEFAULT_CONNECTIONS;
        boolean blast = false;
        int bufferBytes = 0;
        double ackDelayMillis = -1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--goodput" -> goodput = true;
                case "--fairness" -> fairness = true;
                case "--latency" -> latency = true;
                case "--blast" -> blast = true;
                case "--rtt" -> rtts = Arrays.stream(value(args, ++i, a).split(","))
                        .mapToInt(s -> (int) number(s, a, 0, 10_000)).toArray();
                case "--loss" -> losses = Arrays.stream(value(args, ++i, a).split(","))
                        .mapToDouble(s -> number(s, a, 0, 99.9)).toArray();
                case "--cc" -> {
                    List<CongestionControl> list = new ArrayList<>();
                    for (String s : value(args, ++i, a).split(",")) {
                        try {
                            list.add(CongestionControl.valueOf(s.trim().toUpperCase(Locale.ROOT)));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("--cc " + s + ": not one of "
                                    + Arrays.toString(CongestionControl.values()));
                        }
                    }
                    ccs = list;
                }
                case "--seconds" -> seconds = (int) number(value(args, ++i, a), a, 1, 3600);
                case "--fairness-seconds" -> fairnessSeconds =
                        (int) number(value(args, ++i, a), a, 2, 3600);
                case "--reps" -> reps = (int) number(value(args, ++i, a), a, 1, 100);
                case "--pings" -> pings = (int) number(value(args, ++i, a), a, 1, 1_000_000);
                case "--ping-connections" -> pingConnections =
                        (int) number(value(args, ++i, a), a, 1, 64);
                case "--buffer-bytes" -> bufferBytes =
                        (int) number(value(args, ++i, a), a, 4096, 1 << 30);
                case "--ack-delay-ms" -> ackDelayMillis = number(value(args, ++i, a), a, 0, 1000);
                case "--seed" -> seed = (long) number(value(args, ++i, a), a, 0, 1e15);
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (see the class comment of io.rudp.bench.link.LinkBenchmark)");
            }
        }
        if (!fairness && !latency && !blast) {
            goodput = true;
        }
        return new Options(rtts, losses, ccs, seconds, reps, seed, goodput, fairness,
                fairnessSeconds, latency, pings, pingConnections, blast, bufferBytes,
                ackDelayMillis);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static double number(String s, String option, double min, double max) {
        double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " " + s + ": not a number");
        }
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(option + " " + s + ": not in " + min + ".." + max);
        }
        return v;
    }
}
