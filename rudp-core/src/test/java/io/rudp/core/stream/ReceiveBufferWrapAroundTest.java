package io.rudp.core.stream;

import static io.rudp.core.stream.ReceiveBuffer.Result.ACCEPTED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A {@link ReceiveBuffer} whose offsets run far past its capacity, so the ring wraps many times. */
class ReceiveBufferWrapAroundTest {

    @Test
    void staysCorrectAfterTenGibibytesOfTraffic() {
        int capacity = (1 << 20) + 13; // not a power of two: exercises the modulo
        int period = 251; // prime: data is periodic, so one source array serves every frame
        int frameBytes = capacity / 3;
        byte[] source = new byte[frameBytes + period];
        for (int i = 0; i < source.length; i++) {
            source[i] = (byte) (i % period);
        }
        ReceiveBuffer buffer = new ReceiveBuffer(capacity);
        byte[] sink = new byte[capacity];
        long target = 10L << 30; // far past 2^32, where a 32-bit offset would wrap
        while (buffer.readOffset() < target) {
            // Three frames per round, the middle one last; then one read drains them.
            long base = buffer.readOffset();
            deliverPeriodic(buffer, source, period, base, frameBytes);
            deliverPeriodic(buffer, source, period, base + 2L * frameBytes, frameBytes);
            assertThat(buffer.readableBytes()).isEqualTo(frameBytes);
            deliverPeriodic(buffer, source, period, base + frameBytes, frameBytes);
            assertThat(buffer.read(sink, 0, sink.length)).isEqualTo(3 * frameBytes);
            long seam = (base / capacity + 1) * capacity;
            int mismatches = 0;
            int probeEnd = (int) Math.min(3 * frameBytes, seam - base + 32);
            for (int i = (int) Math.max(0, seam - base - 32); i < probeEnd; i++) {
                mismatches += sink[i] == (byte) ((base + i) % period) ? 0 : 1;
            }
            assertThat(mismatches).as("bytes wrong near offset %d", seam).isZero();
        }
        assertThat(buffer.contiguousEnd()).isEqualTo(buffer.readOffset());
    }

    private static void deliverPeriodic(
            ReceiveBuffer buffer, byte[] source, int period, long offset, int length) {
        assertThat(buffer.onData(offset, source, (int) (offset % period), length, false))
                .isEqualTo(ACCEPTED);
    }
}
