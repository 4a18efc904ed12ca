package io.rudp.bench.link;

import io.rudp.core.CongestionControl;
import java.util.Locale;

/**
 * What one {@link ProxyFairness} run measured: two flows through one shared bottleneck.
 *
 * @param controller the controller of both flows
 * @param link the shared path
 * @param firstPerSecondMbps the first flow's goodput in each second of the run
 * @param secondPerSecondMbps the second flow's goodput in each second
 */
public record FairnessResult(CongestionControl controller, LinkParams link,
        double[] firstPerSecondMbps, double[] secondPerSecondMbps) {

    /** The first flow's mean goodput over the run. */
    public double firstMbps() {
        return mean(firstPerSecondMbps, 0);
    }

    /** The second flow's mean goodput over the run. */
    public double secondMbps() {
        return mean(secondPerSecondMbps, 0);
    }

    /** Jain's index of the two flows' goodputs over the whole run (the figure). */
    public double jainWholeRun() {
        return Jain.index(firstMbps(), secondMbps());
    }

    /** Jain's index over the second half of the run (after convergence). */
    public double jainSecondHalf() {
        int from = firstPerSecondMbps.length / 2;
        return Jain.index(mean(firstPerSecondMbps, from), mean(secondPerSecondMbps, from));
    }

    /** The lowest Jain's index of any single second in the second half. */
    public double lowestJainPerSecondSecondHalf() {
        double lowest = 1;
        for (int i = firstPerSecondMbps.length / 2; i < firstPerSecondMbps.length; i++) {
            lowest = Math.min(lowest, Jain.index(firstPerSecondMbps[i], secondPerSecondMbps[i]));
        }
        return lowest;
    }

    /** "a/b" per second, for a table's footnote. */
    public String perSecondText() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < firstPerSecondMbps.length; i++) {
            b.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.0f/%.0f",
                    firstPerSecondMbps[i], secondPerSecondMbps[i]));
        }
        return b.toString();
    }

    private static double mean(double[] values, int from) {
        if (values.length - from <= 0) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < values.length; i++) {
            sum += values[i];
        }
        return sum / (values.length - from);
    }
}
