package io.rudp.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** {@link OffsetBitmap#resize}: the live bits move to their indexes for the new capacity. */
class OffsetBitmapResizeTest {

    @Test
    void growingKeepsRunsThatStraddleTheOldSeam() {
        OffsetBitmap bitmap = new OffsetBitmap(100);
        long seam = 100L * 50_000_000; // ring index 0, past 2^32
        bitmap.set(seam - 10, seam - 3);
        bitmap.set(seam + 1, seam + 40);

        bitmap.resize(512, seam - 20, seam + 80);

        assertThat(bitmap.capacityBits()).isEqualTo(512);
        assertThat(bitmap.nextSet(seam - 20, seam + 80)).isEqualTo(seam - 10);
        assertThat(bitmap.nextClear(seam - 10, seam + 80)).isEqualTo(seam - 3);
        assertThat(bitmap.nextSet(seam - 3, seam + 80)).isEqualTo(seam + 1);
        assertThat(bitmap.nextClear(seam + 1, seam + 80)).isEqualTo(seam + 40);
        assertThat(bitmap.nextSet(seam + 40, seam + 492)).isEqualTo(seam + 492);
        assertThat(bitmap.set(seam - 20, seam + 492)).as("bits still clear").isEqualTo(512 - 46);
    }

    @Test
    void reportsTheWordsItHolds() {
        OffsetBitmap bitmap = new OffsetBitmap(0);
        assertThat(bitmap.allocatedBytes()).isZero();
        assertThat(bitmap.nextSet(7, 7)).isEqualTo(7);
        assertThat(bitmap.set(7, 7)).isZero();

        bitmap.resize(65, 7, 7);

        assertThat(bitmap.allocatedBytes()).isEqualTo(16);
    }

    @Test
    void refusesALiveWindowThatDoesNotFit() {
        OffsetBitmap bitmap = new OffsetBitmap(64);

        assertThatThrownBy(() -> bitmap.resize(32, 0, 33)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bitmap.resize(128, 0, 65)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 120, seed = "20240624")
    void agreesWithASetOfOffsetsThroughResizesWhileTheWindowSlides(
            @ForAll @IntRange(min = 1, max = 300) int firstCapacity,
            @ForAll @LongRange(min = 0, max = 1L << 40) long origin,
            @ForAll long seed) {
        OffsetBitmap bitmap = new OffsetBitmap(firstCapacity);
        TreeSet<Long> model = new TreeSet<>();
        Random random = new Random(seed);
        long windowStart = origin;
        for (int step = 0; step < 300; step++) {
            int capacity = bitmap.capacityBits();
            long from = windowStart + random.nextInt(capacity + 1);
            long to = from + random.nextInt((int) (windowStart + capacity - from) + 1);
            switch (random.nextInt(5)) {
                case 0 -> {
                    int wasClear = (int) rangeOf(from, to).filter(o -> !model.contains(o)).count();
                    assertThat(bitmap.set(from, to)).isEqualTo(wasClear);
                    rangeOf(from, to).forEach(model::add);
                }
                case 1 -> {
                    long next = rangeOf(from, to).filter(model::contains).findFirst().orElse(to);
                    assertThat(bitmap.nextSet(from, to)).isEqualTo(next);
                }
                case 2 -> {
                    long next = rangeOf(from, to).filter(o -> !model.contains(o)).findFirst().orElse(to);
                    assertThat(bitmap.nextClear(from, to)).isEqualTo(next);
                }
                case 3 -> {
                    // Resize: the live window is what fits both capacities; the rest is dropped.
                    int newCapacity = 1 + random.nextInt(600);
                    long liveEnd = windowStart + Math.min(capacity, newCapacity);
                    bitmap.resize(newCapacity, windowStart, liveEnd);
                    model.removeIf(offset -> offset >= liveEnd);
                }
                default -> {
                    long newStart = windowStart + random.nextInt(capacity + 1);
                    bitmap.clear(windowStart, newStart);
                    model.removeIf(offset -> offset < newStart);
                    windowStart = newStart;
                }
            }
        }
    }

    private static java.util.stream.LongStream rangeOf(long from, long to) {
        return java.util.stream.LongStream.range(from, to);
    }
}
