package io.rudp.core.stream;

import static io.rudp.core.stream.SendBufferFixtures.NO_LIMIT;
import static io.rudp.core.stream.SendBufferFixtures.assertChunk;
import static io.rudp.core.stream.SendBufferFixtures.bufferWith;
import static io.rudp.core.stream.SendBufferFixtures.pattern;
import static io.rudp.core.stream.SendBufferFixtures.patternByte;
import static io.rudp.core.stream.SendBufferFixtures.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SendBufferTest {

    @Nested
    class Writing {

        @Test
        void acceptsEveryByteWhileThereIsRoom() {
            SendBuffer buffer = new SendBuffer(100);

            assertThat(buffer.write(pattern(0, 60), 0, 60)).isEqualTo(60);
            assertThat(buffer.writtenEnd()).isEqualTo(60);
            assertThat(buffer.freeBytes()).isEqualTo(40);
            assertThat(buffer.unsentBytes()).isEqualTo(60);
        }

        @Test
        void acceptsOnlyWhatFitsWhenNearlyFull() {
            SendBuffer buffer = bufferWith(100, 70);

            assertThat(buffer.write(new byte[50], 0, 50)).isEqualTo(30);
            assertThat(buffer.freeBytes()).isZero();
            assertThat(buffer.writtenEnd()).isEqualTo(100);
        }

        @Test
        void acceptsNothingWhenFull() {
            SendBuffer buffer = bufferWith(100, 100);

            assertThat(buffer.write(new byte[10], 0, 10)).isZero();
            assertThat(buffer.writtenEnd()).isEqualTo(100);
        }

        @Test
        void readsFromTheGivenSliceOfTheSourceArray() {
            SendBuffer buffer = new SendBuffer(16);
            byte[] source = {9, 9, 1, 2, 3, 9};

            buffer.write(source, 2, 3);
            byte[] copy = new byte[3];
            buffer.copyTo(0, 3, copy, 0);

            assertThat(copy).containsExactly(1, 2, 3);
        }

        @Test
        void refusesWritesAfterFinish() {
            SendBuffer buffer = bufferWith(100, 10);
            buffer.finish();

            assertThatThrownBy(() -> buffer.write(new byte[1], 0, 1))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void finishIsIdempotentAndFixesTheFinalSize() {
            SendBuffer buffer = bufferWith(100, 10);
            buffer.finish();
            buffer.finish();

            assertThat(buffer.isFinished()).isTrue();
            assertThat(buffer.writtenEnd()).isEqualTo(10);
        }

        @Test
        void freesSpaceOnlyWhenTheFrontIsAcknowledged() {
            SendBuffer buffer = bufferWith(100, 100);
            poll(buffer, 100, NO_LIMIT);

            buffer.onAcked(50, 50, false);
            assertThat(buffer.freeBytes()).isZero();
            assertThat(buffer.ackedFront()).isZero();

            buffer.onAcked(0, 50, false);
            assertThat(buffer.freeBytes()).isEqualTo(100);
            assertThat(buffer.ackedFront()).isEqualTo(100);
        }
    }

    @Nested
    class Chunking {

        @Test
        void splitsNewDataByMaxLength() {
            SendBuffer buffer = bufferWith(100, 25);

            assertChunk(poll(buffer, 10, NO_LIMIT), 0, 10, false);
            assertChunk(poll(buffer, 10, NO_LIMIT), 10, 10, false);
            assertChunk(poll(buffer, 10, NO_LIMIT), 20, 5, false);
            assertThat(buffer.sendOffset()).isEqualTo(25);
            assertThat(buffer.unsentBytes()).isZero();
        }

        @Test
        void stopsAtTheFlowLimit() {
            SendBuffer buffer = bufferWith(100, 50);

            assertChunk(poll(buffer, 40, 30), 0, 30, false);
            assertThat(buffer.hasSendable(30)).isFalse();
            assertThat(buffer.hasSendable(31)).isTrue();
            assertChunk(poll(buffer, 40, 45), 30, 15, false);
        }

        @Test
        void returnsFalseAndLeavesTheChunkUntouchedWhenNothingFits() {
            SendBuffer buffer = bufferWith(100, 50);
            SendBuffer.Chunk chunk = new SendBuffer.Chunk();
            chunk.offset = 77;
            chunk.length = 7;
            chunk.fin = true;

            assertThat(buffer.pollChunk(10, 0, chunk)).as("blocked by credit").isFalse();
            assertThat(buffer.pollChunk(0, NO_LIMIT, chunk)).as("no room").isFalse();
            assertThat(new SendBuffer(10).pollChunk(10, NO_LIMIT, chunk)).as("empty").isFalse();
            assertChunk(chunk, 77, 7, true);
        }

        @Test
        void treatsAFlowLimitBelowTheSendOffsetAsNoCredit() {
            SendBuffer buffer = bufferWith(100, 50);
            poll(buffer, 20, NO_LIMIT);

            assertThat(buffer.hasSendable(10)).isFalse();
            assertThat(buffer.hasSendable(Long.MIN_VALUE)).isFalse();
            assertThat(buffer.pollChunk(20, Long.MIN_VALUE, new SendBuffer.Chunk())).isFalse();
        }

        @Test
        void hasNothingSendableWhenEmpty() {
            assertThat(new SendBuffer(10).hasSendable(NO_LIMIT)).isFalse();
        }

        @Test
        void rejectsANegativeMaxLength() {
            SendBuffer buffer = bufferWith(10, 5);

            assertThatThrownBy(() -> buffer.pollChunk(-1, NO_LIMIT, new SendBuffer.Chunk()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Retransmission {

        @Test
        void resendsLostRangesBeforeNewDataLowestOffsetFirst() {
            SendBuffer buffer = bufferWith(100, 60);
            poll(buffer, 10, NO_LIMIT); // [0,10)
            poll(buffer, 10, NO_LIMIT); // [10,20)
            poll(buffer, 10, NO_LIMIT); // [20,30)

            buffer.onLost(20, 10, false);
            buffer.onLost(0, 10, false);

            assertThat(buffer.hasRetransmission()).isTrue();
            assertChunk(poll(buffer, 100, NO_LIMIT), 0, 10, false);
            assertChunk(poll(buffer, 100, NO_LIMIT), 20, 10, false);
            assertThat(buffer.hasRetransmission()).isFalse();
            assertChunk(poll(buffer, 100, NO_LIMIT), 30, 30, false);
        }

        @Test
        void resendsLostBytesEvenWhenTheCreditIsExhausted() {
            SendBuffer buffer = bufferWith(100, 60);
            poll(buffer, 30, 30);
            buffer.onLost(0, 30, false);

            assertThat(buffer.hasSendable(30)).isTrue();
            assertChunk(poll(buffer, 100, 30), 0, 30, false);
        }

        @Test
        void splitsARetransmissionByMaxLength() {
            SendBuffer buffer = bufferWith(100, 30);
            poll(buffer, 30, NO_LIMIT);
            buffer.onLost(0, 30, false);

            assertChunk(poll(buffer, 12, NO_LIMIT), 0, 12, false);
            assertChunk(poll(buffer, 12, NO_LIMIT), 12, 12, false);
            assertChunk(poll(buffer, 12, NO_LIMIT), 24, 6, false);
            assertThat(buffer.hasRetransmission()).isFalse();
        }

        @Test
        void resendsOnlyTheUnacknowledgedPartsOfALostRange() {
            SendBuffer buffer = bufferWith(100, 100);
            poll(buffer, 100, NO_LIMIT);

            buffer.onAcked(30, 30, false);
            buffer.onLost(0, 100, false);

            assertChunk(poll(buffer, 100, NO_LIMIT), 0, 30, false);
            assertChunk(poll(buffer, 100, NO_LIMIT), 60, 40, false);
            assertThat(buffer.hasRetransmission()).isFalse();
        }

        @Test
        void dropsAQueuedRetransmissionThatIsAcknowledgedLate() {
            SendBuffer buffer = bufferWith(100, 100);
            poll(buffer, 100, NO_LIMIT);
            buffer.onLost(0, 100, false);

            buffer.onAcked(40, 20, false); // the "lost" packet's ack shows up after all

            assertChunk(poll(buffer, 100, NO_LIMIT), 0, 40, false);
            assertChunk(poll(buffer, 100, NO_LIMIT), 60, 40, false);
            assertThat(buffer.hasRetransmission()).isFalse();
        }

        @Test
        void queuesNothingWhenTheLostRangeIsAlreadyAcknowledged() {
            SendBuffer buffer = bufferWith(100, 50);
            poll(buffer, 50, NO_LIMIT);
            buffer.onAcked(0, 20, false);
            buffer.onAcked(30, 20, false);

            buffer.onLost(0, 20, false);
            buffer.onLost(30, 20, false);

            assertThat(buffer.hasRetransmission()).isFalse();
            assertThat(buffer.hasSendable(NO_LIMIT)).isFalse();
        }

        @Test
        void mergesOverlappingAndDuplicateLosses() {
            SendBuffer buffer = bufferWith(100, 100);
            poll(buffer, 100, NO_LIMIT);

            buffer.onLost(10, 20, false);
            buffer.onLost(20, 20, false);
            buffer.onLost(10, 20, false);

            assertChunk(poll(buffer, 100, NO_LIMIT), 10, 30, false);
            assertThat(buffer.hasRetransmission()).isFalse();
        }

        @Test
        void ignoresLossesOfBytesNeverSent() {
            SendBuffer buffer = bufferWith(100, 50);
            poll(buffer, 10, NO_LIMIT);

            buffer.onLost(10, 40, false);

            assertThat(buffer.hasRetransmission()).isFalse();
            assertChunk(poll(buffer, 100, NO_LIMIT), 10, 40, false);
        }

        @Test
        void resendsARangeLostTwice() {
            SendBuffer buffer = bufferWith(100, 20);
            poll(buffer, 20, NO_LIMIT);
            buffer.onLost(0, 20, false);
            poll(buffer, 20, NO_LIMIT);

            buffer.onLost(0, 20, false);

            assertChunk(poll(buffer, 20, NO_LIMIT), 0, 20, false);
        }

        @Test
        void findsALostRangeBelowOneAlreadyResent() {
            SendBuffer buffer = bufferWith(100, 100);
            poll(buffer, 100, NO_LIMIT);
            buffer.onLost(80, 10, false);
            assertChunk(poll(buffer, 100, NO_LIMIT), 80, 10, false);

            buffer.onLost(5, 5, false);

            assertChunk(poll(buffer, 100, NO_LIMIT), 5, 5, false);
        }
    }

    @Nested
    class Acknowledgement {

        @Test
        void ignoresDuplicateAndOverlappingAcks() {
            SendBuffer buffer = bufferWith(100, 100);
            poll(buffer, 100, NO_LIMIT);

            buffer.onAcked(0, 40, false);
            buffer.onAcked(0, 40, false);
            buffer.onAcked(20, 40, false);
            buffer.onAcked(10, 5, false);

            assertThat(buffer.ackedFront()).isEqualTo(60);
            assertThat(buffer.freeBytes()).isEqualTo(60);
        }

        @Test
        void joinsOutOfOrderAcksIntoTheFront() {
            SendBuffer buffer = bufferWith(100, 100);
            poll(buffer, 100, NO_LIMIT);

            buffer.onAcked(70, 30, false);
            buffer.onAcked(20, 30, false);
            assertThat(buffer.ackedFront()).isZero();
            buffer.onAcked(0, 20, false);
            assertThat(buffer.ackedFront()).isEqualTo(50);
            buffer.onAcked(50, 20, false);

            assertThat(buffer.ackedFront()).isEqualTo(100);
        }

        @Test
        void ignoresAcksOfBytesNeverSent() {
            SendBuffer buffer = bufferWith(100, 100);
            poll(buffer, 40, NO_LIMIT);

            buffer.onAcked(0, 100, false);

            assertThat(buffer.ackedFront()).isEqualTo(40);
            assertThat(buffer.unsentBytes()).isEqualTo(60);
        }

        @Test
        void isAllAcknowledgedOnlyOnceFinishedAndEveryByteAndTheFinAreAcked() {
            SendBuffer buffer = bufferWith(100, 30);
            poll(buffer, 30, NO_LIMIT);
            buffer.onAcked(0, 30, false);
            assertThat(buffer.isAllAcknowledged()).as("not finished").isFalse();

            buffer.finish();
            SendBuffer.Chunk fin = poll(buffer, 10, NO_LIMIT);
            assertThat(buffer.isAllAcknowledged()).as("FIN in flight").isFalse();

            buffer.onAcked(fin.offset, fin.length, fin.fin);
            assertThat(buffer.isAllAcknowledged()).isTrue();
        }

        @Test
        void isNotAllAcknowledgedWhileBytesBeforeAnAckedFinAreMissing() {
            SendBuffer buffer = bufferWith(100, 30);
            buffer.finish();
            poll(buffer, 20, NO_LIMIT);
            SendBuffer.Chunk last = poll(buffer, 20, NO_LIMIT);

            buffer.onAcked(last.offset, last.length, last.fin);

            assertThat(last.fin).isTrue();
            assertThat(buffer.isAllAcknowledged()).isFalse();
            buffer.onAcked(0, 20, false);
            assertThat(buffer.isAllAcknowledged()).isTrue();
        }
    }

    @Nested
    class Copying {

        @Test
        void copiesBytesAcrossTheRingSeam() {
            SendBuffer buffer = bufferWith(10, 8);
            poll(buffer, 8, NO_LIMIT);
            buffer.onAcked(0, 8, false);
            assertThat(buffer.write(pattern(8, 10), 0, 10)).isEqualTo(10); // [8,18): seam at 10

            byte[] copy = new byte[10];
            buffer.copyTo(8, 10, copy, 0);
            assertThat(copy).containsExactly(pattern(8, 10));

            byte[] middle = new byte[5];
            buffer.copyTo(9, 3, middle, 1);
            assertThat(middle).containsExactly(0, patternByte(9), patternByte(10), patternByte(11), 0);
        }

        @Test
        void refusesRangesOutsideTheHeldBytes() {
            SendBuffer buffer = bufferWith(10, 8);
            poll(buffer, 8, NO_LIMIT);
            buffer.onAcked(0, 4, false);
            byte[] copy = new byte[10];

            assertThatThrownBy(() -> buffer.copyTo(3, 2, copy, 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> buffer.copyTo(4, 5, copy, 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> buffer.copyTo(4, 4, copy, 8))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
