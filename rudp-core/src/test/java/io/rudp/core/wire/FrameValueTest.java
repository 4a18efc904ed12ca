package io.rudp.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameValueTest {

    @Test
    void exposesAckRangesHighestFirst() {
        AckFrame ack = new AckFrame(7, new long[] {20, 15, 10, 10, 3, 0});
        assertThat(ack.rangeCount()).isEqualTo(3);
        assertThat(ack.largestAcknowledged()).isEqualTo(20);
        assertThat(ack.rangeHigh(1)).isEqualTo(10);
        assertThat(ack.rangeLow(1)).isEqualTo(10);
        assertThat(ack.rangeLow(2)).isZero();
        assertThatThrownBy(() -> ack.rangeHigh(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ack.rangeLow(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(ack.toString()).contains("15..20", "10..10", "0..3");
    }

    @Test
    void comparesAckFramesByArrayContents() {
        AckFrame a = new AckFrame(7, new long[] {20, 15});
        AckFrame b = new AckFrame(7, new long[] {20, 15});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new AckFrame(8, new long[] {20, 15}));
        assertThat(a).isNotEqualTo(new AckFrame(7, new long[] {20, 16}));
    }

    @Test
    void keepsTheCallersRangeArrayWithoutCopying() {
        long[] ranges = {5, 1};
        assertThat(new AckFrame(0, ranges).ranges()).isSameAs(ranges);
    }

    @Test
    void rejectsMalformedAckRangeLayouts() {
        long[][] bad = {
            {},                          // no range
            {5},                         // odd length
            {5, 6},                      // low above high
            {5, -1},                     // below zero
            {Varint.MAX_VALUE + 1, 0},   // above the varint range
            {10, 5, 4, 0},               // adjacent ranges (no missing number)
            {10, 5, 7, 6},               // overlapping
            {10, 5, 20, 15},             // ascending
            new long[130],               // 65 ranges
        };
        for (long[] ranges : bad) {
            assertThatThrownBy(() -> new AckFrame(0, ranges))
                    .as("ranges %s", java.util.Arrays.toString(ranges))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new AckFrame(-1, new long[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AckFrame(0, null)).isInstanceOf(NullPointerException.class);
        assertThat(new AckFrame(0, new long[] {10, 5, 3, 0}).rangeCount()).isEqualTo(2);
    }

    @Test
    void comparesStreamFramesByTheBytesInRange() {
        byte[] one = {9, 1, 2, 3, 9};
        byte[] other = {1, 2, 3};
        StreamFrame a = new StreamFrame(4, false, one, 1, 3);
        StreamFrame b = new StreamFrame(4, false, other, 0, 3);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new StreamFrame(4, true, other, 0, 3));
        assertThat(a).isNotEqualTo(new StreamFrame(5, false, other, 0, 3));
        assertThat(a).isNotEqualTo(new StreamFrame(4, false, other, 0, 2));
        assertThat(a.toString()).contains("010203");
    }

    @Test
    void referencesStreamDataWithoutCopying() {
        byte[] data = {1, 2, 3};
        StreamFrame frame = new StreamFrame(0, false, data, 0, 3);
        assertThat(frame.data()).isSameAs(data);
    }

    @Test
    void rejectsStreamFramesOutsideTheirArrayOrOffsetRange() {
        byte[] data = new byte[4];
        assertThatThrownBy(() -> new StreamFrame(0, false, data, 2, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new StreamFrame(0, false, data, -1, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new StreamFrame(-1, false, data, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamFrame(Varint.MAX_VALUE, false, data, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamFrame(0, false, null, 0, 0))
                .isInstanceOf(NullPointerException.class);
        assertThat(new StreamFrame(Varint.MAX_VALUE - 1, true, data, 0, 1).encodedLength())
                .isEqualTo(1 + 8 + 1 + 1);
    }

    @Test
    void countsStreamOverheadFromTheVarintLengths() {
        assertThat(StreamFrame.overheadBytes(0, 0)).isEqualTo(3);
        assertThat(StreamFrame.overheadBytes(63, 63)).isEqualTo(3);
        assertThat(StreamFrame.overheadBytes(64, 64)).isEqualTo(5);
        assertThat(StreamFrame.overheadBytes(1L << 30, 16_384)).isEqualTo(13);
        assertThatThrownBy(() -> StreamFrame.overheadBytes(0, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsInvalidSimpleFrames() {
        assertThatThrownBy(() -> new PaddingFrame(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MaxDataFrame(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DataBlockedFrame(Varint.MAX_VALUE + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CloseFrame(null, "")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CloseFrame(ErrorCode.NO_ERROR, null))
                .isInstanceOf(NullPointerException.class);
    }
}
