package io.rudp.testkit;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The impairment engine: decides, for each datagram entering one direction of a link, whether it
 * is dropped, when it arrives, and whether it arrives twice or damaged, following the pipeline
 * documented on {@link LinkConfig} (bottleneck with drop-tail queue, burst loss, random loss,
 * delay and jitter, reorder hold-back, duplication, corruption).
 *
 * <p>It is the one implementation shared by the simulator (virtual time) and real-time relays such
 * as the {@code rudp proxy} (which passes {@code System.nanoTime()}): it has no clock of its own,
 * schedules nothing itself and never blocks. Times are nanoseconds on any clock with an arbitrary
 * origin, compared wrap-safely; they must not go backwards between calls.
 *
 * <p>Deterministic: the same seed, configuration and sequence of calls (times, datagram sizes)
 * give the same decisions. Each impairment draws from its own random stream split from the seed,
 * so turning one on does not change the decisions of the others.
 *
 * <p>Counters: {@link #transmit} counts {@code sent}, drops, {@code reordered}, {@code duplicated}
 * and {@code corrupted}; the caller reports each copy's final fate with
 * {@link #recordDelivered(int)} or {@link #recordUnroutable()}, so that {@link #stats()} balances
 * as {@link LinkStats} describes.
 *
 * <p>Not thread-safe: one thread uses an instance at a time.
 */
public final class Impairment {

    private final LinkConfig config;
    private final LinkCounters counters = new LinkCounters();

    // One stream per impairment, so enabling one leaves the others' decisions unchanged.
    private final SplittableRandom burstRandom;
    private final SplittableRandom lossRandom;
    private final SplittableRandom jitterRandom;
    private final SplittableRandom reorderRandom;
    private final SplittableRandom duplicateRandom;
    private final SplittableRandom corruptRandom;

    /** Gilbert-Elliott chain state: true while bad. */
    private boolean burstBad;

    /** Whether {@link #busyUntilNanos} holds a time (a clock has no "zero" to start from). */
    private boolean bottleneckUsed;
    /** When the bottleneck finishes serializing everything admitted so far. */
    private long busyUntilNanos;

    /**
     * An engine applying {@code config}, with every random decision derived from {@code seed}.
     *
     * @param config the impairments of {@link #transmit(long, byte[], DeliverySink)}
     * @param seed the seed of the random streams: the same seed replays the same decisions
     */
    public Impairment(LinkConfig config, long seed) {
        this.config = Objects.requireNonNull(config, "config");
        SplittableRandom root = new SplittableRandom(seed);
        this.burstRandom = root.split();
        this.lossRandom = root.split();
        this.jitterRandom = root.split();
        this.reorderRandom = root.split();
        this.duplicateRandom = root.split();
        this.corruptRandom = root.split();
    }

    /** The configuration given at construction. */
    public LinkConfig config() {
        return config;
    }

    /**
     * Passes {@code datagram}, entering the link at {@code nowNanos}, through the constructor's
     * configuration. See {@link #transmit(long, LinkConfig, byte[], DeliverySink)}.
     */
    public void transmit(long nowNanos, byte[] datagram, DeliverySink sink) {
        transmit(nowNanos, config, datagram, sink);
    }

    /**
     * Passes {@code datagram}, entering the link at {@code nowNanos}, through {@code c} (for
     * callers whose configuration changes over time; the bottleneck backlog and burst state carry
     * over). Either drops it (counted) or calls {@code sink} once, or twice when it is duplicated
     * (the second copy {@value LinkConfig#DUPLICATE_SPACING_NANOS} ns after the first).
     *
     * @param nowNanos the current time on the caller's clock; not earlier than the last call's
     * @param datagram handed over: the engine may flip a bit in it and passes it to the sink
     */
    public void transmit(long nowNanos, LinkConfig c, byte[] datagram, DeliverySink sink) {
        counters.sent++;
        if (datagram.length > c.maxDatagramBytes()) {
            counters.lost++; // above the path MTU: dropped without a word (no ICMP)
            return;
        }
        long departNanos = nowNanos;
        long bitsPerSecond = c.bandwidthBitsPerSecond();
        if (bitsPerSecond > 0) {
            long startNanos = nowNanos;
            long backlogNanos = bottleneckUsed ? busyUntilNanos - nowNanos : 0; // wrap-safe
            if (backlogNanos > 0) {
                // Fluid model of the drop-tail queue: bytes not yet serialized at nowNanos.
                double waitingBytes = backlogNanos * (bitsPerSecond / 8e9);
                if (waitingBytes + datagram.length > c.queueLimitBytes()) {
                    counters.queueDropped++;
                    return;
                }
                startNanos = busyUntilNanos;
            }
            busyUntilNanos = startNanos + serializationNanos(datagram.length, bitsPerSecond);
            bottleneckUsed = true;
            departNanos = busyUntilNanos;
        }
        if (c.burstLossRateWhileBad() > 0) {
            // Gilbert-Elliott: the chain steps once per datagram, then the state decides.
            if (burstBad) {
                burstBad = !hit(burstRandom, c.burstLeaveBadProbability());
            } else {
                burstBad = hit(burstRandom, c.burstEnterBadProbability());
            }
            if (burstBad && hit(burstRandom, c.burstLossRateWhileBad())) {
                counters.burstLost++;
                return;
            }
        }
        if (hit(lossRandom, c.lossRate())) {
            counters.lost++;
            return;
        }
        long delayNanos = c.delayNanos();
        long jitterNanos = c.jitterNanos();
        if (jitterNanos > 0) {
            delayNanos += jitterRandom.nextLong(-jitterNanos, jitterNanos + 1);
            if (delayNanos < 0) {
                delayNanos = 0;
            }
        }
        if (hit(reorderRandom, c.reorderProbability())) {
            delayNanos += c.reorderExtraDelayNanos();
            counters.reordered++;
        }
        long arrivalNanos = departNanos + delayNanos;
        byte[] copy = null;
        if (hit(duplicateRandom, c.duplicateRate())) {
            counters.duplicated++;
            copy = datagram.clone();
        }
        corruptMaybe(c, datagram);
        sink.deliver(arrivalNanos, datagram);
        if (copy != null) {
            corruptMaybe(c, copy);
            sink.deliver(arrivalNanos + LinkConfig.DUPLICATE_SPACING_NANOS, copy);
        }
    }

    /** Counts a datagram handed to a cut link (an outage): sent, and lost. */
    void dropWhileCut() {
        counters.sent++;
        counters.lost++;
    }

    /** Counts a copy that was in flight when its link was cut: lost instead of delivered. */
    void recordLostInFlight() {
        counters.lost++;
    }

    /** Records that a copy of {@code bytes} bytes reached its destination. */
    public void recordDelivered(int bytes) {
        counters.delivered++;
        counters.bytesDelivered += bytes;
    }

    /** Records that a copy could not be handed to its destination (nobody there, send failed). */
    public void recordUnroutable() {
        counters.unroutable++;
    }

    /** A snapshot of the counters. */
    public LinkStats stats() {
        return counters.snapshot();
    }

    /** The live counters, for the simulator's totals. */
    LinkCounters counters() {
        return counters;
    }

    private void corruptMaybe(LinkConfig c, byte[] datagram) {
        if (datagram.length > 0 && hit(corruptRandom, c.corruptRate())) {
            int bit = corruptRandom.nextInt(datagram.length * 8);
            datagram[bit >>> 3] ^= (byte) (1 << (bit & 7));
            counters.corrupted++;
        }
    }

    /** Time to put {@code bytes} on a wire of {@code bitsPerSecond}, rounded up. */
    static long serializationNanos(int bytes, long bitsPerSecond) {
        long bitNanos = bytes * 8_000_000_000L; // <= 65,536 * 8e9, far below 2^63
        return bitNanos / bitsPerSecond + (bitNanos % bitsPerSecond == 0 ? 0 : 1);
    }

    private static boolean hit(SplittableRandom random, double probability) {
        return probability > 0 && random.nextDouble() < probability;
    }
}
