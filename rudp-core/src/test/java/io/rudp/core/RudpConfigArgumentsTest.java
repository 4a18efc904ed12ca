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
 * Every setter of {@link RudpConfig.Builder} rejects null, negative and absurdly large values
 * with an exception naming the setting (never an {@link ArithmeticException} from a duration too
 * long for nanoseconds), and a rejected value leaves the builder as it was.
 */
class RudpConfigArgumentsTest {

    static Stream<Arguments> durationSetters() {
        return Stream.of(
                setting("handshakeTimeout", RudpConfig.Builder::handshakeTimeout),
                setting("initialRto", RudpConfig.Builder::initialRto),
                setting("minRto", RudpConfig.Builder::minRto),
                setting("maxRto", RudpConfig.Builder::maxRto),
                setting("peerTimeout", RudpConfig.Builder::peerTimeout),
                setting("handshakeRetryDelay", RudpConfig.Builder::handshakeRetryDelay),
                setting("handshakeMaxRetryDelay", RudpConfig.Builder::handshakeMaxRetryDelay),
                setting("idleTimeout", RudpConfig.Builder::idleTimeout),
                setting("keepAliveInterval", RudpConfig.Builder::keepAliveInterval),
                setting("ackDelay", RudpConfig.Builder::ackDelay),
                setting("flushDelay", RudpConfig.Builder::flushDelay),
                setting("closeTimeout", RudpConfig.Builder::closeTimeout));
    }

    private static Arguments setting(String name, BiConsumer<RudpConfig.Builder, Duration> setter) {
        return Arguments.of(name, setter);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durationSetters")
    void aDurationSettingRejectsNullNegativeAndHugeValuesNamingItself(String name, BiConsumer<RudpConfig.Builder, Duration> setter) {
        RudpConfig.Builder b = RudpConfig.builder();
        assertThatThrownBy(() -> setter.accept(b, null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage(name + " must not be null");
        for (Duration bad : new Duration[] {Duration.ofNanos(-1), Duration.ofSeconds(Long.MIN_VALUE),
                Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofDays(2)}) {
            assertThatThrownBy(() -> setter.accept(b, bad))
                    .as("%s(%s)", name, bad)
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(name + " must be between");
        }
        assertThat(b.build().toString()).isEqualTo(RudpConfig.defaults().toString());
    }

    static Stream<Arguments> intSetters() {
        return Stream.of(
                Arguments.of("handshakeAttempts", (ObjIntConsumer<RudpConfig.Builder>) RudpConfig.Builder::handshakeAttempts),
                Arguments.of("maxDatagramBytes", (ObjIntConsumer<RudpConfig.Builder>) RudpConfig.Builder::maxDatagramBytes),
                Arguments.of("loopbackDatagramBytes", (ObjIntConsumer<RudpConfig.Builder>) RudpConfig.Builder::loopbackDatagramBytes),
                Arguments.of("sendBufferBytes", (ObjIntConsumer<RudpConfig.Builder>) RudpConfig.Builder::sendBufferBytes),
                Arguments.of("receiveBufferBytes", (ObjIntConsumer<RudpConfig.Builder>) RudpConfig.Builder::receiveBufferBytes),
                Arguments.of("maxMessageBytes", (ObjIntConsumer<RudpConfig.Builder>) RudpConfig.Builder::maxMessageBytes),
                Arguments.of("handshakeCopies", (ObjIntConsumer<RudpConfig.Builder>) RudpConfig.Builder::handshakeCopies),
                Arguments.of("acceptBacklog", (ObjIntConsumer<RudpConfig.Builder>) RudpConfig.Builder::acceptBacklog));
    }

    @Test
    void theConnectionLimitTakesZeroForFromMemoryAndRejectsNegativeAndHugeValuesNamingItself() {
        RudpConfig.Builder b = RudpConfig.builder();
        for (int bad : new int[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> b.maxConnections(bad))
                    .as("maxConnections(%d)", bad)
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("maxConnections must be between")
                    .hasMessageEndingWith("got " + bad);
        }
        assertThat(b.build().toString()).isEqualTo(RudpConfig.defaults().toString());
        assertThat(b.maxConnections(0).build().maxConnections()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("intSetters")
    void aCountSettingRejectsZeroNegativeAndHugeValuesNamingItself(String name, ObjIntConsumer<RudpConfig.Builder> setter) {
        RudpConfig.Builder b = RudpConfig.builder();
        for (int bad : new int[] {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> setter.accept(b, bad))
                    .as("%s(%d)", name, bad)
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(name + " must be between")
                    .hasMessageEndingWith("got " + bad);
        }
        assertThat(b.build().toString()).isEqualTo(RudpConfig.defaults().toString());
    }
}
