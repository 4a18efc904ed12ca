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

class OffsetBitmapTest {

    @Test
    void setReportsOnlyTheBitsThatWereClear() {
        OffsetBitmap bitmap = new OffsetBitmap(200);

        assertThat(bitmap.set(10, 20)).isEqualTo(10);
        assertThat(bitmap.set(15, 30)).isEqualTo(10);
        assertThat(bitmap.set(10, 30)).isZero();
    }

    @Test
    void clearReportsOnlyTheBitsThatWereSet() {
        OffsetBitmap bitmap = new OffsetBitmap(200);
        bitmap.set(60, 130);

        assertThat(bitmap.clear(50, 70)).isEqualTo(10);
        assertThat(bitmap.clear(50, 70)).isZero();
        assertThat(bitmap.nextSet(0, 200)).isEqualTo(70);
    }

    @Test
    void searchesCrossWordBoundaries() {
        OffsetBitmap bitmap = new OffsetBitmap(300);
        bitmap.set(0, 190);

        assertThat(bitmap.nextClear(0, 300)).isEqualTo(190);
        assertThat(bitmap.nextSet(190, 300)).isEqualTo(300);
        assertThat(bitmap.nextClear(5, 100)).isEqualTo(100);
    }

    @Test
    void rangesWrapAroundTheRingSeam() {
        OffsetBitmap bitmap = new OffsetBitmap(100);
        long seam = (10L << 30) / 100 * 100; // a multiple of 100 past 10 GiB: ring index 0

        assertThat(bitmap.set(seam - 5, seam + 5)).isEqualTo(10);
        assertThat(bitmap.nextSet(seam - 50, seam + 50)).isEqualTo(seam - 5);
        assertThat(bitmap.nextClear(seam - 5, seam + 50)).isEqualTo(seam + 5);
        assertThat(bitmap.clear(seam, seam + 95)).isEqualTo(5);
        assertThat(bitmap.nextSet(seam - 5, seam + 95)).isEqualTo(seam - 5);
        assertThat(bitmap.nextClear(seam - 5, seam + 95)).isEqualTo(seam);
    }

    @Test
    void refusesARangeLongerThanTheWindow() {
        OffsetBitmap bitmap = new OffsetBitmap(64);

        assertThatThrownBy(() -> bitmap.set(0, 65)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bitmap.nextSet(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 200, seed = "20240625")
    void agreesWithASetOfOffsetsWhileTheWindowSlides(
            @ForAll @IntRange(min = 1, max = 300) int capacity,
            @ForAll @LongRange(min = 0, max = 1L << 40) long origin,
            @ForAll long seed) {
        OffsetBitmap bitmap = new OffsetBitmap(capacity);
        TreeSet<Long> model = new TreeSet<>();
        Random random = new Random(seed);
        long windowStart = origin;
        for (int step = 0; step < 300; step++) {
            long from = windowStart + random.nextInt(capacity + 1);
            long to = from + random.nextInt((int) (windowStart + capacity - from) + 1);
            switch (random.nextInt(5)) {
                case 0 -> assertThat(bitmap.set(from, to)).isEqualTo(modelSet(model, from, to));
                case 1 -> assertThat(bitmap.clear(from, to)).isEqualTo(modelClear(model, from, to));
                case 2 -> {
                    Long next = model.ceiling(from);
                    assertThat(bitmap.nextSet(from, to)).isEqualTo(next == null || next >= to ? to : next);
                }
                case 3 -> {
                    long expected = from;
                    while (expected < to && model.contains(expected)) {
                        expected++;
                    }
                    assertThat(bitmap.nextClear(from, to)).isEqualTo(expected);
                }
                default -> {
                    // Slide the window: what leaves it is cleared, as the buffers do.
                    long newStart = windowStart + random.nextInt(capacity + 1);
                    bitmap.clear(windowStart, newStart);
                    modelClear(model, windowStart, newStart);
                    windowStart = newStart;
                }
            }
        }
    }

    private static int modelSet(TreeSet<Long> model, long from, long to) {
        int changed = 0;
        for (long offset = from; offset < to; offset++) {
            changed += model.add(offset) ? 1 : 0;
        }
        return changed;
    }

    private static int modelClear(TreeSet<Long> model, long from, long to) {
        int changed = 0;
        for (long offset = from; offset < to; offset++) {
            changed += model.remove(offset) ? 1 : 0;
        }
        return changed;
    }
}
