package io.rudp.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class VarintPropertyTest {

    @Property(seed = "20240601")
    void roundTripsEveryValueInRangeAndWritesEncodedLengthBytes(
            @ForAll @LongRange(min = 0, max = Varint.MAX_VALUE) long value) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(9);
        buf.put((byte) 0x55); // the varint need not start at index 0
        Varint.write(buf, value);
        assertThat(buf.position() - 1).isEqualTo(Varint.encodedLength(value));
        buf.flip().position(1);
        assertThat(Varint.read(buf)).isEqualTo(value);
        assertThat(buf.remaining()).isZero();
    }

    @Property(seed = "20240602")
    void agreesBetweenTheBufferAndArrayEncoders(
            @ForAll @LongRange(min = 0, max = Varint.MAX_VALUE) long value) {
        ByteBuffer buf = ByteBuffer.allocate(8);
        Varint.write(buf, value);
        byte[] array = new byte[8];
        int end = Varint.write(array, 0, value);
        assertThat(end).isEqualTo(buf.position());
        assertThat(array).isEqualTo(buf.array());
    }
}
