package io.rudp.core.stream;

import static io.rudp.core.stream.ReceiveBuffer.Result.ACCEPTED;
import static io.rudp.core.stream.ReceiveBuffer.Result.DUPLICATE;
import static io.rudp.core.stream.ReceiveBuffer.Result.FLOW_CONTROL_ERROR;
import static io.rudp.core.stream.SendBufferFixtures.pattern;
import static io.rudp.core.stream.StorageFixtures.KIB;
import static io.rudp.core.stream.StorageFixtures.MIB;
import static io.rudp.core.stream.StorageFixtures.largestRingFor;
import static io.rudp.core.stream.StorageFixtures.receiveStorage;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A {@link ReceiveBuffer}'s storage follows the span of bytes it holds, not its capacity. */
class ReceiveBufferStorageTest {

    private static final int INITIAL = StorageSizing.DEFAULT_INITIAL_BYTES;

    private static ReceiveBuffer.Result deliver(ReceiveBuffer buffer, long offset, int length) {
        return buffer.onData(offset, pattern(offset, length), 0, length, false);
    }

    private static byte[] readAll(ReceiveBuffer buffer) {
        byte[] out = new byte[buffer.readableBytes()];
        assertThat(buffer.read(out, 0, out.length)).isEqualTo(out.length);
        return out;
    }

    @Test
    void aFreshBufferOfOneMebibyteHoldsAtMostSixteenKibibytes() {
        ReceiveBuffer buffer = new ReceiveBuffer(MIB);

        assertThat(buffer.allocatedBytes()).isLessThanOrEqualTo(16 * KIB);
        deliver(buffer, 0, 1_200);
        assertThat(buffer.allocatedBytes()).isLessThanOrEqualTo(16 * KIB);
        assertThat(buffer.capacityBytes()).isEqualTo(MIB);
    }

    @Test
    void storageGrowsWithTheSpanReceivedAndNeverPassesWhatTheCapacityNeeds() {
        int capacity = MIB + 13;
        ReceiveBuffer buffer = new ReceiveBuffer(capacity);
        long previous = 0;
        for (long offset = 0; offset < capacity; offset += 1_200) {
            int length = (int) Math.min(1_200, capacity - offset);
            assertThat(deliver(buffer, offset, length)).isEqualTo(ACCEPTED);
            long span = offset + length;
            long allocated = buffer.allocatedBytes();

            assertThat(allocated).isGreaterThanOrEqualTo(receiveStorage(span));
            assertThat(allocated).isLessThanOrEqualTo(receiveStorage(largestRingFor(span, INITIAL, capacity)));
            assertThat(allocated).isGreaterThanOrEqualTo(previous);
            previous = allocated;
        }
        assertThat(buffer.allocatedBytes()).isEqualTo(receiveStorage(capacity));
        assertThat(deliver(buffer, capacity, 1)).isEqualTo(FLOW_CONTROL_ERROR);
        assertThat(buffer.allocatedBytes()).isEqualTo(receiveStorage(capacity));
    }

    @Test
    void oneFarByteGrowsStorageToItsSpanOnlyAndARefusedFrameGrowsNothing() {
        ReceiveBuffer buffer = new ReceiveBuffer(MIB);

        assertThat(deliver(buffer, MIB, 1)).isEqualTo(FLOW_CONTROL_ERROR);
        assertThat(buffer.allocatedBytes()).isZero();
        assertThat(deliver(buffer, 100_000, 1)).isEqualTo(ACCEPTED);
        assertThat(buffer.allocatedBytes()).isEqualTo(receiveStorage(128 * KIB));
    }

    @Test
    void keepsBytesAndReceivedStateRightWhenGrowingAcrossTheRingSeam() {
        ReceiveBuffer buffer = new ReceiveBuffer(MIB);
        // Run the offsets far past the 4 KiB ring, leaving the read offset 1,000 bytes before a seam.
        long base = 100L * INITIAL - 1_000;
        for (long offset = 0; offset < base; offset += 3_000) {
            deliver(buffer, offset, (int) Math.min(3_000, base - offset));
            readAll(buffer);
        }
        assertThat(buffer.readOffset()).isEqualTo(base);
        assertThat(buffer.allocatedBytes()).as("the ring never grew").isEqualTo(receiveStorage(INITIAL));
        // Out of order, one piece straddling the seam at base + 1,000.
        assertThat(deliver(buffer, base + 500, 300)).isEqualTo(ACCEPTED);
        assertThat(deliver(buffer, base + 900, 1_100)).isEqualTo(ACCEPTED);
        assertThat(deliver(buffer, base + 3_000, 1_000)).isEqualTo(ACCEPTED);

        // A frame 10,000 bytes on: the ring grows to 16 KiB with the window straddling the seam.
        assertThat(deliver(buffer, base + 10_000, 500)).isEqualTo(ACCEPTED);
        assertThat(buffer.allocatedBytes()).isEqualTo(receiveStorage(16 * KIB));

        // What arrived before the growth is still known to have arrived: the first copy wins.
        byte[] other = new byte[1_100];
        assertThat(buffer.onData(base + 900, other, 0, other.length, false)).isEqualTo(DUPLICATE);
        assertThat(buffer.onData(base + 3_000, other, 0, 1_000, false)).isEqualTo(DUPLICATE);
        // Fill the gaps; the whole span then reads back in order.
        deliver(buffer, base, 500);
        deliver(buffer, base + 800, 100);
        deliver(buffer, base + 2_000, 1_000);
        deliver(buffer, base + 4_000, 6_000);
        assertThat(buffer.readableBytes()).isEqualTo(10_500);
        assertThat(readAll(buffer)).containsExactly(pattern(base, 10_500));
    }

    @Test
    void aBufferReadEmptyAfterABurstGivesItsStorageBackAndStillKeepsBytesRight() {
        ReceiveBuffer buffer = new ReceiveBuffer(MIB);
        for (long offset = 0; offset < 300_000; offset += 1_200) {
            deliver(buffer, offset, 1_200);
        }
        assertThat(buffer.allocatedBytes()).isGreaterThanOrEqualTo(receiveStorage(300_000));
        byte[] half = new byte[150_000];
        buffer.read(half, 0, half.length);
        assertThat(buffer.allocatedBytes()).as("bytes still held").isGreaterThanOrEqualTo(receiveStorage(150_000));

        buffer.read(half, 0, half.length);

        assertThat(half).containsExactly(pattern(150_000, 150_000));
        assertThat(buffer.allocatedBytes()).as("kept while the connection is busy").isGreaterThan(0);
        buffer.trimStorage(); // the connection went quiet
        assertThat(buffer.allocatedBytes()).isZero();
        deliver(buffer, 305_000, 1_000);
        deliver(buffer, 300_000, 5_000);
        assertThat(buffer.allocatedBytes()).isEqualTo(receiveStorage(8 * KIB));
        assertThat(readAll(buffer)).containsExactly(pattern(300_000, 6_000));
    }

    @Test
    void aBufferReadEmptyKeepsStorageUpToTheRetainedSizeSoABulkStreamDoesNotReallocate() {
        ReceiveBuffer buffer = new ReceiveBuffer(MIB);
        long offset = 0;
        for (int cycle = 0; cycle < 50; cycle++) {
            for (int i = 0; i < 50; i++, offset += 1_200) {
                deliver(buffer, offset, 1_200);
            }
            long grown = buffer.allocatedBytes();
            assertThat(readAll(buffer)).containsExactly(pattern(offset - 60_000, 60_000));

            assertThat(buffer.allocatedBytes()).as("kept after cycle %d", cycle).isEqualTo(grown)
                    .isEqualTo(receiveStorage(64 * KIB));
        }
        deliver(buffer, offset, 1_000);
        buffer.trimStorage();
        assertThat(buffer.allocatedBytes()).as("not drained: nothing trimmed").isEqualTo(receiveStorage(64 * KIB));

        assertThat(readAll(buffer)).containsExactly(pattern(offset, 1_000));
        buffer.trimStorage();

        assertThat(buffer.allocatedBytes()).as("trimmed once drained").isZero();
        deliver(buffer, offset + 1_000, 500);
        assertThat(buffer.allocatedBytes()).isEqualTo(receiveStorage(INITIAL));
        buffer.trimStorage();
        assertThat(readAll(buffer)).containsExactly(pattern(offset + 1_000, 500));
        buffer.trimStorage();
        assertThat(buffer.allocatedBytes()).as("a quiet trim takes the initial size too").isZero();
    }

    @Test
    void aBufferWithAGapKeepsItsStorageUntilTheGapFillsAndIsRead() {
        ReceiveBuffer buffer = new ReceiveBuffer(MIB, INITIAL); // retains no more than the initial size
        deliver(buffer, 0, 40_000);
        deliver(buffer, 40_001, 9_999);
        readAll(buffer);
        long grown = buffer.allocatedBytes();
        assertThat(grown).isGreaterThanOrEqualTo(receiveStorage(50_000));

        deliver(buffer, 40_000, 1);

        assertThat(buffer.allocatedBytes()).as("filled but not read yet").isEqualTo(grown);
        assertThat(readAll(buffer)).containsExactly(pattern(40_000, 10_000));
        assertThat(buffer.allocatedBytes()).isZero();
    }

    @Test
    void aBufferThatNeverGrewKeepsItsStorageAcrossManyReads() {
        ReceiveBuffer buffer = new ReceiveBuffer(MIB);
        for (long offset = 0; offset < 1_000_000; offset += 1_000) {
            deliver(buffer, offset, 1_000);
            readAll(buffer);

            assertThat(buffer.allocatedBytes()).isEqualTo(receiveStorage(INITIAL));
        }
    }

    @Test
    void aDiscardingBufferGivesItsStorageBackOnceItCatchesUp() {
        ReceiveBuffer buffer = new ReceiveBuffer(MIB, INITIAL); // retains no more than the initial size
        deliver(buffer, 10_000, 90_000);
        buffer.discardIncoming();
        assertThat(buffer.allocatedBytes()).isGreaterThanOrEqualTo(receiveStorage(100_000));

        deliver(buffer, 0, 10_000);

        assertThat(buffer.readOffset()).isEqualTo(100_000);
        assertThat(buffer.allocatedBytes()).isZero();
    }
}
