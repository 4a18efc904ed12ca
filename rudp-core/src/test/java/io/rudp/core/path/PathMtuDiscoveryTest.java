package io.rudp.core.path;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The search, the give-up rule, the raise timer and black-hole fallback of {@link PathMtuDiscovery}. */
class PathMtuDiscoveryTest {

    private static final long MS = 1_000_000;

    /** Drives discovery against a path that carries datagrams up to {@code pathMaxBytes}; returns the probe sizes sent. */
    private static int runSearch(PathMtuDiscovery d, int pathMaxBytes, long[] clock, long[] nextPn) {
        int probes = 0;
        for (int step = 0; step < 1000; step++) {
            int size = d.probeBytesDue(clock[0]);
            if (size == 0) {
                return probes;
            }
            long pn = nextPn[0]++;
            d.onProbeSent(pn);
            probes++;
            assertThat(d.probeBytesDue(clock[0])).as("one probe in flight at a time").isZero();
            clock[0] += 10 * MS;
            if (size <= pathMaxBytes) {
                d.onPacketAcked(pn, size, clock[0]);
            } else {
                d.onPacketLost(pn, size, clock[0]);
            }
        }
        throw new AssertionError("the search did not end: " + d);
    }

    @Test
    void aPathThatCarriesTheCeilingNeedsOneProbe() {
        PathMtuDiscovery d = new PathMtuDiscovery(8972);
        assertThat(d.currentBytes()).isEqualTo(PathMtuDiscovery.BASE_PLPMTU_BYTES);

        int probes = runSearch(d, 9000, new long[] {0}, new long[] {100});

        assertThat(probes).isEqualTo(1);
        assertThat(d.currentBytes()).isEqualTo(8972);
        assertThat(d.isSearching()).isFalse();
        assertThat(d.raiseDeadlineNanos()).as("nothing above the ceiling to look for").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anEthernetPathEndsAtTheEthernetSizeAfterGivingUpOnJumboSizes() {
        PathMtuDiscovery d = new PathMtuDiscovery(8972);

        runSearch(d, 1472, new long[] {0}, new long[] {100});

        assertThat(d.currentBytes()).isEqualTo(1472);
        assertThat(d.isSearching()).isFalse();
    }

    @Test
    void anyPathLimitEndsWithinTheResolutionBelowIt() {
        for (int limit : new int[] {1200, 1300, 1452, 1500, 2345, 4000, 8000, 8952, 8971}) {
            PathMtuDiscovery d = new PathMtuDiscovery(8972);
            runSearch(d, limit, new long[] {0}, new long[] {1});
            assertThat(d.currentBytes()).as("limit %d: %s", limit, d).isLessThanOrEqualTo(limit)
                    .isGreaterThanOrEqualTo(Math.max(1200, limit - PathMtuDiscovery.SEARCH_RESOLUTION_BYTES));
        }
    }

    @Test
    void aSizeIsGivenUpOnlyAfterMaxProbesLosses() {
        PathMtuDiscovery d = new PathMtuDiscovery(8972);
        for (int i = 0; i < PathMtuDiscovery.MAX_PROBES - 1; i++) {
            assertThat(d.probeBytesDue(0)).isEqualTo(8972);
            d.onProbeSent(i);
            d.onPacketLost(i, 8972, 0);
        }
        assertThat(d.probeBytesDue(0)).as("still trying the ceiling").isEqualTo(8972);
        d.onProbeSent(10);
        d.onPacketLost(10, 8972, 0);
        assertThat(d.probeBytesDue(0)).as("the ceiling given up").isEqualTo(8952);
        assertThat(d.currentBytes()).isEqualTo(1200);
    }

    @Test
    void theSearchStartsAgainAfterTheRaiseInterval() {
        PathMtuDiscovery d = new PathMtuDiscovery(8972);
        long[] clock = {0};
        long[] pn = {1};
        runSearch(d, 1472, clock, pn);
        long deadline = d.raiseDeadlineNanos();
        assertThat(deadline - clock[0]).isEqualTo(PathMtuDiscovery.RAISE_INTERVAL_NANOS);
        assertThat(d.probeBytesDue(deadline - 1)).isZero();

        assertThat(d.probeBytesDue(deadline)).as("from the ceiling again").isEqualTo(8972);
        clock[0] = deadline;
        runSearch(d, 9000, clock, pn); // the path got better
        assertThat(d.currentBytes()).isEqualTo(8972);
    }

    @Test
    void consecutiveLossesOfLargePacketsFallBackToTheBase() {
        PathMtuDiscovery d = new PathMtuDiscovery(8972);
        runSearch(d, 9000, new long[] {0}, new long[] {1});
        assertThat(d.currentBytes()).isEqualTo(8972);
        d.onPacketAcked(100, 8972, 0);

        // Losses of packets older than an acknowledged large packet are congestion, not a black hole.
        for (long pn = 50; pn < 60; pn++) {
            d.onPacketLost(pn, 8972, 0);
        }
        assertThat(d.currentBytes()).isEqualTo(8972);
        for (long pn = 101; pn < 101 + PathMtuDiscovery.BLACK_HOLE_LOSSES - 1; pn++) {
            d.onPacketLost(pn, 8972, 0);
        }
        assertThat(d.currentBytes()).isEqualTo(8972);
        d.onPacketLost(200, 8972, 0);

        assertThat(d.currentBytes()).isEqualTo(1200);
        assertThat(d.blackHoles()).isEqualTo(1);
        assertThat(d.probeBytesDue(0)).as("searching below the size that failed").isEqualTo(8952);
    }

    @Test
    void repeatedProbeTimeoutsFallBackToTheBase() {
        PathMtuDiscovery d = new PathMtuDiscovery(8972);
        runSearch(d, 9000, new long[] {0}, new long[] {1});

        d.onProbeTimeout(1, 0);
        assertThat(d.currentBytes()).isEqualTo(8972);
        d.onProbeTimeout(PathMtuDiscovery.BLACK_HOLE_PROBE_TIMEOUTS, 0);
        assertThat(d.currentBytes()).isEqualTo(1200);
    }

    @Test
    void aCeilingAtTheBaseDisablesProbing() {
        PathMtuDiscovery d = new PathMtuDiscovery(1200);

        assertThat(d.probeBytesDue(0)).isZero();
        assertThat(d.isSearching()).isFalse();
        assertThat(d.raiseDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(d.currentBytes()).isEqualTo(1200);
    }
}
