package io.rudp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every setter of {@link EngineConfig.Builder} rejects null, negative and absurdly large values
 * with an exception naming the setting (never an {@link ArithmeticException} from a duration too
 * long for nanoseconds), and a rejected value leaves the builder as it was.
 */
class EngineConfigArgumentsTest {

    static Stream<Arguments> durationSetters() {
        return Stream.of(
                setting("handshakeTimeout", EngineConfig.Builder::handshakeTimeout),
                setting("initialRto", EngineConfig.Builder::initialRto),
                setting("minRto", EngineConfig.Builder::minRto),
                setting("maxRto", EngineConfig.Builder::maxRto),
                setting("peerTimeout", EngineConfig.Builder::peerTimeout),
                setting("handshakeRetryDelay", EngineConfig.Builder::handshakeRetryDelay),
                setting("handshakeMaxRetryDelay", EngineConfig.Builder::handshakeMaxRetryDelay),
                setting("idleTimeout", EngineConfig.Builder::idleTimeout),
                setting("keepAliveInterval", EngineConfig.Builder::keepAliveInterval),
                setting("ackDelay", EngineConfig.Builder::ackDelay),
                setting("flushDelay", EngineConfig.Builder::flushDelay),
                setting("closeTimeout", EngineConfig.Builder::closeTimeout));
    }

    private static Arguments setting(String name, BiConsumer<EngineConfig.Builder, Duration> setter) {
        return Arguments.of(name, setter);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durationSetters")
    void aDurationSettingRejectsNullNegativeAndHugeValuesNamingItself(String name, BiConsumer<EngineConfig.Builder, Duration> setter) {
        EngineConfig.Builder b = EngineConfig.builder();
        assertThatThrownBy(() -> setter.accept(b, null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage(name + " must not be null");
        for (Duration bad : new Duration[] {Duration.ofNanos(-1), Duration.ofSeconds(Long.MIN_VALUE),
                Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofDays(2)}) {
            assertThatThrownBy(() -> setter.accept(b, bad))
                    .as("%s(%s)", name, bad)
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(name + " must be between");
        }
        assertThat(b.build().toString()).isEqualTo(EngineConfig.defaults().toString());
    }

    static Stream<Arguments> intSetters() {
        return Stream.of(
                Arguments.of("handshakeAttempts", (ObjIntConsumer<EngineConfig.Builder>) EngineConfig.Builder::handshakeAttempts),
                Arguments.of("maxDatagramBytes", (ObjIntConsumer<EngineConfig.Builder>) EngineConfig.Builder::maxDatagramBytes),
                Arguments.of("loopbackDatagramBytes", (ObjIntConsumer<EngineConfig.Builder>) EngineConfig.Builder::loopbackDatagramBytes),
                Arguments.of("sendBufferBytes", (ObjIntConsumer<EngineConfig.Builder>) EngineConfig.Builder::sendBufferBytes),
                Arguments.of("receiveBufferBytes", (ObjIntConsumer<EngineConfig.Builder>) EngineConfig.Builder::receiveBufferBytes),
                Arguments.of("maxMessageBytes", (ObjIntConsumer<EngineConfig.Builder>) EngineConfig.Builder::maxMessageBytes),
                Arguments.of("handshakeCopies", (ObjIntConsumer<EngineConfig.Builder>) EngineConfig.Builder::handshakeCopies),
                Arguments.of("acceptBacklog", (ObjIntConsumer<EngineConfig.Builder>) EngineConfig.Builder::acceptBacklog));
    }

    @Test
    void theConnectionLimitTakesZeroForFromMemoryAndRejectsNegativeAndHugeValuesNamingItself() {
        EngineConfig.Builder b = EngineConfig.builder();
        for (int bad : new int[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> b.maxConnections(bad))
                    .as("maxConnections(%d)", bad)
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("maxConnections must be between")
                    .hasMessageEndingWith("got " + bad);
        }
        assertThat(b.build().toString()).isEqualTo(EngineConfig.defaults().toString());
        assertThat(b.maxConnections(0).build().maxConnections()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("intSetters")
    void aCountSettingRejectsZeroNegativeAndHugeValuesNamingItself(String name, ObjIntConsumer<EngineConfig.Builder> setter) {
        EngineConfig.Builder b = EngineConfig.builder();
        for (int bad : new int[] {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> setter.accept(b, bad))
                    .as("%s(%d)", name, bad)
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(name + " must be between")
                    .hasMessageEndingWith("got " + bad);
        }
        assertThat(b.build().toString()).isEqualTo(EngineConfig.defaults().toString());
    }
}
