package io.rudp.core.stream;

import static io.rudp.core.stream.SendBufferFixtures.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class OffsetRingTest {

    @Test
    void growingCarriesAWindowThatStraddlesTheOldSeamToItsNewIndexes() {
        OffsetRing ring = new OffsetRing(100);
        long from = 100L * 1_000_003 - 30; // 30 bytes before an old seam, far past the size
        ring.put(from, pattern(from, 70), 0, 70);

        ring.resize(256, from, from + 70);

        assertThat(ring.sizeBytes()).isEqualTo(256);
        assertThat(read(ring, from, 70)).containsExactly(pattern(from, 70));
    }

    @Test
    void growingCarriesAWindowThatLandsAcrossTheNewSeam() {
        OffsetRing ring = new OffsetRing(100);
        long from = 256L * 4_000 - 20; // no old seam inside the window, but a new one
        ring.put(from, pattern(from, 60), 0, 60);

        ring.resize(256, from, from + 60);

        assertThat(read(ring, from, 60)).containsExactly(pattern(from, 60));
        ring.put(from + 60, pattern(from + 60, 196), 0, 196);
        assertThat(read(ring, from, 256)).containsExactly(pattern(from, 256));
    }

    @Test
    void shrinkingToNothingLeavesOnlyEmptyRangesUsable() {
        OffsetRing ring = new OffsetRing(64);
        ring.put(10, pattern(10, 5), 0, 5);

        ring.resize(0, 15, 15);

        assertThat(ring.sizeBytes()).isZero();
        ring.put(15, new byte[0], 0, 0);
        ring.get(15, new byte[0], 0, 0);
        assertThatThrownBy(() -> ring.put(15, new byte[1], 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesALiveWindowThatDoesNotFitTheNewSize() {
        OffsetRing ring = new OffsetRing(64);

        assertThatThrownBy(() -> ring.resize(32, 0, 40)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ring.resize(128, 0, 65)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ring.sizeBytes()).as("unchanged after a refusal").isEqualTo(64);
    }

    @Property(tries = 200, seed = "20240621")
    void keepsEveryLiveByteThroughRandomResizesWhileTheWindowSlides(
            @ForAll @IntRange(min = 1, max = 300) int firstSize,
            @ForAll @LongRange(min = 0, max = 1L << 40) long origin,
            @ForAll long seed) {
        Random random = new Random(seed);
        OffsetRing ring = new OffsetRing(firstSize);
        long front = origin;
        long end = origin;
        for (int step = 0; step < 300; step++) {
            int size = ring.sizeBytes();
            switch (random.nextInt(4)) {
                case 0 -> {
                    int length = random.nextInt(size - (int) (end - front) + 1);
                    ring.put(end, pattern(end, length), 0, length);
                    end += length;
                }
                case 1 -> front += random.nextInt((int) (end - front) + 1);
                case 2 -> ring.resize((int) (end - front) + random.nextInt(600), front, end);
                default -> {
                    long from = front + random.nextInt((int) (end - front) + 1);
                    int length = random.nextInt((int) (end - from) + 1);
                    assertThat(read(ring, from, length)).containsExactly(pattern(from, length));
                }
            }
        }
        assertThat(read(ring, front, (int) (end - front))).containsExactly(pattern(front, (int) (end - front)));
    }

    private static byte[] read(OffsetRing ring, long from, int length) {
        byte[] out = new byte[length];
        ring.get(from, out, 0, length);
        return out;
    }
}
