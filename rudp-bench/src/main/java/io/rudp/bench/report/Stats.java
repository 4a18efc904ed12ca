package io.rudp.bench.report;

import java.util.Arrays;

/** Summaries of repeated measurements: median, minimum, maximum, and Jain's fairness index. */
public final class Stats {

    private Stats() {
    }

    /**
     * The median of {@code values}: the middle value of an odd count, the mean of the two middle
     * values of an even count.
     *
     * @throws IllegalArgumentException if {@code values} is empty
     */
    public static double median(double... values) {
        requireNonEmpty(values);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The smallest of {@code values}; throws {@link IllegalArgumentException} if empty. */
    public static double min(double... values) {
        requireNonEmpty(values);
        return Arrays.stream(values).min().getAsDouble();
    }

    /** The largest of {@code values}; throws {@link IllegalArgumentException} if empty. */
    public static double max(double... values) {
        requireNonEmpty(values);
        return Arrays.stream(values).max().getAsDouble();
    }

    /**
     * Jain's fairness index {@code (sum x)^2 / (n * sum x^2)} of the shares {@code x}: 1 when all
     * are equal, {@code 1/n} when one takes everything. 0 when every share is 0.
     *
     * @throws IllegalArgumentException if {@code shares} is empty or holds a negative value
     */
    public static double jainIndex(double... shares) {
        requireNonEmpty(shares);
        double sum = 0;
        double squares = 0;
        for (double x : shares) {
            if (x < 0 || Double.isNaN(x)) {
                throw new IllegalArgumentException("a share must be a non-negative number, got " + x);
            }
            sum += x;
            squares += x * x;
        }
        return squares == 0 ? 0 : sum * sum / (shares.length * squares);
    }

    private static void requireNonEmpty(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarize");
        }
    }
}
