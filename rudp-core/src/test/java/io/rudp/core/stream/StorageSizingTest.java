package io.rudp.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class StorageSizingTest {

    @Property(tries = 300, seed = "20240626")
    void growsToTheSmallestDoublingOfTheInitialSizeThatFitsTheWindow(
            @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int capacity,
            @ForAll @IntRange(min = 1, max = 1 << 16) int initial,
            @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int neededRaw) {
        StorageSizing sizing = new StorageSizing(capacity, initial);
        long needed = 1 + (long) neededRaw % capacity;

        int size = sizing.sizeFor(0, needed);

        assertThat((long) size).as("fits the window").isGreaterThanOrEqualTo(needed);
        assertThat(size).as("within the capacity").isLessThanOrEqualTo(capacity);
        if (size != capacity) {
            int effectiveInitial = Math.min(initial, capacity);
            assertThat(size % effectiveInitial).as("a doubling of the initial size").isZero();
            assertThat(Integer.bitCount(size / effectiveInitial)).as("a power of two").isEqualTo(1);
        }
        if (size > Math.min(initial, capacity)) {
            assertThat((long) size).as("half of it would not fit").isLessThan(2 * needed);
        }
    }

    @Test
    void keepsTheCurrentSizeWhileTheWindowFits() {
        StorageSizing sizing = new StorageSizing(1 << 20, 4096);

        assertThat(sizing.sizeFor(8192, 8192)).isEqualTo(8192);
        assertThat(sizing.sizeFor(8192, 1)).isEqualTo(8192);
        assertThat(sizing.sizeFor(0, 0)).isZero();
    }

    @Test
    void growsStraightToTheSizeAWideWindowNeedsAndStopsAtTheCapacity() {
        StorageSizing sizing = new StorageSizing(100_000, 4096);

        assertThat(sizing.sizeFor(4096, 4097)).isEqualTo(8192);
        assertThat(sizing.sizeFor(0, 40_000)).isEqualTo(65_536);
        assertThat(sizing.sizeFor(65_536, 65_537)).isEqualTo(100_000);
    }

    @Test
    void capsTheInitialSizeAtTheCapacity() {
        StorageSizing sizing = new StorageSizing(97, 4096);

        assertThat(sizing.initialBytes()).isEqualTo(97);
        assertThat(sizing.sizeFor(0, 1)).isEqualTo(97);
        assertThat(sizing.releasesWhenDrained(97)).isFalse();
    }

    @Test
    void releasesOnlyStorageThatGrewPastTheInitialSize() {
        StorageSizing sizing = new StorageSizing(1 << 20, 4096);

        assertThat(sizing.releasesWhenDrained(0)).isFalse();
        assertThat(sizing.releasesWhenDrained(4096)).isFalse();
        assertThat(sizing.releasesWhenDrained(8192)).isTrue();
    }

    @Test
    void keepsStorageUpToTheRetainedSizeWhenDrainedAndNoneWhenTrimmed() {
        StorageSizing sizing = new StorageSizing(1 << 20, 4096, 256 * 1024);

        assertThat(sizing.retainedBytes()).isEqualTo(256 * 1024);
        assertThat(sizing.releasesWhenDrained(8192)).isFalse();
        assertThat(sizing.releasesWhenDrained(256 * 1024)).isFalse();
        assertThat(sizing.releasesWhenDrained(512 * 1024)).isTrue();
        assertThat(sizing.releasesWhenTrimmed(0)).isFalse();
        assertThat(sizing.releasesWhenTrimmed(4096)).as("a quiet connection holds no storage at all").isTrue();
        assertThat(sizing.releasesWhenTrimmed(8192)).isTrue();
        assertThat(new StorageSizing(1 << 20, 4096, 16).retainedBytes()).as("never below the initial size")
                .isEqualTo(4096);
        assertThat(new StorageSizing(1 << 20, 4096, StorageSizing.DEFAULT_RETAINED_BYTES).retainedBytes())
                .as("never above the capacity").isEqualTo(1 << 20);
    }

    @Test
    void refusesAWindowBeyondTheCapacityAndNonPositiveSizes() {
        assertThatThrownBy(() -> new StorageSizing(100, 16).sizeFor(64, 101))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StorageSizing(0, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StorageSizing(16, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
