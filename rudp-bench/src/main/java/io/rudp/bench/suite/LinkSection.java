package io.rudp.bench.suite;

import io.rudp.bench.link.GoodputResult;
import io.rudp.bench.link.LinkParams;
import io.rudp.bench.link.ProxyGoodput;
import io.rudp.bench.report.Charts;
import io.rudp.bench.report.ReportTable;
import io.rudp.bench.report.Stats;
import io.rudp.bench.report.TargetCheck;
import io.rudp.core.CongestionControl;
import io.rudp.core.EngineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section {@code link}: bulk goodput of one connection through the impairment proxy at
 * 100 Mbit/s, for every RTT x loss x congestion controller, next to the ideal
 * {@code (1 - loss) x capacity} (the measurements are {@link ProxyGoodput}'s).
 */
public final class LinkSection implements Section {

    /** The section's name on the command line. */
    public static final String NAME = "link";

    /** The targets for the default controller: RTT ms, loss, minimum steady Mbit/s. */
    private static final double[][] TARGETS = {{20, 0, 92}, {20, 0.01, 90}, {20, 0.05, 85}, {100, 0.01, 85}};

    private final int[] rttsMillis;
    private final double[] lossRates;
    private final List<CongestionControl> controllers;
    private final Duration runDuration;
    private final long seed;

    /**
     * @param rttsMillis the round-trip times to emulate
     * @param lossRates the random loss rates (each way), as fractions
     * @param controllers the congestion controllers to compare
     * @param runDuration how long the sender writes in each run
     * @param seed the proxy's seed (each repetition adds its number)
     */
    public LinkSection(int[] rttsMillis, double[] lossRates, List<CongestionControl> controllers,
            Duration runDuration, long seed) {
        this.rttsMillis = rttsMillis.clone();
        this.lossRates = lossRates.clone();
        this.controllers = List.copyOf(controllers);
        this.runDuration = runDuration;
        this.seed = seed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SectionResult run(BenchContext context) throws Exception {
        ReportTable table = new ReportTable("Goodput through the proxy, 100 Mbit/s each way, median (min-max) of "
                + context.reps() + " run" + (context.reps() == 1 ? "" : "s"),
                "controller", "RTT", "loss", "steady goodput (Mbit/s)", "of ideal", "whole run (Mbit/s)",
                "ideal (Mbit/s)", "retransmitted packets", "CPU s");
        List<TargetCheck> targets = new ArrayList<>();
        List<Path> charts = new ArrayList<>();
        CongestionControl defaultController = EngineConfig.defaults().congestionControl();
        for (int rtt : rttsMillis) {
            Map<String, Charts.XySeries> byController = new LinkedHashMap<>();
            for (CongestionControl cc : controllers) {
                double[] steadyByLoss = new double[lossRates.length];
                for (int l = 0; l < lossRates.length; l++) {
                    LinkParams link = LinkParams.of(rtt, lossRates[l]);
                    double[] steady = new double[context.reps()];
                    double[] whole = new double[context.reps()];
                    double[] retransmitted = new double[context.reps()];
                    double[] cpu = new double[context.reps()];
                    for (int rep = 0; rep < context.reps(); rep++) {
                        GoodputResult r = ProxyGoodput.run(cc, link, runDuration, seed + rep);
                        steady[rep] = r.steadyMbps();
                        whole[rep] = r.wholeRunMbps();
                        retransmitted[rep] = r.retransmittedPackets();
                        cpu[rep] = r.cpuSeconds();
                        context.progress("link: %s, %d ms, %s loss, rep %d/%d: %.1f Mbit/s steady, %.1f whole run",
                                cc, rtt, lossText(lossRates[l]), rep + 1, context.reps(), r.steadyMbps(), r.wholeRunMbps());
                    }
                    double median = Stats.median(steady);
                    steadyByLoss[l] = median;
                    table.addRow(cc.name(), rtt + " ms", lossText(lossRates[l]), Cell.medianRange(steady, 1),
                            Cell.percent(median / link.idealMbps()), Cell.medianRange(whole, 1),
                            Cell.number(link.idealMbps(), 1), Cell.number(Stats.median(retransmitted), 0),
                            Cell.number(Stats.median(cpu), 1));
                    if (cc == defaultController) {
                        addTarget(targets, rtt, lossRates[l], median);
                    }
                }
                byController.put(cc.name(), new Charts.XySeries(percentages(lossRates), steadyByLoss));
            }
            if (lossRates.length > 1) {
                charts.add(Charts.goodputAgainstLoss(context.outDir().resolve("link-goodput-" + rtt + "ms.png"),
                        String.format(Locale.ROOT, "Goodput through the proxy: 100 Mbit/s, %d ms RTT", rtt),
                        LinkParams.DEFAULT_RATE_BITS_PER_SECOND / 1e6, byController));
            }
        }
        String setup = String.format(Locale.ROOT,
                "One rudp connection (ReliableServer and ReliableSocket on 127.0.0.1, default settings but the controller"
                + " and Internet-sized 1,200-byte datagrams) through `rudp proxy`'s engine: 100 Mbit/s each way, a"
                + " drop-tail queue of one bandwidth-delay product (at least 64 KiB), half the RTT of delay each way,"
                + " random loss both ways. The sender writes for %d s; \"steady\" is the goodput read by the receiver"
                + " after a warm-up of max(1 s, 20 RTT) (the figure the targets use), \"whole run\" counts from the end"
                + " of the handshake. Ideal = (1 - loss) x 100 Mbit/s. CPU: the process (both ends), the proxy's"
                + " thread excluded.", runDuration.toSeconds());
        return new SectionResult(NAME, "Goodput through the impairment proxy", List.of(setup), List.of(table),
                targets, charts);
    }

    private static void addTarget(List<TargetCheck> targets, int rttMillis, double loss, double steadyMbps) {
        for (double[] t : TARGETS) {
            if (t[0] == rttMillis && t[1] == loss) {
                targets.add(new TargetCheck(String.format(Locale.ROOT, "link, default controller, %d ms RTT, %s loss",
                        rttMillis, lossText(loss)), Cell.number(steadyMbps, 1) + " Mbit/s", "-",
                        ">= " + Cell.number(t[2], 0) + " Mbit/s", steadyMbps >= t[2]));
            }
        }
    }

    private static double[] percentages(double[] fractions) {
        double[] p = new double[fractions.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = fractions[i] * 100;
        }
        return p;
    }

    static String lossText(double fraction) {
        double percent = fraction * 100;
        return percent == Math.rint(percent) ? String.format(Locale.ROOT, "%.0f%%", percent)
                : String.format(Locale.ROOT, "%s%%", Double.toString(Math.round(percent * 1000) / 1000.0));
    }
}
