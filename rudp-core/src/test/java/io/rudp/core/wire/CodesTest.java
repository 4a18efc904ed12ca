package io.rudp.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodesTest {

    @Test
    void mapsEveryPacketTypeCodeBothWays() {
        assertThat(PacketType.values()).extracting(PacketType::code)
                .containsExactly(0x01, 0x02, 0x03, 0x04, 0x05);
        for (PacketType type : PacketType.values()) {
            assertThat(PacketType.fromCode(type.code())).isSameAs(type);
        }
    }

    @Test
    void returnsNullForAnUnknownPacketTypeCode() {
        for (int code : new int[] {0, 6, 255, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThat(PacketType.fromCode(code)).isNull();
        }
    }

    @Test
    void mapsEveryErrorCodeBothWays() {
        assertThat(ErrorCode.values()).extracting(ErrorCode::code)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(ErrorCode.fromCode(code.code())).isSameAs(code);
        }
    }

    @Test
    void treatsUnknownErrorCodesAsInternalError() {
        for (long code : new long[] {9, 255, -1, Varint.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(ErrorCode.fromCode(code)).isSameAs(ErrorCode.INTERNAL_ERROR);
        }
    }
}
