package io.rudp.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VarintTest {

    @ParameterizedTest
    @CsvSource({
        "0, 1", "63, 1", "64, 2", "16383, 2", "16384, 4",
        "1073741823, 4", "1073741824, 8", "4611686018427387903, 8"})
    void usesTheShortestLengthAtEachBoundary(long value, int expectedLength) throws Exception {
        assertThat(Varint.encodedLength(value)).isEqualTo(expectedLength);
        ByteBuffer buf = ByteBuffer.allocate(8);
        Varint.write(buf, value);
        assertThat(buf.position()).isEqualTo(expectedLength);
        buf.flip();
        assertThat(Varint.read(buf)).isEqualTo(value);
        assertThat(buf.hasRemaining()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        // RFC 9000 Appendix A.1 sample encodings.
        "c2197c5eff14e88c, 151288809941952652",
        "9d7f3e7d, 494878333",
        "7bbd, 15293",
        "25, 37"})
    void decodesAndEncodesTheRfcSamples(String hex, long value) throws Exception {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertThat(Varint.read(ByteBuffer.wrap(bytes))).isEqualTo(value);
        ByteBuffer out = ByteBuffer.allocate(8);
        Varint.write(out, value);
        assertThat(HexFormat.of().formatHex(out.array(), 0, out.position())).isEqualTo(hex);
    }

    @Test
    void acceptsANonMinimalEncoding() throws Exception {
        // RFC 9000 Appendix A.1: 0x4025 also decodes to 37.
        assertThat(Varint.read(ByteBuffer.wrap(new byte[] {0x40, 0x25}))).isEqualTo(37);
    }

    @Test
    void rejectsValuesOutsideTheEncodableRange() {
        assertThatThrownBy(() -> Varint.encodedLength(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Varint.encodedLength(Varint.MAX_VALUE + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Varint.write(ByteBuffer.allocate(8), Long.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsATruncatedVarintAndLeavesThePositionAlone() {
        ByteBuffer in = ByteBuffer.wrap(new byte[] {(byte) 0x80, 1, 2});
        assertThatThrownBy(() -> Varint.read(in))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedPacketException.Reason.TRUNCATED));
        assertThat(in.position()).isZero();
        assertThatThrownBy(() -> Varint.read(ByteBuffer.allocate(0)))
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void writesNothingWhenTheBufferIsTooSmall() {
        ByteBuffer out = ByteBuffer.allocate(3);
        assertThatThrownBy(() -> Varint.write(out, 16384)).isInstanceOf(BufferOverflowException.class);
        assertThat(out.position()).isZero();
    }
}
