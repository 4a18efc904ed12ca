package io.rudp.core.stream;

import static io.rudp.core.stream.SendBufferFixtures.NO_LIMIT;
import static io.rudp.core.stream.SendBufferFixtures.assertChunk;
import static io.rudp.core.stream.SendBufferFixtures.bufferWith;
import static io.rudp.core.stream.SendBufferFixtures.poll;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The FIN of a {@link SendBuffer}: when it goes, how it is resent, when it counts as delivered. */
class SendBufferFinTest {

    @Test
    void ridesOnTheChunkThatReachesTheFinalSize() {
        SendBuffer buffer = bufferWith(100, 25);
        buffer.finish();

        assertChunk(poll(buffer, 20, NO_LIMIT), 0, 20, false);
        assertChunk(poll(buffer, 20, NO_LIMIT), 20, 5, true);
        assertThat(buffer.hasSendable(NO_LIMIT)).isFalse();
    }

    @Test
    void goesAloneAsAZeroLengthChunkWhenFinishedAfterEverythingWasSent() {
        SendBuffer buffer = bufferWith(100, 25);
        poll(buffer, 25, NO_LIMIT);
        assertThat(buffer.hasSendable(NO_LIMIT)).isFalse();

        buffer.finish();

        assertThat(buffer.hasSendable(NO_LIMIT)).isTrue();
        assertChunk(poll(buffer, 0, 0), 25, 0, true);
        assertThat(buffer.hasSendable(NO_LIMIT)).isFalse();
    }

    @Test
    void endsAnEmptyStreamAtOffsetZero() {
        SendBuffer buffer = new SendBuffer(10);
        buffer.finish();

        SendBuffer.Chunk fin = poll(buffer, 100, 0);
        assertChunk(fin, 0, 0, true);
        buffer.onAcked(fin.offset, fin.length, fin.fin);
        assertThat(buffer.isAllAcknowledged()).isTrue();
    }

    @Test
    void waitsForTheCreditToReachTheFinalSize() {
        SendBuffer buffer = bufferWith(100, 25);
        buffer.finish();

        assertChunk(poll(buffer, 100, 20), 0, 20, false);
        assertThat(buffer.hasSendable(20)).isFalse();
        assertChunk(poll(buffer, 100, 25), 20, 5, true);
    }

    @Test
    void isResentAloneWhenOnlyTheFinWasLost() {
        SendBuffer buffer = bufferWith(100, 25);
        poll(buffer, 25, NO_LIMIT);
        buffer.finish();
        SendBuffer.Chunk fin = poll(buffer, 10, NO_LIMIT);
        buffer.onAcked(0, 25, false);

        buffer.onLost(fin.offset, fin.length, fin.fin);

        assertThat(buffer.hasRetransmission()).isTrue();
        assertChunk(poll(buffer, 10, NO_LIMIT), 25, 0, true);
        assertThat(buffer.hasSendable(NO_LIMIT)).isFalse();
    }

    @Test
    void isResentWithTheLostTailItRodeOn() {
        SendBuffer buffer = bufferWith(100, 25);
        buffer.finish();
        SendBuffer.Chunk last = poll(buffer, 25, NO_LIMIT);

        buffer.onLost(last.offset, last.length, last.fin);

        assertChunk(poll(buffer, 10, NO_LIMIT), 0, 10, false);
        assertChunk(poll(buffer, 10, NO_LIMIT), 10, 10, false);
        assertChunk(poll(buffer, 10, NO_LIMIT), 20, 5, true);
        assertThat(buffer.hasRetransmission()).isFalse();
    }

    @Test
    void goesAloneAfterLowerLostBytesWhenTheTailWasAcknowledged() {
        SendBuffer buffer = bufferWith(100, 30);
        buffer.finish();
        SendBuffer.Chunk first = poll(buffer, 10, NO_LIMIT);
        SendBuffer.Chunk last = poll(buffer, 20, NO_LIMIT);
        buffer.onAcked(20, 10, false);

        buffer.onLost(first.offset, first.length, first.fin);
        buffer.onLost(last.offset, last.length, last.fin);

        assertChunk(poll(buffer, 100, NO_LIMIT), 0, 20, false);
        assertChunk(poll(buffer, 100, NO_LIMIT), 30, 0, true);
        assertThat(buffer.hasRetransmission()).isFalse();
    }

    @Test
    void fitsAloneWhenThereIsNoRoomForLostBytes() {
        SendBuffer buffer = bufferWith(100, 30);
        buffer.finish();
        SendBuffer.Chunk all = poll(buffer, 30, NO_LIMIT);
        buffer.onLost(all.offset, all.length, all.fin);

        assertChunk(poll(buffer, 0, NO_LIMIT), 30, 0, true);
        assertChunk(poll(buffer, 100, NO_LIMIT), 0, 30, false);
        assertThat(buffer.hasRetransmission()).isFalse();
    }

    @Test
    void ridesOnARetransmissionThatReachesTheFinalSize() {
        SendBuffer buffer = bufferWith(100, 30);
        poll(buffer, 30, NO_LIMIT);
        buffer.onLost(0, 30, false);

        buffer.finish();

        assertChunk(poll(buffer, 20, NO_LIMIT), 0, 20, false);
        assertChunk(poll(buffer, 20, NO_LIMIT), 20, 10, true);
        assertThat(buffer.hasSendable(NO_LIMIT)).isFalse();
    }

    @Test
    void isNotResentOnceAcknowledged() {
        SendBuffer buffer = bufferWith(100, 10);
        buffer.finish();
        SendBuffer.Chunk all = poll(buffer, 10, NO_LIMIT);
        buffer.onAcked(all.offset, all.length, all.fin);

        buffer.onLost(all.offset, all.length, all.fin);

        assertThat(buffer.hasRetransmission()).isFalse();
        assertThat(buffer.isAllAcknowledged()).isTrue();
    }

    @Test
    void isDroppedFromTheQueueWhenAcknowledgedAfterBeingDeclaredLost() {
        SendBuffer buffer = bufferWith(100, 10);
        buffer.finish();
        SendBuffer.Chunk all = poll(buffer, 10, NO_LIMIT);
        buffer.onLost(all.offset, all.length, all.fin);

        buffer.onAcked(all.offset, all.length, all.fin);

        assertThat(buffer.hasRetransmission()).isFalse();
        assertThat(buffer.hasSendable(NO_LIMIT)).isFalse();
        assertThat(buffer.isAllAcknowledged()).isTrue();
    }
}
