package io.rudp.bench.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the {@code netem} section runs: the links (rows), the size of each bulk transfer, the
 * ping-pong round trips, the time any one run may take, and where the emulator lives.
 *
 * @param links the rows, in run order
 * @param bulkBytes payload of each bulk transfer
 * @param pingRoundTrips recorded ping-pong round trips per run
 * @param pingWarmUp unrecorded round trips before them
 * @param runTimeout the longest one run (one transport, one link, one repetition) may take
 * @param netemDir the emulator's folder (holding up.sh), or null to find it beside the repository
 * @param seed the emulator's loss seed (each repetition adds its number)
 */
public record NetemPlan(List<NetemLink> links, long bulkBytes, int pingRoundTrips, int pingWarmUp,
        Duration runTimeout, Path netemDir, long seed) {

    /** The links plus 0% loss, 10% loss and 200 ms RTT, all at 100 Mbit/s. */
    public static final List<NetemLink> DEFAULT_LINKS = List.of(
            NetemLink.random(20, 0),
            NetemLink.random(20, 1),
            NetemLink.random(20, 5),
            NetemLink.random(20, 10),
            NetemLink.burst(20, 2, 10),
            NetemLink.random(100, 1),
            NetemLink.random(200, 1));

    /** The links of a {@code --quick} smoke run. */
    public static final List<NetemLink> QUICK_LINKS = List.of(NetemLink.random(20, 0), NetemLink.random(20, 1));

    /** Bytes of a full bulk transfer: 32 MiB, as in the issue. */
    public static final long DEFAULT_BULK_BYTES = 32L << 20;
    /** Bytes of a quick bulk transfer. */
    public static final long QUICK_BULK_BYTES = 4L << 20;
    /** Recorded round trips of a full ping-pong run. */
    public static final int DEFAULT_PING_ROUND_TRIPS = 1_000;
    /** Recorded round trips of a quick ping-pong run. */
    public static final int QUICK_PING_ROUND_TRIPS = 100;
    /** Unrecorded round trips before them (handshake done, RTT estimate settled). */
    public static final int PING_WARM_UP = 10;
    /** Default bound of one run. */
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofSeconds(180);

    /** Checks and copies. */
    public NetemPlan {
        links = List.copyOf(links);
        if (links.isEmpty()) {
            throw new IllegalArgumentException("links must not be empty");
        }
        if (bulkBytes < 2) {
            throw new IllegalArgumentException("bulkBytes must be at least 2, got " + bulkBytes);
        }
        if (pingRoundTrips < 1 || pingWarmUp < 0) {
            throw new IllegalArgumentException("pingRoundTrips must be positive and pingWarmUp not negative, got "
                    + pingRoundTrips + ", " + pingWarmUp);
        }
        Objects.requireNonNull(runTimeout, "runTimeout");
        if (runTimeout.toSeconds() < 5) {
            throw new IllegalArgumentException("runTimeout must be at least 5 s, got " + runTimeout);
        }
    }

    /**
     * The plan of a run from the command's options: {@code null} options take the defaults, or the
     * quick ones with {@code quick}.
     */
    public static NetemPlan of(boolean quick, List<String> linkSpecs, Long bulkMib, Integer pingRoundTrips,
            Integer runTimeoutSeconds, Path netemDir, long seed) {
        List<NetemLink> links = new ArrayList<>();
        if (linkSpecs == null || linkSpecs.isEmpty()) {
            links.addAll(quick ? QUICK_LINKS : DEFAULT_LINKS);
        } else {
            for (String spec : linkSpecs) {
                links.add(NetemLink.parse(spec));
            }
        }
        long bytes = bulkMib != null ? bulkMib << 20 : quick ? QUICK_BULK_BYTES : DEFAULT_BULK_BYTES;
        if (bulkMib != null && (bulkMib < 1 || bulkMib > 4096)) {
            throw new IllegalArgumentException("--netem-mib must be 1 to 4096, got " + bulkMib);
        }
        int pings = pingRoundTrips != null ? pingRoundTrips : quick ? QUICK_PING_ROUND_TRIPS : DEFAULT_PING_ROUND_TRIPS;
        if (pings < 1) {
            throw new IllegalArgumentException("--netem-pings must be at least 1, got " + pings);
        }
        Duration timeout = runTimeoutSeconds != null ? Duration.ofSeconds(runTimeoutSeconds) : DEFAULT_RUN_TIMEOUT;
        if (timeout.toSeconds() < 5) {
            throw new IllegalArgumentException("--netem-timeout must be at least 5 s, got " + runTimeoutSeconds);
        }
        return new NetemPlan(links, bytes, pings, PING_WARM_UP, timeout, netemDir, seed);
    }

    /** The emulator's seed for repetition {@code rep} (0-based); never 0, which linkem reads as "from the clock". */
    public long emulatorSeed(int rep) {
        long s = seed + rep;
        return s == 0 ? 1 : s;
    }
}
