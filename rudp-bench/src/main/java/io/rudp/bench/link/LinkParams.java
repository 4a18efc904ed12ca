package io.rudp.bench.link;

import io.rudp.testkit.LinkConfig;
import java.time.Duration;

/**
 * One emulated path of the link benchmarks: a bottleneck rate each way, a round-trip time split
 * evenly between the directions, independent random loss each way, and a drop-tail queue.
 *
 * @param rateBitsPerSecond bottleneck capacity of each direction
 * @param rttMillis round-trip propagation delay (each direction gets half)
 * @param lossRate probability that a datagram is lost, each direction independently
 * @param queueBytes drop-tail queue of the bottleneck, each direction
 */
public record LinkParams(long rateBitsPerSecond, int rttMillis, double lossRate, int queueBytes) {

    /** The capacity of the targets: 100 Mbit/s. */
    public static final long DEFAULT_RATE_BITS_PER_SECOND = 100_000_000L;
    /** The smallest bottleneck queue: 64 KiB (one BDP is less at short RTTs). */
    public static final int MIN_QUEUE_BYTES = 64 << 10;

    /** Validates the ranges. */
    public LinkParams {
        if (rateBitsPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, got " + rateBitsPerSecond);
        }
        if (rttMillis < 0 || rttMillis > 10_000) {
            throw new IllegalArgumentException("rtt must be 0..10000 ms, got " + rttMillis);
        }
        if (!(lossRate >= 0 && lossRate < 1)) {
            throw new IllegalArgumentException("loss must be in [0, 1), got " + lossRate);
        }
        if (queueBytes <= 0) {
            throw new IllegalArgumentException("queue must be positive, got " + queueBytes);
        }
    }

    /**
     * 100 Mbit/s each way with a queue of one bandwidth-delay product, at least
     * {@link #MIN_QUEUE_BYTES} (64 KiB at 0 ms, 250 KB at 20 ms, 1.25 MB at 100 ms).
     */
    public static LinkParams of(int rttMillis, double lossRate) {
        return new LinkParams(DEFAULT_RATE_BITS_PER_SECOND, rttMillis, lossRate,
                bdpQueueBytes(DEFAULT_RATE_BITS_PER_SECOND, rttMillis));
    }

    /** One bandwidth-delay product in bytes, at least {@link #MIN_QUEUE_BYTES}. */
    public static int bdpQueueBytes(long rateBitsPerSecond, int rttMillis) {
        long bdp = rateBitsPerSecond / 8 * rttMillis / 1000;
        return (int) Math.max(MIN_QUEUE_BYTES, Math.min(Integer.MAX_VALUE / 2, bdp));
    }

    /** The impairment of one direction (the proxy's {@code --rate --queue --delay --loss}). */
    public LinkConfig direction() {
        return LinkConfig.builder()
                .bandwidth(rateBitsPerSecond, queueBytes)
                .delayNanos(Duration.ofMillis(rttMillis).toNanos() / 2)
                .lossRate(lossRate)
                .build();
    }

    /** The goodput of a perfect transport: {@code (1 - loss) x capacity}, in Mbit/s. */
    public double idealMbps() {
        return (1 - lossRate) * rateBitsPerSecond / 1e6;
    }

    /** Round-trip time in nanoseconds. */
    public long rttNanos() {
        return rttMillis * 1_000_000L;
    }
}
