package io.rudp.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class PacketNumbersPropertyTest {

    private static final long MAX_DISTANCE = (1L << 31) - 1;

    @Property(seed = "20240603")
    void restoresAnyPacketNumberWithinHalfAWindowOfTheExpectedOne(
            @ForAll @LongRange(min = 0, max = (1L << 62) - (1L << 33) - 1) long largest,
            @ForAll @LongRange(min = -MAX_DISTANCE, max = MAX_DISTANCE) long distance) {
        long packetNumber = Math.max(0, largest + 1 + distance);
        assertThat(PacketNumbers.restore(largest, PacketNumbers.truncate(packetNumber)))
                .isEqualTo(packetNumber);
        assertThat(PacketNumbers.restore(largest,
                Integer.toUnsignedLong(PacketNumbers.truncate(packetNumber))))
                .isEqualTo(packetNumber);
    }

    @Property(seed = "20240604")
    void restoresTheFirstPacketOfAConnectionExactly(
            @ForAll @LongRange(min = 0, max = (1L << 30) - 1) long firstPacketNumber) {
        assertThat(PacketNumbers.restore(-1, PacketNumbers.truncate(firstPacketNumber)))
                .isEqualTo(firstPacketNumber);
    }
}
