package io.rudp.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The endpoint's timer heap against a sorted set doing the same operations. */
class DeadlineHeapTest {

    private static final long NEAR_WRAP = Long.MAX_VALUE - 1_000_000;

    /** What the endpoint files (there: its bookkeeping for a connection), with its slot. */
    private static final class Item {
        final long id;
        final DeadlineHeap.Slot<Item> slot;

        Item(long id) {
            this.id = id;
            this.slot = new DeadlineHeap.Slot<>(this, id);
        }
    }

    @Test
    void agreesWithASortedSetOnEveryOperationIncludingDeadlinesAcrossTheWrap() {
        SplittableRandom random = new SplittableRandom(42);
        List<Item> connections = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            connections.add(new Item(1000 + i));
        }
        DeadlineHeap<Item> heap = new DeadlineHeap<>();
        long[] deadlines = new long[connections.size()];
        Comparator<Item> order = (a, b) -> {
            long d = deadlines[(int) (a.id - 1000)] - deadlines[(int) (b.id - 1000)];
            return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(a.id, b.id);
        };
        TreeSet<Item> reference = new TreeSet<>(order);

        for (int step = 0; step < 20_000; step++) {
            Item c = connections.get(random.nextInt(connections.size()));
            int slot = (int) (c.id - 1000);
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    reference.remove(c);
                    // A few distinct instants, some on either side of the long wrap, so ties happen.
                    deadlines[slot] = NEAR_WRAP + random.nextLong(0, 40) * 100_000;
                    reference.add(c);
                    heap.schedule(c.slot, deadlines[slot]);
                }
                case 2 -> {
                    reference.remove(c);
                    heap.remove(c.slot);
                }
                default -> {
                    Item expected = reference.pollFirst();
                    assertThat(heap.poll()).isSameAs(expected);
                    if (expected != null) {
                        assertThat(heap.contains(expected.slot)).isFalse();
                        assertThat(heap.deadlineOf(expected.slot)).isEqualTo(Connection.NO_DEADLINE);
                    }
                }
            }
            assertThat(heap.peek()).isSameAs(reference.isEmpty() ? null : reference.first());
            assertThat(heap.isEmpty()).isEqualTo(reference.isEmpty());
        }
    }
}
