package io.rudp.core.congestion;

import java.util.Arrays;

/**
 * The largest value seen over the last N rounds (BBR's bottleneck bandwidth filter): one slot per
 * round in a ring of N, so an update and a read cost O(N) with N fixed and small, whatever the
 * window of packets.
 *
 * <p>The window ends at the newest round that brought a value, not at the current round: a
 * stretch of rounds without usable samples (all application-limited, say) keeps the estimate
 * instead of forgetting it. Not thread-safe.
 */
final class WindowedMaxFilter {

    private static final long NONE = Long.MIN_VALUE;

    private final int windowRounds;
    private final long[] values;
    private final long[] rounds;
    private long newestRound = NONE;
    private long best;

    /**
     * @param windowRounds how many consecutive rounds a value stays in the window; positive
     */
    WindowedMaxFilter(int windowRounds) {
        if (windowRounds <= 0) {
            throw new IllegalArgumentException("windowRounds must be positive: " + windowRounds);
        }
        this.windowRounds = windowRounds;
        this.values = new long[windowRounds];
        this.rounds = new long[windowRounds];
        Arrays.fill(rounds, NONE);
    }

    /** Takes {@code value} as a sample of round {@code round} (rounds never go backwards). */
    void update(long value, long round) {
        if (newestRound != NONE && round < newestRound) {
            return;
        }
        int slot = (int) Math.floorMod(round, (long) windowRounds);
        if (rounds[slot] != round) {
            rounds[slot] = round;
            values[slot] = value;
        } else if (value > values[slot]) {
            values[slot] = value;
        }
        newestRound = round;
        best = 0;
        for (int i = 0; i < windowRounds; i++) {
            if (rounds[i] != NONE && round - rounds[i] < windowRounds && values[i] > best) {
                best = values[i];
            }
        }
    }

    /** The largest value over the window; 0 before any update. */
    long best() {
        return best;
    }

    /** Forgets every value. */
    void reset() {
        Arrays.fill(rounds, NONE);
        newestRound = NONE;
        best = 0;
    }
}
