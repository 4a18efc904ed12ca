package io.rudp.core.stream;

import static io.rudp.core.stream.SendBufferFixtures.NO_LIMIT;
import static io.rudp.core.stream.SendBufferFixtures.pattern;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A {@link SendBuffer} whose offsets run far past its capacity, so the ring wraps many times. */
class SendBufferWrapAroundTest {

    @Test
    void keepsEveryByteRightThroughManySmallWriteAckCycles() {
        Random random = new Random(7);
        SendBuffer buffer = new SendBuffer(97);
        SendBuffer.Chunk chunk = new SendBuffer.Chunk();
        List<SendBuffer.Chunk> inFlight = new ArrayList<>();
        for (int round = 0; round < 40_000; round++) {
            long end = buffer.writtenEnd();
            int length = random.nextInt(buffer.freeBytes() + 1);
            buffer.write(pattern(end, length), 0, length);
            while (buffer.pollChunk(1 + random.nextInt(40), NO_LIMIT, chunk)) {
                byte[] copy = new byte[chunk.length];
                buffer.copyTo(chunk.offset, chunk.length, copy, 0);
                assertThat(copy).containsExactly(pattern(chunk.offset, chunk.length));
                SendBuffer.Chunk sent = new SendBuffer.Chunk();
                sent.offset = chunk.offset;
                sent.length = chunk.length;
                inFlight.add(sent);
            }
            // Settle in random order; a quarter is lost and comes back in the next round.
            while (!inFlight.isEmpty()) {
                SendBuffer.Chunk settled = inFlight.remove(random.nextInt(inFlight.size()));
                if (random.nextInt(4) == 0) {
                    buffer.onLost(settled.offset, settled.length, false);
                } else {
                    buffer.onAcked(settled.offset, settled.length, false);
                }
            }
        }
        while (buffer.pollChunk(97, NO_LIMIT, chunk)) {
            buffer.onAcked(chunk.offset, chunk.length, false);
        }

        assertThat(buffer.writtenEnd()).as("many laps of the ring").isGreaterThan(1_000_000);
        assertThat(buffer.ackedFront()).isEqualTo(buffer.writtenEnd());
        assertThat(buffer.freeBytes()).isEqualTo(97);
        assertThat(buffer.hasRetransmission()).isFalse();
    }

    @Test
    void staysCorrectAfterTenGibibytesOfTraffic() {
        int capacity = (1 << 20) + 13; // not a power of two: exercises the modulo
        int period = 251; // prime: data is periodic, so one source array serves every write
        byte[] source = new byte[capacity + period];
        for (int i = 0; i < source.length; i++) {
            source[i] = (byte) (i % period);
        }
        SendBuffer buffer = new SendBuffer(capacity);
        SendBuffer.Chunk chunk = new SendBuffer.Chunk();
        byte[] probe = new byte[64];
        long target = 10L << 30;
        while (buffer.ackedFront() < target) {
            long end = buffer.writtenEnd();
            assertThat(buffer.write(source, (int) (end % period), buffer.freeBytes()))
                    .isEqualTo(capacity - (int) (end - buffer.ackedFront()));
            assertThat(buffer.pollChunk(Integer.MAX_VALUE, NO_LIMIT, chunk)).isTrue();
            long seam = (chunk.offset / capacity + 1) * capacity;
            long probeOffset = Math.max(chunk.offset, Math.min(seam - 32, buffer.writtenEnd() - 64));
            buffer.copyTo(probeOffset, 64, probe, 0);
            int mismatches = 0;
            for (int i = 0; i < probe.length; i++) {
                mismatches += probe[i] == (byte) ((probeOffset + i) % period) ? 0 : 1;
            }
            assertThat(mismatches).as("bytes wrong at offset %d", probeOffset).isZero();
            // Ack the second half first, lose and resend the first half, then ack it.
            int half = chunk.length / 2;
            buffer.onAcked(chunk.offset + half, chunk.length - half, false);
            buffer.onLost(chunk.offset, half, false);
            SendBuffer.Chunk resent = new SendBuffer.Chunk();
            assertThat(buffer.pollChunk(Integer.MAX_VALUE, NO_LIMIT, resent)).isTrue();
            assertThat(resent.offset).isEqualTo(chunk.offset);
            assertThat(resent.length).isEqualTo(half);
            buffer.onAcked(resent.offset, resent.length, false);
            assertThat(buffer.ackedFront()).isEqualTo(buffer.writtenEnd());
        }
        assertThat(buffer.writtenEnd()).isGreaterThan(target);
    }
}
