package io.rudp.bench.link;

/** Jain's fairness index: {@code (sum x)^2 / (n * sum x^2)}, 1 for equal shares, 1/n at worst. */
public final class Jain {

    private Jain() {
    }

    /** The index of {@code shares} (all zero counts as fair: 1). */
    public static double index(double... shares) {
        double sum = 0;
        double squares = 0;
        for (double x : shares) {
            sum += x;
            squares += x * x;
        }
        return squares == 0 ? 1 : sum * sum / (shares.length * squares);
    }
}
