package io.rudp.core.stream;

import static io.rudp.core.stream.SendBufferFixtures.pattern;
import static io.rudp.core.stream.StorageFixtures.largestRingFor;
import static io.rudp.core.stream.StorageFixtures.receiveStorage;
import static io.rudp.core.stream.StorageFixtures.sendStorage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A buffer whose storage starts tiny and grows (and is let go when it drains) behaves exactly like
 * one allocated in full at its first use, through random writes, sends, acks, losses, frames and
 * reads whose offsets run far past the ring sizes, so that growth often happens while the live
 * window straddles a seam of the ring.
 */
class LazyStorageEquivalenceTest {

    private static final int STEPS = 1_500;

    @Provide
    Arbitrary<Integer> initialSizes() {
        return Arbitraries.oneOf(Arbitraries.of(1, 2, 3, 64, StorageSizing.DEFAULT_INITIAL_BYTES),
                Arbitraries.integers().between(1, 200));
    }

    @Property(tries = 200, seed = "20240622")
    void aLazilyGrownSendBufferMatchesOneAllocatedInFull(
            @ForAll @IntRange(min = 1, max = 6_000) int capacity,
            @ForAll("initialSizes") int initial,
            @ForAll long seed) {
        Random random = new Random(seed);
        SendBuffer lazy = new SendBuffer(capacity, initial);
        SendBuffer full = new SendBuffer(capacity, capacity);
        List<SendBuffer.Chunk> inFlight = new ArrayList<>();
        long peakWindow = 0;
        for (int step = 0; step < STEPS; step++) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (random.nextInt(400) == 0) {
                        lazy.finish();
                        full.finish();
                    } else if (!lazy.isFinished()) {
                        long end = lazy.writtenEnd();
                        int length = random.nextInt(lazy.freeBytes() + 10);
                        byte[] bytes = pattern(end, length);
                        assertThat(lazy.write(bytes, 0, length)).isEqualTo(full.write(bytes, 0, length));
                    }
                }
                case 1 -> {
                    int maxLength = random.nextInt(Math.min(capacity, 700) + 1);
                    long limit = lazy.sendOffset() + random.nextInt(capacity + 1);
                    SendBuffer.Chunk fromLazy = new SendBuffer.Chunk();
                    SendBuffer.Chunk fromFull = new SendBuffer.Chunk();
                    assertThat(lazy.pollChunk(maxLength, limit, fromLazy))
                            .isEqualTo(full.pollChunk(maxLength, limit, fromFull));
                    assertThat(fromLazy.toString()).isEqualTo(fromFull.toString());
                    if (fromLazy.length > 0 || fromLazy.fin) {
                        byte[] copy = new byte[fromLazy.length];
                        lazy.copyTo(fromLazy.offset, fromLazy.length, copy, 0);
                        assertThat(copy).isEqualTo(pattern(fromLazy.offset, fromLazy.length));
                        inFlight.add(fromLazy);
                    }
                }
                case 2, 3 -> {
                    if (!inFlight.isEmpty()) {
                        SendBuffer.Chunk chunk = inFlight.remove(random.nextInt(inFlight.size()));
                        lazy.onAcked(chunk.offset, chunk.length, chunk.fin);
                        full.onAcked(chunk.offset, chunk.length, chunk.fin);
                    }
                }
                case 4 -> {
                    if (!inFlight.isEmpty()) {
                        SendBuffer.Chunk chunk = inFlight.remove(random.nextInt(inFlight.size()));
                        lazy.onLost(chunk.offset, chunk.length, chunk.fin);
                        full.onLost(chunk.offset, chunk.length, chunk.fin);
                    }
                }
                default -> {
                    long held = lazy.writtenEnd() - lazy.ackedFront();
                    long from = lazy.ackedFront() + (long) (random.nextDouble() * (held + 1));
                    int length = random.nextInt((int) (lazy.writtenEnd() - from) + 1);
                    byte[] copy = new byte[length];
                    lazy.copyTo(from, length, copy, 0);
                    assertThat(copy).isEqualTo(pattern(from, length));
                }
            }
            assertSameState(lazy, full);
            long window = lazy.writtenEnd() - lazy.ackedFront();
            peakWindow = window == 0 ? 0 : Math.max(peakWindow, window);
            assertThat(lazy.allocatedBytes())
                    .isBetween(sendStorage(window), sendStorage(largestRingFor(peakWindow, initial, capacity)));
        }
    }

    @Property(tries = 200, seed = "20240623")
    void aLazilyGrownReceiveBufferMatchesOneAllocatedInFull(
            @ForAll @IntRange(min = 1, max = 6_000) int capacity,
            @ForAll("initialSizes") int initial,
            @ForAll long seed) {
        Random random = new Random(seed);
        ReceiveBuffer lazy = new ReceiveBuffer(capacity, initial);
        ReceiveBuffer full = new ReceiveBuffer(capacity, capacity);
        long peakWindow = 0;
        for (int step = 0; step < STEPS; step++) {
            int action = random.nextInt(1_000);
            if (action < 600) {
                // A frame around the window, sometimes past it; a resent copy may differ (first wins).
                long offset = Math.max(0, lazy.readOffset() - 50 + random.nextInt(capacity + 120));
                int length = random.nextInt(Math.min(capacity, 700) + 1);
                byte[] bytes = pattern(offset, length);
                if (random.nextInt(4) == 0) {
                    for (int i = 0; i < length; i++) {
                        bytes[i] ^= 0x5A;
                    }
                }
                boolean fin = random.nextInt(300) == 0;
                assertThat(lazy.onData(offset, bytes, 0, length, fin))
                        .isEqualTo(full.onData(offset, bytes, 0, length, fin));
            } else if (action < 999) {
                int length = random.nextInt(capacity + 1);
                byte[] fromLazy = new byte[length];
                byte[] fromFull = new byte[length];
                assertThat(lazy.read(fromLazy, 0, length)).isEqualTo(full.read(fromFull, 0, length));
                assertThat(fromLazy).isEqualTo(fromFull);
            } else {
                lazy.discardIncoming();
                full.discardIncoming();
            }
            assertSameState(lazy, full);
            long window = lazy.highestReceivedEnd() - lazy.readOffset();
            peakWindow = window == 0 ? 0 : Math.max(peakWindow, window);
            assertThat(lazy.allocatedBytes()).isBetween(receiveStorage(window),
                    receiveStorage(largestRingFor(peakWindow, initial, capacity)));
        }
    }

    private static void assertSameState(SendBuffer lazy, SendBuffer full) {
        assertThat(state(lazy)).isEqualTo(state(full));
    }

    private static void assertSameState(ReceiveBuffer lazy, ReceiveBuffer full) {
        assertThat(state(lazy)).isEqualTo(state(full));
    }

    /** Everything a {@link SendBuffer} reports, in one array (one assertion per step keeps this fast). */
    private static long[] state(SendBuffer buffer) {
        return new long[] {buffer.writtenEnd(), buffer.ackedFront(), buffer.sendOffset(),
            buffer.freeBytes(), buffer.hasRetransmission() ? 1 : 0,
            buffer.hasSendable(Long.MAX_VALUE) ? 1 : 0, buffer.isAllAcknowledged() ? 1 : 0};
    }

    /** Everything a {@link ReceiveBuffer} reports, in one array. */
    private static long[] state(ReceiveBuffer buffer) {
        return new long[] {buffer.readOffset(), buffer.contiguousEnd(), buffer.highestReceivedEnd(),
            buffer.readableBytes(), buffer.finalSize(), buffer.isEndOfStream() ? 1 : 0};
    }
}
