package io.rudp.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacketNumbersTest {

    private static final long WINDOW = 1L << 32;

    @Test
    void truncatesToTheLow32Bits() {
        assertThat(PacketNumbers.truncate(0x1_2345_6789L)).isEqualTo(0x2345_6789);
        assertThat(Integer.toUnsignedLong(PacketNumbers.truncate(0xABCD_EF01_2345L)))
                .isEqualTo(0xEF01_2345L);
    }

    @Test
    void restoresTheRfcExampleScaledFrom16To32Bits() {
        // RFC 9000 Appendix A.3: largest 0xa82f30ea, 16-bit 0x9b32 -> 0xa82f9b32. Shifted left by
        // 16 bits so that the same arithmetic runs with 32-bit truncation.
        long largest = 0xa82f30eaL << 16;
        long truncated = 0x9b32L << 16;
        assertThat(PacketNumbers.restore(largest, truncated)).isEqualTo(0xa82f9b32L << 16);
    }

    @Test
    void restoresTheRfcExampleWithTheLow16BitsUntouched() {
        // The same example with full 32-bit truncation: the high bits come from largest + 1.
        long largest = 0x0000_0001_a82f_30eaL;
        assertThat(PacketNumbers.restore(largest, 0xa82f_9b32L)).isEqualTo(0x0000_0001_a82f_9b32L);
    }

    @Test
    void returnsTheTruncatedValueWhenNothingWasReceivedYet() {
        assertThat(PacketNumbers.restore(-1, 0)).isZero();
        assertThat(PacketNumbers.restore(-1, 0x3FFF_FFFFL)).isEqualTo(0x3FFF_FFFFL);
        assertThat(PacketNumbers.restore(-1, 0xFFFF_FFFFL)).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void movesIntoTheNextWindowWhenTheLowBitsWrapForward() {
        long largest = 3 * WINDOW - 2; // low bits 0xFFFFFFFE
        assertThat(PacketNumbers.restore(largest, 5)).isEqualTo(3 * WINDOW + 5);
    }

    @Test
    void movesIntoThePreviousWindowForALateReorderedPacket() {
        long largest = 3 * WINDOW + 2;
        assertThat(PacketNumbers.restore(largest, 0xFFFF_FFF0L)).isEqualTo(3 * WINDOW - 16);
    }

    @Test
    void breaksAnExactHalfWindowTieUpwardsAsTheRfcDoes() {
        // RFC 9000 Appendix A.3 uses <= below and > above: a candidate exactly half a window
        // away resolves to the higher of the two numbers.
        long half = WINDOW / 2;
        long expectedAbove = 3 * WINDOW + half + 5;
        assertThat(PacketNumbers.restore(expectedAbove - 1, 5)).isEqualTo(4 * WINDOW + 5);
        long expectedBelow = 3 * WINDOW + 5;
        assertThat(PacketNumbers.restore(expectedBelow - 1, half + 5))
                .isEqualTo(3 * WINDOW + half + 5);
    }

    @Test
    void acceptsTheSignedIntFromTruncate() {
        long packetNumber = 5 * WINDOW + 0x8000_0010L; // bit 31 set: truncate() is negative
        int truncated = PacketNumbers.truncate(packetNumber);
        assertThat(truncated).isNegative();
        assertThat(PacketNumbers.restore(packetNumber - 7, truncated)).isEqualTo(packetNumber);
    }

    @Test
    void staysInsideThePacketNumberSpaceAtItsTop() {
        long largest = Varint.MAX_VALUE - 1;
        long truncated = Varint.MAX_VALUE & (WINDOW - 1);
        assertThat(PacketNumbers.restore(largest, truncated)).isEqualTo(Varint.MAX_VALUE);
    }

    @Test
    void rejectsArgumentsOutsideTheirRanges() {
        assertThatThrownBy(() -> PacketNumbers.restore(-2, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PacketNumbers.restore(Varint.MAX_VALUE + 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PacketNumbers.restore(0, WINDOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PacketNumbers.restore(0, Integer.MIN_VALUE - 1L))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
