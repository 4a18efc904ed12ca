package io.rudp.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The endpoint's timer heap against a sorted set doing the same operations. */
class DeadlineHeapTest {

    private static final long NEAR_WRAP = Long.MAX_VALUE - 1_000_000;

    private final Endpoint endpoint = new Endpoint(EngineConfig.defaults(), new SplittableRandom(1));
    private final InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 9);

    @Test
    void agreesWithASortedSetOnEveryOperationIncludingDeadlinesAcrossTheWrap() {
        SplittableRandom random = new SplittableRandom(42);
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            connections.add(Connection.newClient(endpoint, EngineConfig.defaults(), 1000 + i, peer, 0, 0));
        }
        DeadlineHeap heap = new DeadlineHeap();
        long[] deadlines = new long[connections.size()];
        Comparator<Connection> order = (a, b) -> {
            long d = deadlines[(int) (a.localConnectionId() - 1000)] - deadlines[(int) (b.localConnectionId() - 1000)];
            return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(a.localConnectionId(), b.localConnectionId());
        };
        TreeSet<Connection> reference = new TreeSet<>(order);

        for (int step = 0; step < 20_000; step++) {
            Connection c = connections.get(random.nextInt(connections.size()));
            int slot = (int) (c.localConnectionId() - 1000);
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    reference.remove(c);
                    // A few distinct instants, some on either side of the long wrap, so ties happen.
                    deadlines[slot] = NEAR_WRAP + random.nextLong(0, 40) * 100_000;
                    reference.add(c);
                    heap.schedule(c, deadlines[slot]);
                }
                case 2 -> {
                    reference.remove(c);
                    heap.remove(c);
                }
                default -> {
                    Connection expected = reference.pollFirst();
                    assertThat(heap.poll()).isSameAs(expected);
                    if (expected != null) {
                        assertThat(heap.contains(expected)).isFalse();
                        assertThat(heap.deadlineOf(expected)).isEqualTo(Connection.NO_DEADLINE);
                    }
                }
            }
            assertThat(heap.peek()).isSameAs(reference.isEmpty() ? null : reference.first());
            assertThat(heap.isEmpty()).isEqualTo(reference.isEmpty());
        }
    }
}
