package io.rudp.bench.suite;

import io.rudp.bench.link.FairnessResult;
import io.rudp.bench.link.LinkParams;
import io.rudp.bench.link.ProxyFairness;
import io.rudp.bench.report.Charts;
import io.rudp.bench.report.ReportTable;
import io.rudp.bench.report.Stats;
import io.rudp.bench.report.TargetCheck;
import io.rudp.core.CongestionControl;
import io.rudp.core.EngineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section {@code fairness}: two connections of the default controller started together through
 * one shared 100 Mbit/s bottleneck of the impairment proxy; Jain's index of their goodputs over
 * the whole run (the measurements are {@link ProxyFairness}'s).
 */
public final class FairnessSection implements Section {

    /** The section's name on the command line. */
    public static final String NAME = "fairness";

    /** The target for Jain's index over the run. */
    static final double JAIN_TARGET = 0.95;

    private final int[] rttsMillis;
    private final double[] lossRates;
    private final Duration runDuration;
    private final long seed;

    /**
     * @param rttsMillis the round-trip times to emulate
     * @param lossRates the random loss rates (each way), as fractions
     * @param runDuration how long both flows send
     * @param seed the proxy's seed (each repetition adds its number)
     */
    public FairnessSection(int[] rttsMillis, double[] lossRates, Duration runDuration, long seed) {
        this.rttsMillis = rttsMillis.clone();
        this.lossRates = lossRates.clone();
        this.runDuration = runDuration;
        this.seed = seed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SectionResult run(BenchContext context) throws Exception {
        CongestionControl cc = EngineConfig.defaults().congestionControl();
        ReportTable table = new ReportTable("Two " + cc + " flows sharing the proxy's 100 Mbit/s bottleneck for "
                + runDuration.toSeconds() + " s; the run with the median Jain's index of " + context.reps(),
                "RTT", "loss", "first flow (Mbit/s)", "second flow (Mbit/s)", "Jain (whole run)",
                "Jain (second half)", "lowest per-second Jain (second half)", "Jain of each run");
        List<TargetCheck> targets = new ArrayList<>();
        Map<String, Charts.XySeries> perSecond = new LinkedHashMap<>();
        for (int rtt : rttsMillis) {
            for (double loss : lossRates) {
                LinkParams link = LinkParams.of(rtt, loss);
                List<FairnessResult> runs = new ArrayList<>();
                for (int rep = 0; rep < context.reps(); rep++) {
                    FairnessResult r = ProxyFairness.run(cc, link, runDuration, seed + rep);
                    runs.add(r);
                    context.progress("fairness: %d ms, %s loss, rep %d/%d: %.1f and %.1f Mbit/s, Jain %.3f",
                            rtt, LinkSection.lossText(loss), rep + 1, context.reps(), r.firstMbps(), r.secondMbps(),
                            r.jainWholeRun());
                }
                double[] jains = runs.stream().mapToDouble(FairnessResult::jainWholeRun).toArray();
                runs.sort(Comparator.comparingDouble(FairnessResult::jainWholeRun));
                FairnessResult m = runs.get(runs.size() / 2);
                table.addRow(rtt + " ms", LinkSection.lossText(loss), Cell.number(m.firstMbps(), 1),
                        Cell.number(m.secondMbps(), 1), Cell.number(m.jainWholeRun(), 3),
                        Cell.number(m.jainSecondHalf(), 3), Cell.number(m.lowestJainPerSecondSecondHalf(), 3),
                        Cell.medianRange(jains, 3));
                double median = Stats.median(jains);
                targets.add(new TargetCheck(String.format(Locale.ROOT, "fairness, two %s flows, %d ms RTT, %s loss",
                        cc, rtt, LinkSection.lossText(loss)), "Jain " + Cell.number(median, 3), "-",
                        ">= " + JAIN_TARGET, median >= JAIN_TARGET));
                String label = String.format(Locale.ROOT, "%d ms, %s loss", rtt, LinkSection.lossText(loss));
                perSecond.put(label + ": first", series(m.firstPerSecondMbps()));
                perSecond.put(label + ": second", series(m.secondPerSecondMbps()));
            }
        }
        Path chart = Charts.lines(context.outDir().resolve("fairness.png"),
                "Two flows sharing a 100 Mbit/s bottleneck (median run of each scenario)", "second of the run",
                "goodput (Mbit/s)", perSecond);
        String setup = String.format(Locale.ROOT,
                "Two rudp connections (default settings, Internet-sized 1,200-byte datagrams) started together from two"
                + " client sockets through one proxy whose clients share one engine per direction (`rudp proxy"
                + " --shared`): 100 Mbit/s, a drop-tail queue of one bandwidth-delay product (at least 64 KiB), half the"
                + " RTT of delay each way, random loss both ways. Goodput of each flow per second for %d s; Jain's index"
                + " (x1 + x2)^2 / (2 (x1^2 + x2^2)) of their mean goodputs over the whole run is the figure the target"
                + " uses.", runDuration.toSeconds());
        return new SectionResult(NAME, "Fairness: two flows sharing the proxy's bottleneck", List.of(setup),
                List.of(table), targets, List.of(chart));
    }

    private static Charts.XySeries series(double[] perSecondMbps) {
        double[] seconds = new double[perSecondMbps.length];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = i + 1;
        }
        return new Charts.XySeries(seconds, perSecondMbps);
    }
}
