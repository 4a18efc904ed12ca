package io.rudp.cli.plot;

import java.util.Arrays;

/** A growable list of (x, y) points of doubles, without boxing; for traces of millions of events. */
final class Series {

    private double[] xs = new double[256];
    private double[] ys = new double[256];
    private int size;

    void add(double x, double y) {
        if (size == xs.length) {
            xs = Arrays.copyOf(xs, size * 2);
            ys = Arrays.copyOf(ys, size * 2);
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    double x(int i) {
        return xs[i];
    }

    double y(int i) {
        return ys[i];
    }

    /** The x values, a copy of exactly {@link #size()} entries. */
    double[] xs() {
        return Arrays.copyOf(xs, size);
    }

    /** The y values, a copy of exactly {@link #size()} entries. */
    double[] ys() {
        return Arrays.copyOf(ys, size);
    }

    /** The same values as steps: each y holds until the next point's x, where the line jumps. */
    Series stepped() {
        Series out = new Series();
        for (int i = 0; i < size; i++) {
            if (i > 0 && xs[i] != xs[i - 1]) {
                out.add(xs[i], ys[i - 1]);
            }
            out.add(xs[i], ys[i]);
        }
        return out;
    }

    /**
     * At most about {@code 2 * buckets} points that draw like these: for each of {@code buckets}
     * equal slices of the x range, its smallest and largest y, in x order. Returns this series if
     * it is small enough already.
     */
    Series decimated(int buckets) {
        if (size <= 2 * buckets || buckets < 1) {
            return this;
        }
        double minX = xs[0];
        double span = Math.max(xs[size - 1] - minX, Double.MIN_NORMAL);
        Series out = new Series();
        int i = 0;
        while (i < size) {
            int bucket = (int) Math.min(buckets - 1, (long) ((xs[i] - minX) / span * buckets));
            int low = i;
            int high = i;
            int j = i + 1;
            while (j < size && (int) Math.min(buckets - 1, (long) ((xs[j] - minX) / span * buckets)) == bucket) {
                if (ys[j] < ys[low]) {
                    low = j;
                }
                if (ys[j] > ys[high]) {
                    high = j;
                }
                j++;
            }
            int first = Math.min(low, high);
            int second = Math.max(low, high);
            out.add(xs[first], ys[first]);
            if (second != first) {
                out.add(xs[second], ys[second]);
            }
            i = j;
        }
        return out;
    }
}
