package io.rudp.bench.suite;

import io.rudp.bench.report.Stats;
import java.util.Locale;

/** Formatting of repeated measurements for report cells. */
final class Cell {

    private Cell() {
    }

    /** The median with {@code decimals} decimals, and "(min-max)" after it when there are several values. */
    static String medianRange(double[] values, int decimals) {
        String f = "%,." + decimals + "f";
        String median = String.format(Locale.ROOT, f, Stats.median(values));
        if (values.length < 2) {
            return median;
        }
        return median + " (" + String.format(Locale.ROOT, f, Stats.min(values)) + "-"
                + String.format(Locale.ROOT, f, Stats.max(values)) + ")";
    }

    /** {@code value} with {@code decimals} decimals. */
    static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** {@code fraction} as a whole percentage. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
