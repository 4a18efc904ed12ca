package io.rudp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sends from several threads at once on one connection are never interleaved inside one send. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConcurrentSendTest {

    private static final int SENDERS = 8;
    private static final int BLOCKS_PER_SENDER = 200;
    private static final int BLOCK_BYTES = 1000;

    @Test
    void eachSendFromEightThreadsArrivesAsOneContiguousBlock() throws Exception {
        int totalBytes = SENDERS * BLOCKS_PER_SENDER * BLOCK_BYTES;
        try (LoopbackPair pair = LoopbackPair.open(); TestThreads threads = new TestThreads(SENDERS)) {
            CyclicBarrier start = new CyclicBarrier(SENDERS);
            List<Future<Void>> senders = new ArrayList<>();
            for (int id = 0; id < SENDERS; id++) {
                byte[] block = new byte[BLOCK_BYTES];
                Arrays.fill(block, (byte) (id + 1)); // tag 1..8: a zero byte would mean a gap
                senders.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < BLOCKS_PER_SENDER; i++) {
                        pair.client.send(block);
                    }
                    return null;
                }));
            }

            byte[] received = new byte[totalBytes];
            int got = 0;
            while (got < totalBytes) { // each receive returns at least one byte, so this ends
                int n = pair.accepted.receive(received, got, totalBytes - got);
                assertThat(n).as("end of stream after %d of %d bytes", got, totalBytes).isPositive();
                got += n;
            }
            for (Future<Void> sender : senders) {
                sender.get(10, TimeUnit.SECONDS);
            }
            pair.client.shutdownOutput();
            assertThat(pair.accepted.receive(new byte[1], 0, 1)).as("nothing beyond the blocks").isEqualTo(-1);

            int[] blocksPerTag = new int[SENDERS + 1];
            for (int b = 0; b < totalBytes / BLOCK_BYTES; b++) {
                int from = b * BLOCK_BYTES;
                byte tag = received[from];
                for (int i = from; i < from + BLOCK_BYTES; i++) {
                    if (received[i] != tag) {
                        throw new AssertionError("block " + b + " is not uniform: byte " + (i - from)
                                + " is " + received[i] + ", the block started with " + tag);
                    }
                }
                assertThat((int) tag).isBetween(1, SENDERS);
                blocksPerTag[tag]++;
            }
            for (int tag = 1; tag <= SENDERS; tag++) {
                assertThat(blocksPerTag[tag]).as("blocks from sender %d", tag).isEqualTo(BLOCKS_PER_SENDER);
            }
        }
    }
}
