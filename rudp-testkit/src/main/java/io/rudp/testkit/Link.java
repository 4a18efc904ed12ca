package io.rudp.testkit;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;

/**
 * The state of one link direction: its counters, its Gilbert-Elliott state, its bottleneck and
 * one random stream per impairment. Applies the pipeline documented on {@link LinkConfig}.
 * Package-private.
 */
final class Link {

    /** The configuration set by {@code setLink}, or null to follow the network's default. */
    LinkConfig config;

    final LinkCounters counters = new LinkCounters();

    // One stream per impairment, so enabling one leaves the others' decisions unchanged.
    private final SplittableRandom burstRandom;
    private final SplittableRandom lossRandom;
    private final SplittableRandom jitterRandom;
    private final SplittableRandom reorderRandom;
    private final SplittableRandom duplicateRandom;
    private final SplittableRandom corruptRandom;

    /** Gilbert-Elliott chain state: true while bad. */
    private boolean burstBad;

    /** Whether {@link #busyUntilNanos} holds a time (virtual time has no "zero" to start from). */
    private boolean bottleneckUsed;
    /** When the bottleneck finishes serializing everything admitted so far. */
    private long busyUntilNanos;

    Link(long seed, LinkConfig config) {
        SplittableRandom root = new SplittableRandom(seed);
        this.burstRandom = root.split();
        this.lossRandom = root.split();
        this.jitterRandom = root.split();
        this.reorderRandom = root.split();
        this.duplicateRandom = root.split();
        this.corruptRandom = root.split();
        this.config = config;
    }

    /**
     * Carries {@code datagram} (owned by the link from now on) sent at {@code nowNanos} under
     * {@code c}: counts it, and either drops it or schedules its copies on {@code queue}.
     */
    void send(long nowNanos, LinkConfig c, InetSocketAddress from, InetSocketAddress to,
            NodeSlot destination, byte[] datagram, EventQueue queue) {
        counters.sent++;
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
        queue.add(new Delivery(arrivalNanos, queue.nextSequence(), this, from, to, destination,
                datagram));
        if (copy != null) {
            corruptMaybe(c, copy);
            queue.add(new Delivery(arrivalNanos + LinkConfig.DUPLICATE_SPACING_NANOS,
                    queue.nextSequence(), this, from, to, destination, copy));
        }
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
