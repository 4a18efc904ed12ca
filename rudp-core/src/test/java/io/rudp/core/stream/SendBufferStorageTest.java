package io.rudp.core.stream;

import static io.rudp.core.stream.SendBufferFixtures.NO_LIMIT;
import static io.rudp.core.stream.SendBufferFixtures.assertChunk;
import static io.rudp.core.stream.SendBufferFixtures.pattern;
import static io.rudp.core.stream.SendBufferFixtures.poll;
import static io.rudp.core.stream.StorageFixtures.KIB;
import static io.rudp.core.stream.StorageFixtures.MIB;
import static io.rudp.core.stream.StorageFixtures.largestRingFor;
import static io.rudp.core.stream.StorageFixtures.sendStorage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A {@link SendBuffer}'s storage follows the bytes it holds, not its capacity. */
class SendBufferStorageTest {

    private static final int INITIAL = StorageSizing.DEFAULT_INITIAL_BYTES;

    @Test
    void aFreshBufferOfOneMebibyteHoldsAtMostSixteenKibibytes() {
        SendBuffer buffer = new SendBuffer(MIB);

        assertThat(buffer.allocatedBytes()).isLessThanOrEqualTo(16 * KIB);
        buffer.write(pattern(0, 1), 0, 1);
        assertThat(buffer.allocatedBytes()).isLessThanOrEqualTo(16 * KIB);
        assertThat(buffer.freeBytes()).as("the capacity is still all there").isEqualTo(MIB - 1);
    }

    @Test
    void storageGrowsByDoublingAsBytesAreWrittenAndNeverPassesWhatTheCapacityNeeds() {
        int capacity = MIB + 13; // not a power of two: the last step is capped at the capacity
        SendBuffer buffer = new SendBuffer(capacity);
        Set<Long> sizesSeen = new HashSet<>();
        long previous = 0;
        while (buffer.freeBytes() > 0) {
            long end = buffer.writtenEnd();
            int length = Math.min(1_500, buffer.freeBytes());
            assertThat(buffer.write(pattern(end, length), 0, length)).isEqualTo(length);
            long held = buffer.writtenEnd();
            long allocated = buffer.allocatedBytes();

            assertThat(allocated).as("holds every byte written").isGreaterThanOrEqualTo(sendStorage(held));
            assertThat(allocated).as("less than twice what is held")
                    .isLessThanOrEqualTo(sendStorage(largestRingFor(held, INITIAL, capacity)));
            assertThat(allocated).as("never shrinks while bytes are held").isGreaterThanOrEqualTo(previous);
            sizesSeen.add(allocated);
            previous = allocated;
        }
        assertThat(buffer.allocatedBytes()).as("full: exactly what the capacity needs")
                .isEqualTo(sendStorage(capacity));
        // 4 KiB, 8 KiB, ..., 1 MiB, then the capacity: one allocation per doubling, no more.
        assertThat(sizesSeen).hasSize(Integer.numberOfTrailingZeros(MIB / INITIAL) + 2);
    }

    @Test
    void keepsBytesAndAckAndLossStateRightWhenGrowingAcrossTheRingSeam() {
        SendBuffer buffer = new SendBuffer(MIB);
        // Run the offsets far past the 4 KiB ring, leaving the front 1,000 bytes before a seam.
        long base = 100L * INITIAL - 1_000;
        while (buffer.writtenEnd() < base) {
            int length = (int) Math.min(3_000, base - buffer.writtenEnd());
            buffer.write(pattern(buffer.writtenEnd(), length), 0, length);
            SendBuffer.Chunk chunk = poll(buffer, length, NO_LIMIT);
            buffer.onAcked(chunk.offset, chunk.length, false);
        }
        assertThat(buffer.allocatedBytes()).as("the ring never grew").isEqualTo(sendStorage(INITIAL));
        // Six chunks of 500 bytes straddling the seam at base + 1,000: ack #1 and #3, lose #0.
        buffer.write(pattern(base, 3_000), 0, 3_000);
        for (int i = 0; i < 6; i++) {
            assertChunk(poll(buffer, 500, NO_LIMIT), base + 500L * i, 500, false);
        }
        buffer.onAcked(base + 500, 500, false);
        buffer.onAcked(base + 1_500, 500, false);
        buffer.onLost(base, 500, false);

        // 500 bytes stay unsent; 19,500 more need a window of 23,000: the ring grows to 32 KiB.
        buffer.write(pattern(base + 3_000, 500), 0, 500);
        assertThat(buffer.allocatedBytes()).isEqualTo(sendStorage(INITIAL));
        buffer.write(pattern(base + 3_500, 19_500), 0, 19_500);
        assertThat(buffer.allocatedBytes()).isEqualTo(sendStorage(32 * KIB));

        byte[] held = new byte[23_000];
        buffer.copyTo(base, held.length, held, 0);
        assertThat(held).containsExactly(pattern(base, held.length));
        // Losing everything sent requeues only what was never acknowledged.
        buffer.onLost(base, 3_000, false);
        assertChunk(poll(buffer, 3_000, NO_LIMIT), base, 500, false);
        assertChunk(poll(buffer, 3_000, NO_LIMIT), base + 1_000, 500, false);
        assertChunk(poll(buffer, 3_000, NO_LIMIT), base + 2_000, 1_000, false);
        assertThat(buffer.hasRetransmission()).isFalse();
        assertChunk(poll(buffer, 30_000, NO_LIMIT), base + 3_000, 20_000, false);
        buffer.onAcked(base + 2_000, 21_000, false);
        assertThat(buffer.ackedFront()).as("the gaps at #0 and #2 hold the front").isEqualTo(base);
        buffer.onAcked(base, 500, false);
        buffer.onAcked(base + 1_000, 500, false);
        assertThat(buffer.ackedFront()).isEqualTo(base + 23_000);
    }

    @Test
    void aBufferThatDrainedAfterABurstGivesItsStorageBackAndStillKeepsBytesRight() {
        SendBuffer buffer = new SendBuffer(MIB);
        buffer.write(pattern(0, 300_000), 0, 300_000);
        assertThat(buffer.allocatedBytes()).isGreaterThanOrEqualTo(sendStorage(300_000));
        SendBuffer.Chunk chunk = new SendBuffer.Chunk();
        while (buffer.pollChunk(1_200, NO_LIMIT, chunk)) {
            buffer.onAcked(chunk.offset, chunk.length, false);
        }
        assertThat(buffer.ackedFront()).isEqualTo(300_000);
        assertThat(buffer.allocatedBytes()).as("kept while the connection is busy").isGreaterThan(0);

        buffer.trimStorage(); // the connection went quiet

        assertThat(buffer.allocatedBytes()).isZero();

        buffer.write(pattern(300_000, 5_000), 0, 5_000);
        assertThat(buffer.allocatedBytes()).isEqualTo(sendStorage(8 * KIB));
        byte[] copy = new byte[5_000];
        buffer.copyTo(300_000, 5_000, copy, 0);
        assertThat(copy).containsExactly(pattern(300_000, 5_000));
        assertChunk(poll(buffer, 10_000, NO_LIMIT), 300_000, 5_000, false);
    }

    @Test
    void aBulkStreamKeepsStorageUpToTheRetainedSizeAcrossDrains() {
        SendBuffer buffer = new SendBuffer(MIB);
        SendBuffer.Chunk chunk = new SendBuffer.Chunk();
        for (int round = 0; round < 100; round++) {
            long end = buffer.writtenEnd();
            buffer.write(pattern(end, 100_000), 0, 100_000);
            long grown = buffer.allocatedBytes();
            while (buffer.pollChunk(1_200, NO_LIMIT, chunk)) {
                buffer.onAcked(chunk.offset, chunk.length, false);
            }

            assertThat(buffer.allocatedBytes()).as("kept after round %d", round).isEqualTo(grown)
                    .isEqualTo(sendStorage(128 * KIB));
        }
        buffer.write(pattern(buffer.writtenEnd(), 10), 0, 10);
        buffer.trimStorage();
        assertThat(buffer.allocatedBytes()).as("not drained: nothing trimmed").isEqualTo(sendStorage(128 * KIB));
        SendBuffer.Chunk last = poll(buffer, 10, NO_LIMIT);
        buffer.onAcked(last.offset, last.length, false);

        buffer.trimStorage();

        assertThat(buffer.allocatedBytes()).as("trimmed once drained").isZero();
    }

    @Test
    void aBufferThatNeverGrewKeepsItsStorageAcrossManyDrains() {
        SendBuffer buffer = new SendBuffer(MIB);
        for (int round = 0; round < 1_000; round++) {
            long end = buffer.writtenEnd();
            buffer.write(pattern(end, 700), 0, 700);
            SendBuffer.Chunk chunk = poll(buffer, 700, NO_LIMIT);
            buffer.onAcked(chunk.offset, chunk.length, false);

            assertThat(buffer.allocatedBytes()).isEqualTo(sendStorage(INITIAL));
        }
    }

    @Test
    void aBufferStillHoldingOneUnacknowledgedByteKeepsItsStorage() {
        SendBuffer buffer = new SendBuffer(MIB, INITIAL); // retains no more than the initial size
        buffer.write(pattern(0, 50_000), 0, 50_000);
        SendBuffer.Chunk chunk = poll(buffer, 50_000, NO_LIMIT);
        long grown = buffer.allocatedBytes();

        buffer.onAcked(chunk.offset + 1, chunk.length - 1, false);

        assertThat(buffer.allocatedBytes()).isEqualTo(grown);
        buffer.onAcked(chunk.offset, 1, false);
        assertThat(buffer.allocatedBytes()).isZero();
    }
}
