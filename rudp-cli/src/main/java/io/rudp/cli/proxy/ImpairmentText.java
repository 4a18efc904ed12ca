package io.rudp.cli.proxy;

import io.rudp.testkit.LinkConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Describes a {@link LinkConfig} for people, in the units the command line accepts. */
public final class ImpairmentText {

    private ImpairmentText() {
    }

    /**
     * For example {@code "loss 1%, delay 20ms ± 5ms, rate 10 Mbit/s (queue 64000 B)"}, or
     * {@code "none"} for a perfect link.
     */
    public static String describe(LinkConfig c) {
        List<String> parts = new ArrayList<>();
        if (c.lossRate() > 0) {
            parts.add("loss " + percent(c.lossRate()));
        }
        if (c.burstLossRateWhileBad() > 0 && c.burstEnterBadProbability() > 0) {
            double enter = c.burstEnterBadProbability();
            double leave = c.burstLeaveBadProbability();
            double rate = leave == 0 ? c.burstLossRateWhileBad()
                    : enter / (enter + leave) * c.burstLossRateWhileBad();
            parts.add("burst loss " + percent(rate) + (leave == 0 ? " (permanent once bad)"
                    : " (mean burst " + number(1 / leave) + " datagrams)"));
        }
        if (c.delayNanos() > 0 || c.jitterNanos() > 0) {
            parts.add("delay " + duration(c.delayNanos())
                    + (c.jitterNanos() > 0 ? " ± " + duration(c.jitterNanos()) : ""));
        }
        if (c.reorderProbability() > 0) {
            parts.add("reorder " + percent(c.reorderProbability()) + " by "
                    + duration(c.reorderExtraDelayNanos()));
        }
        if (c.duplicateRate() > 0) {
            parts.add("duplicate " + percent(c.duplicateRate()));
        }
        if (c.corruptRate() > 0) {
            parts.add("corrupt " + percent(c.corruptRate()));
        }
        if (c.bandwidthBitsPerSecond() > 0) {
            parts.add("rate " + rate(c.bandwidthBitsPerSecond()) + " (queue "
                    + c.queueLimitBytes() + " B)");
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** A probability as a percentage: {@code 0.015} as {@code "1.5%"}. */
    public static String percent(double probability) {
        return number(probability * 100) + "%";
    }

    /** Nanoseconds in the largest unit that keeps the value readable: {@code "40ms"}. */
    static String duration(long nanos) {
        if (nanos == 0) {
            return "0";
        }
        if (nanos >= 1_000_000_000L) {
            return number(nanos / 1e9) + "s";
        }
        if (nanos >= 1_000_000L) {
            return number(nanos / 1e6) + "ms";
        }
        if (nanos >= 1_000L) {
            return number(nanos / 1e3) + "us";
        }
        return nanos + "ns";
    }

    /** Bits per second in decimal units: {@code "100 Mbit/s"}. */
    static String rate(long bitsPerSecond) {
        String[] units = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"};
        double value = bitsPerSecond;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return number(value) + " " + units[unit];
    }

    /** Up to 4 significant digits, without trailing zeros. */
    private static String number(double value) {
        String s = String.format(Locale.ROOT, "%.4g", value);
        return new BigDecimal(s).stripTrailingZeros().toPlainString();
    }
}
