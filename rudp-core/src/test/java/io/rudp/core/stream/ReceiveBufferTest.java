package io.rudp.core.stream;

import static io.rudp.core.stream.ReceiveBuffer.Result.ACCEPTED;
import static io.rudp.core.stream.ReceiveBuffer.Result.DUPLICATE;
import static io.rudp.core.stream.ReceiveBuffer.Result.FINAL_SIZE_ERROR;
import static io.rudp.core.stream.ReceiveBuffer.Result.FLOW_CONTROL_ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReceiveBufferTest {

    private static byte[] pattern(long fromOffset, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ((fromOffset + i) * 13 + ((fromOffset + i) >>> 8));
        }
        return bytes;
    }

    /** Delivers stream bytes {@code [offset, offset+length)} of the pattern. */
    private static ReceiveBuffer.Result deliver(ReceiveBuffer buffer, long offset, int length, boolean fin) {
        return buffer.onData(offset, pattern(offset, length), 0, length, fin);
    }

    private static byte[] readAll(ReceiveBuffer buffer) {
        byte[] out = new byte[buffer.readableBytes()];
        int read = buffer.read(out, 0, out.length);
        assertThat(read).isEqualTo(out.length);
        return out;
    }

    private static void assertUntouched(ReceiveBuffer buffer) {
        assertThat(buffer.contiguousEnd()).isZero();
        assertThat(buffer.highestReceivedEnd()).isZero();
        assertThat(buffer.readableBytes()).isZero();
        assertThat(buffer.isFinalSizeKnown()).isFalse();
    }

    @Nested
    class Reassembly {

        @Test
        void readsInOrderDataBack() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);

            assertThat(deliver(buffer, 0, 30, false)).isEqualTo(ACCEPTED);
            assertThat(deliver(buffer, 30, 20, false)).isEqualTo(ACCEPTED);

            assertThat(buffer.readableBytes()).isEqualTo(50);
            assertThat(readAll(buffer)).containsExactly(pattern(0, 50));
            assertThat(buffer.readOffset()).isEqualTo(50);
        }

        @Test
        void makesOutOfOrderDataReadableWhenTheGapFills() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);

            assertThat(deliver(buffer, 40, 20, false)).isEqualTo(ACCEPTED);
            assertThat(deliver(buffer, 20, 10, false)).isEqualTo(ACCEPTED);
            assertThat(buffer.readableBytes()).isZero();
            assertThat(buffer.read(new byte[10], 0, 10)).isZero();
            assertThat(buffer.highestReceivedEnd()).isEqualTo(60);

            assertThat(deliver(buffer, 0, 20, false)).isEqualTo(ACCEPTED);
            assertThat(buffer.contiguousEnd()).isEqualTo(30);
            assertThat(deliver(buffer, 30, 10, false)).isEqualTo(ACCEPTED);

            assertThat(buffer.contiguousEnd()).isEqualTo(60);
            assertThat(readAll(buffer)).containsExactly(pattern(0, 60));
        }

        @Test
        void mergesOverlappingFrames() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);

            deliver(buffer, 10, 20, false);
            assertThat(deliver(buffer, 0, 15, false)).isEqualTo(ACCEPTED);
            assertThat(deliver(buffer, 25, 15, false)).isEqualTo(ACCEPTED);

            assertThat(readAll(buffer)).containsExactly(pattern(0, 40));
        }

        @Test
        void keepsTheFirstCopyOfBytesReceivedTwice() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 5, 5, false);
            byte[] other = new byte[10];
            Arrays.fill(other, (byte) 0x55);

            buffer.onData(0, other, 0, 10, false);

            byte[] expected = new byte[10];
            Arrays.fill(expected, (byte) 0x55);
            System.arraycopy(pattern(5, 5), 0, expected, 5, 5);
            assertThat(readAll(buffer)).containsExactly(expected);
        }

        @Test
        void reportsAnExactDuplicateAsDuplicate() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 10, 20, false);

            assertThat(deliver(buffer, 10, 20, false)).isEqualTo(DUPLICATE);
            assertThat(deliver(buffer, 15, 5, false)).isEqualTo(DUPLICATE);
        }

        @Test
        void ignoresBytesAlreadyRead() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 0, 30, false);
            readAll(buffer);

            assertThat(deliver(buffer, 0, 30, false)).isEqualTo(DUPLICATE);
            assertThat(deliver(buffer, 20, 20, false)).isEqualTo(ACCEPTED);

            assertThat(readAll(buffer)).containsExactly(pattern(30, 10));
        }

        @Test
        void copiesTheFrameSoTheCallerMayReuseItsArray() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            byte[] frame = {0, 0, 1, 2, 3, 0};

            buffer.onData(0, frame, 2, 3, false);
            Arrays.fill(frame, (byte) 9);

            assertThat(readAll(buffer)).containsExactly(1, 2, 3);
        }

        @Test
        void readsNoMoreThanAsked() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 0, 30, false);
            byte[] out = new byte[12];

            assertThat(buffer.read(out, 2, 10)).isEqualTo(10);

            assertThat(Arrays.copyOfRange(out, 2, 12)).containsExactly(pattern(0, 10));
            assertThat(buffer.readableBytes()).isEqualTo(20);
            assertThat(buffer.read(out, 0, 0)).isZero();
        }

        @Test
        void learnsAHigherEndFromAnEmptyFrame() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);

            assertThat(buffer.onData(50, new byte[0], 0, 0, false)).isEqualTo(ACCEPTED);
            assertThat(buffer.onData(50, new byte[0], 0, 0, false)).isEqualTo(DUPLICATE);

            assertThat(buffer.highestReceivedEnd()).isEqualTo(50);
            assertThat(buffer.contiguousEnd()).isZero();
        }
    }

    @Nested
    class FlowControl {

        @Test
        void refusesBytesBeyondTheWindowAndStoresNothing() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);

            assertThat(deliver(buffer, 90, 11, false)).isEqualTo(FLOW_CONTROL_ERROR);
            assertThat(deliver(buffer, 0, 101, true)).isEqualTo(FLOW_CONTROL_ERROR);
            assertThat(deliver(buffer, 1L << 40, 1, false)).isEqualTo(FLOW_CONTROL_ERROR);

            assertUntouched(buffer);
            assertThat(deliver(buffer, 90, 10, false)).isEqualTo(ACCEPTED);
        }

        @Test
        void acceptsDataUpToTheLastByteOfTheWindow() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);

            assertThat(deliver(buffer, 0, 100, false)).isEqualTo(ACCEPTED);
            assertThat(buffer.onData(100, new byte[0], 0, 0, true)).isEqualTo(ACCEPTED);

            assertThat(readAll(buffer)).containsExactly(pattern(0, 100));
            assertThat(buffer.isEndOfStream()).isTrue();
        }

        @Test
        void slidesTheWindowAsTheApplicationReads() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 0, 100, false);
            assertThat(deliver(buffer, 100, 1, false)).isEqualTo(FLOW_CONTROL_ERROR);

            byte[] out = new byte[40];
            buffer.read(out, 0, 40);

            assertThat(deliver(buffer, 100, 40, false)).isEqualTo(ACCEPTED);
            assertThat(deliver(buffer, 140, 1, false)).isEqualTo(FLOW_CONTROL_ERROR);
            assertThat(readAll(buffer)).containsExactly(pattern(40, 100));
        }

        @Test
        void refusesAnOffsetWhoseEndWouldOverflow() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);

            assertThat(buffer.onData(Long.MAX_VALUE - 2, new byte[5], 0, 5, false))
                    .isEqualTo(FLOW_CONTROL_ERROR);
            assertThat(buffer.onData(Long.MAX_VALUE, new byte[0], 0, 0, true))
                    .isEqualTo(FLOW_CONTROL_ERROR);
            assertUntouched(buffer);
        }

        @Test
        void rejectsArgumentsNoDecoderProduces() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);

            assertThatThrownBy(() -> buffer.onData(-1, new byte[1], 0, 1, false))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> buffer.onData(0, new byte[1], 0, 2, false))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Nested
    class FinalSize {

        @Test
        void refusesAFinThatChangesTheFinalSizeUpward() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 0, 20, true);

            assertThat(deliver(buffer, 20, 5, true)).isEqualTo(FINAL_SIZE_ERROR);
            assertThat(buffer.finalSize()).isEqualTo(20);
        }

        @Test
        void refusesAFinThatChangesTheFinalSizeDownward() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 10, 10, true);

            assertThat(deliver(buffer, 0, 15, true)).isEqualTo(FINAL_SIZE_ERROR);
            assertThat(deliver(buffer, 0, 0, true)).isEqualTo(FINAL_SIZE_ERROR);
            assertThat(buffer.contiguousEnd()).isZero();
        }

        @Test
        void refusesDataBeyondAKnownFinalSize() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 10, 10, true);

            assertThat(deliver(buffer, 15, 6, false)).isEqualTo(FINAL_SIZE_ERROR);
            assertThat(deliver(buffer, 20, 1, false)).isEqualTo(FINAL_SIZE_ERROR);
            assertThat(buffer.onData(21, new byte[0], 0, 0, false)).isEqualTo(FINAL_SIZE_ERROR);
            assertThat(buffer.highestReceivedEnd()).isEqualTo(20);
        }

        @Test
        void refusesAFinalSizeBelowDataAlreadyReceived() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 30, 10, false);

            assertThat(deliver(buffer, 0, 39, true)).isEqualTo(FINAL_SIZE_ERROR);
            assertThat(buffer.isFinalSizeKnown()).isFalse();
            assertThat(buffer.contiguousEnd()).as("nothing stored").isZero();
        }

        @Test
        void prefersFinalSizeErrorToFlowControlError() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 0, 10, true);

            assertThat(deliver(buffer, 200, 10, false)).isEqualTo(FINAL_SIZE_ERROR);
        }

        @Test
        void acceptsARepeatedFinWithTheSameFinalSize() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 0, 20, true);

            assertThat(deliver(buffer, 0, 20, true)).isEqualTo(DUPLICATE);
            assertThat(buffer.onData(20, new byte[0], 0, 0, true)).isEqualTo(DUPLICATE);
            assertThat(deliver(buffer, 5, 10, false)).isEqualTo(DUPLICATE);
        }

        @Test
        void learnsTheFinalSizeFromAnEmptyFinAtTheEnd() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 0, 20, false);

            assertThat(buffer.onData(20, new byte[0], 0, 0, true)).isEqualTo(ACCEPTED);

            assertThat(buffer.isFinalSizeKnown()).isTrue();
            assertThat(buffer.finalSize()).isEqualTo(20);
            assertThat(buffer.isComplete()).isTrue();
        }

        @Test
        void reportsAnUnknownFinalSizeAsMinusOne() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 0, 20, false);

            assertThat(buffer.isFinalSizeKnown()).isFalse();
            assertThat(buffer.finalSize()).isEqualTo(-1);
        }
    }

    @Nested
    class EndOfStream {

        @Test
        void isCompleteWhenEveryByteUpToTheFinalSizeArrived() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 10, 10, true);
            assertThat(buffer.isComplete()).isFalse();

            deliver(buffer, 0, 10, false);

            assertThat(buffer.isComplete()).isTrue();
            assertThat(buffer.isEndOfStream()).as("not yet read").isFalse();
        }

        @Test
        void readsMinusOneOnceEveryByteIsRead() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 0, 10, true);
            byte[] out = new byte[20];

            assertThat(buffer.read(out, 0, 20)).isEqualTo(10);
            assertThat(buffer.isEndOfStream()).isTrue();
            assertThat(buffer.read(out, 0, 20)).isEqualTo(-1);
            assertThat(buffer.read(out, 0, 20)).isEqualTo(-1);
        }

        @Test
        void readsZeroNotMinusOneWhileBytesBeforeTheFinAreMissing() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 5, 5, true);

            assertThat(buffer.read(new byte[10], 0, 10)).isZero();
        }

        @Test
        void endsAnEmptyStreamImmediately() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);

            assertThat(buffer.onData(0, new byte[0], 0, 0, true)).isEqualTo(ACCEPTED);

            assertThat(buffer.isEndOfStream()).isTrue();
            assertThat(buffer.read(new byte[1], 0, 1)).isEqualTo(-1);
        }
    }

    @Nested
    class Discarding {

        @Test
        void dropsBufferedBytesAndFollowsTheContiguousEnd() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            deliver(buffer, 0, 30, false);
            deliver(buffer, 50, 10, false);

            buffer.discardIncoming();

            assertThat(buffer.readOffset()).isEqualTo(30);
            assertThat(buffer.readableBytes()).isZero();
            deliver(buffer, 30, 20, false);
            assertThat(buffer.readOffset()).isEqualTo(60);
            assertThat(buffer.read(new byte[10], 0, 10)).isZero();
        }

        @Test
        void keepsCreditFlowingSoThePeerCanFinish() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            buffer.discardIncoming();

            for (long offset = 0; offset < 1_000; offset += 100) {
                assertThat(deliver(buffer, offset, 100, false)).isEqualTo(ACCEPTED);
            }
            assertThat(buffer.onData(1_000, new byte[0], 0, 0, true)).isEqualTo(ACCEPTED);

            assertThat(buffer.readOffset()).isEqualTo(1_000);
            assertThat(buffer.isEndOfStream()).isTrue();
            assertThat(buffer.read(new byte[10], 0, 10)).isEqualTo(-1);
        }

        @Test
        void stillEnforcesTheFinalSize() {
            ReceiveBuffer buffer = new ReceiveBuffer(100);
            buffer.discardIncoming();
            deliver(buffer, 0, 10, true);

            assertThat(deliver(buffer, 10, 5, false)).isEqualTo(FINAL_SIZE_ERROR);
        }
    }

    @Test
    void reportsItsCapacity() {
        assertThat(new ReceiveBuffer(1234).capacityBytes()).isEqualTo(1234);
    }
}
