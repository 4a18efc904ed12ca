package io.rudp.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared helpers for the {@link SendBuffer} tests. */
final class SendBufferFixtures {

    /** A flow limit that never stops the sender. */
    static final long NO_LIMIT = Long.MAX_VALUE;

    private SendBufferFixtures() {
    }

    /** Distinct, offset-dependent bytes so a misplaced copy shows. */
    static byte[] pattern(long fromOffset, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = patternByte(fromOffset + i);
        }
        return bytes;
    }

    /** The byte the pattern puts at a stream offset. */
    static byte patternByte(long offset) {
        return (byte) (offset * 7 + (offset >>> 8) + (offset >>> 32));
    }

    /** A buffer of {@code capacity} holding the first {@code written} pattern bytes, none sent. */
    static SendBuffer bufferWith(int capacity, int written) {
        SendBuffer buffer = new SendBuffer(capacity);
        assertThat(buffer.write(pattern(0, written), 0, written)).isEqualTo(written);
        return buffer;
    }

    /** Polls a chunk that must exist. */
    static SendBuffer.Chunk poll(SendBuffer buffer, int maxLength, long flowLimit) {
        SendBuffer.Chunk chunk = new SendBuffer.Chunk();
        assertThat(buffer.pollChunk(maxLength, flowLimit, chunk)).as("pollChunk").isTrue();
        return chunk;
    }

    /** Checks every field of a chunk. */
    static void assertChunk(SendBuffer.Chunk chunk, long offset, int length, boolean fin) {
        assertThat(chunk.offset).as("offset").isEqualTo(offset);
        assertThat(chunk.length).as("length").isEqualTo(length);
        assertThat(chunk.fin).as("fin").isEqualTo(fin);
    }
}
