package io.rudp.testkit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.CongestionControl;
import io.rudp.core.EngineConfig;
import io.rudp.testkit.LinkConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The central property: for any seed, on any link within bounds (0-30% loss with bursts,
 * reordering, duplication, 0.1% corruption, 0-200 ms round trip with jitter), 1 MiB each way
 * arrives exactly once and in order, both sides close cleanly, and no timer is left armed, within
 * a bounded virtual time. Seeds 1..1000 run on every build for every congestion controller; a
 * failure names its controller, seed and link.
 */
class ReliabilityPropertyTest {

    static final int SEEDS = Integer.getInteger("rudp.property.seeds", 1000);
    static final long BYTES_EACH_WAY = 1 << 20;
    static final long MAX_VIRTUAL_NANOS = Duration.ofHours(2).toNanos();

    static final EngineConfig CONFIG = EngineConfig.builder()
            .handshakeAttempts(30).handshakeTimeout(Duration.ofMinutes(10))
            .peerTimeout(Duration.ofMinutes(10))
            .sendBufferBytes(256 * 1024).receiveBufferBytes(256 * 1024)
            .idleTimeout(Duration.ofMinutes(10)).keepAliveInterval(Duration.ofSeconds(10))
            .closeTimeout(Duration.ofMinutes(30))
            .build();

    /** A link drawn from the seed: the impairments the issue names, each within its bound. */
    static LinkConfig linkFor(long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double totalLoss = r.nextDouble(0, 0.30);
        double burstShare = totalLoss / 2;
        double leaveBad = 0.3; // mean burst of about 3 packets
        double enterBad = leaveBad * burstShare / (1 - burstShare);
        long oneWayDelayNanos = r.nextLong(0, Duration.ofMillis(100).toNanos() + 1);
        return LinkConfig.builder()
                .lossRate(totalLoss / 2)
                .burstLoss(enterBad, leaveBad, 1.0)
                .delayNanos(oneWayDelayNanos)
                .jitter(Duration.ofNanos(oneWayDelayNanos / 5))
                .reorder(r.nextDouble(0, 0.05), Duration.ofMillis(r.nextInt(1, 30)))
                .duplicateRate(r.nextDouble(0, 0.05))
                .corruptRate(0.001)
                .build();
    }

    /** One seed's outcome: a failure description or null, and how much virtual time it simulated. */
    record Outcome(String failure, long virtualNanos) { }

    /** One seed with the default controller. */
    static Outcome runSeed(long seed) {
        return runSeed(seed, CONFIG.congestionControl());
    }

    static Outcome runSeed(long seed, CongestionControl cc) {
        return runSeed(seed, linkFor(seed), cc);
    }

    static Outcome runSeed(long seed, LinkConfig link, CongestionControl cc) {
        EngineConfig config = CONFIG.toBuilder().congestionControl(cc).build();
        TransferScenario s = new TransferScenario(seed, config, link).start(BYTES_EACH_WAY, BYTES_EACH_WAY, true);
        long start = s.network.nowNanos();
        String failure = check(seed, link, s);
        return new Outcome(failure == null ? null : cc + ": " + failure, s.network.nowNanos() - start);
    }

    private static String check(long seed, LinkConfig link, TransferScenario s) {
        boolean finished;
        try {
            finished = s.runUntil(s::bothClosedCleanly, MAX_VIRTUAL_NANOS);
        } catch (RuntimeException e) {
            return "seed " + seed + " threw " + e + " on link " + link + "; " + s.describe();
        }
        if (!finished || !s.streamsIntact()) {
            return "seed " + seed + (finished ? " corrupted a stream" : " did not finish cleanly within "
                    + Duration.ofNanos(MAX_VIRTUAL_NANOS) + " of virtual time") + " on link " + link + "; " + s.describe();
        }
        if (s.clientEndpoint.stats().internalErrors() + s.serverEndpoint.stats().internalErrors() != 0) {
            return "seed " + seed + " hit an internal error; " + s.describe();
        }
        return null;
    }

    @ParameterizedTest
    @EnumSource(CongestionControl.class)
    void everyByteArrivesOnceInOrderAndBothSidesCloseCleanlyForEverySeed(CongestionControl cc) {
        long wallStart = System.nanoTime();
        List<Outcome> outcomes = LongStream.rangeClosed(1, SEEDS).parallel()
                .mapToObj(seed -> runSeed(seed, cc))
                .collect(Collectors.toList());
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        double virtualSeconds = outcomes.stream().mapToLong(Outcome::virtualNanos).sum() / 1e9;
        // A measurement for the record (not an assertion): how fast the simulator runs this property.
        System.out.printf(java.util.Locale.ROOT, "reliability property, %s: %d seeds, %.0f virtual s in %.1f wall s "
                + "(%.0f seeds/s, %.0f virtual s per wall s)%n", cc, SEEDS, virtualSeconds, wallSeconds,
                SEEDS / wallSeconds, virtualSeconds / wallSeconds);
        List<String> failures = outcomes.stream().map(Outcome::failure).filter(Objects::nonNull).collect(Collectors.toList());

        assertThat(failures).as("%d of %d seeds failed; first failures:%n%s", failures.size(), SEEDS,
                failures.stream().limit(3).collect(Collectors.joining("\n"))).isEmpty();
    }
}
