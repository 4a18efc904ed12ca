package io.rudp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The session's ring, whose storage grows from nothing by doubling and is released when empty,
 * keeps every byte in order under any pattern of puts, takes and releases, never holds more
 * than its capacity, and grows only as far as what it holds needs.
 */
class ByteRingPropertyTest {

    /** One step: put {@code n} bytes (kind 0), take up to {@code n} (kind 1), or release (kind 2). */
    record Step(int kind, int n) { }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.oneOf(Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 70_000)))
                .as(Step::new);
        return step.list().ofMaxSize(200);
    }

    @Property(tries = 300)
    void keepsEveryByteInOrderWhateverTheSizes(@ForAll("steps") List<Step> steps,
            @ForAll("capacities") int capacity) {
        ByteRing ring = new ByteRing(capacity);
        ArrayDeque<Byte> model = new ArrayDeque<>();
        byte next = 0;
        for (Step s : steps) {
            switch (s.kind()) {
                case 0 -> {
                    byte[] src = new byte[s.n() + 3];
                    for (int i = 0; i < s.n(); i++) {
                        src[3 + i] = (byte) (next + i);
                    }
                    int put = ring.put(src, 3, s.n());
                    assertThat(put).isEqualTo(Math.min(s.n(), capacity - model.size()));
                    for (int i = 0; i < put; i++) {
                        model.add(src[3 + i]);
                    }
                    next += (byte) put;
                }
                case 1 -> {
                    byte[] dst = new byte[s.n() + 2];
                    int taken = ring.take(dst, 2, s.n());
                    assertThat(taken).isEqualTo(Math.min(s.n(), model.size()));
                    for (int i = 0; i < taken; i++) {
                        assertThat(dst[2 + i]).isEqualTo(model.poll());
                    }
                }
                default -> {
                    boolean released = ring.releaseStorage();
                    if (!model.isEmpty()) {
                        assertThat(released).as("never releases queued bytes").isFalse();
                    }
                }
            }
            assertThat(ring.size()).isEqualTo(model.size());
            assertThat(ring.free()).isEqualTo(capacity - model.size());
            assertThat(ring.isFull()).isEqualTo(model.size() == capacity);
            assertThat(ring.storageBytes()).isBetween(model.size(), capacity);
            int storage = ring.storageBytes();
            boolean onTheLadder = storage == 0 || storage == capacity
                    || (storage % ByteRing.FIRST_STORAGE_BYTES == 0
                        && Integer.bitCount(storage / ByteRing.FIRST_STORAGE_BYTES) == 1);
            assertThat(onTheLadder).as("storage %d: none, the capacity, or first size x 2^k", storage).isTrue();
        }
    }

    @Provide
    Arbitrary<Integer> capacities() {
        return Arbitraries.of(1, 7, 4096, 5000, 64 * 1024);
    }

    @Test
    void holdsNoStorageUntilUsedAndGivesItBackOnlyWhenEmpty() {
        ByteRing ring = new ByteRing(64 * 1024);
        assertThat(ring.storageBytes()).isZero();

        ring.put(new byte[100], 0, 100);
        assertThat(ring.storageBytes()).isEqualTo(ByteRing.FIRST_STORAGE_BYTES);
        ring.put(new byte[10_000], 0, 10_000);
        assertThat(ring.storageBytes()).as("doubled to fit").isEqualTo(16 * 1024);
        ring.put(new byte[60_000], 0, 60_000);
        assertThat(ring.storageBytes()).as("capped at the capacity").isEqualTo(64 * 1024);
        assertThat(ring.isFull()).isTrue();
        assertThat(ring.releaseStorage()).isFalse();

        ring.take(new byte[64 * 1024], 0, 64 * 1024);
        assertThat(ring.storageBytes()).as("kept while drained (a stream drains it often)").isEqualTo(64 * 1024);
        assertThat(ring.releaseStorage()).isTrue();
        assertThat(ring.storageBytes()).isZero();
        assertThat(ring.take(new byte[1], 0, 1)).isZero();
    }
}
