package io.rudp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rudp.core.wire.InitialPacket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The handshake's retransmission settings in {@link EngineConfig}: defaults, copying, validation. */
class HandshakeSettingsTest {

    @Test
    void defaultsRetryAfter250MillisecondsCappedAtOneSecondWithTwoCopiesAndTheTimeoutEndsFirst() {
        EngineConfig c = EngineConfig.defaults();

        assertThat(c.handshakeRetryDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.handshakeMaxRetryDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.handshakeCopies()).isEqualTo(2);
        assertThat(c.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        // The documented promise: with the defaults the attempts outlast the timeout.
        long giveUpAfterAttemptsMillis = 0;
        long delayMillis = c.handshakeRetryDelay().toMillis();
        for (int attempt = 1; attempt <= c.handshakeAttempts(); attempt++) {
            giveUpAfterAttemptsMillis += delayMillis;
            delayMillis = Math.min(2 * delayMillis, c.handshakeMaxRetryDelay().toMillis());
        }
        assertThat(giveUpAfterAttemptsMillis).isGreaterThan(c.handshakeTimeout().toMillis());
    }

    @Test
    void builderSetsTheRetrySettingsAndToBuilderCopiesThem() {
        EngineConfig c = EngineConfig.builder().handshakeRetryDelay(Duration.ofMillis(400))
                .handshakeMaxRetryDelay(Duration.ofSeconds(3)).handshakeCopies(1).build();

        for (EngineConfig x : new EngineConfig[] {c, c.toBuilder().build()}) {
            assertThat(x.handshakeRetryDelay()).isEqualTo(Duration.ofMillis(400));
            assertThat(x.handshakeMaxRetryDelay()).isEqualTo(Duration.ofSeconds(3));
            assertThat(x.handshakeCopies()).isEqualTo(1);
        }
        assertThat(c.toString()).contains("handshakeRetryDelay=PT0.4S", "handshakeMaxRetryDelay=PT3S", "handshakeCopies=1");
    }

    @Test
    void rejectsOutOfRangeAndContradictoryRetrySettingsNamingThem() {
        assertThatThrownBy(() -> EngineConfig.builder().handshakeRetryDelay(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("handshakeRetryDelay must be between");
        assertThatThrownBy(() -> EngineConfig.builder().handshakeRetryDelay(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("handshakeRetryDelay");
        assertThatThrownBy(() -> EngineConfig.builder().handshakeMaxRetryDelay(Duration.ofMinutes(11)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("handshakeMaxRetryDelay must be between");
        assertThatThrownBy(() -> EngineConfig.builder().handshakeCopies(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("handshakeCopies must be between 1 and 3, got 0");
        assertThatThrownBy(() -> EngineConfig.builder().handshakeCopies(4)).hasMessageContaining("handshakeCopies");
        assertThatThrownBy(() -> EngineConfig.builder().handshakeRetryDelay(Duration.ofSeconds(2)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("handshakeRetryDelay").hasMessageContaining("handshakeMaxRetryDelay");
    }

    @Test
    void withTheDefaultsASilentServerCostsTwentyThreeInitialsAndTheTimeoutEndsTheConnectAtTenSeconds() {
        ScriptedPeer s = new ScriptedPeer(EngineConfig.defaults(), 21, ScriptedPeer.address(1, 443));
        Connection c = s.endpoint.connect(s.nowNanos, s.peerAddress);
        int initials = ScriptedPeer.only(s.drain(), InitialPacket.class).size();
        while (s.advanceToNextDeadline(Long.MAX_VALUE)) {
            initials += ScriptedPeer.only(s.drain(), InitialPacket.class).size();
        }

        // Attempts at 0, 0.25, 0.75, 1.75, ... 9.75 s: the first alone, the eleven others with a copy.
        assertThat(initials).isEqualTo(23);
        assertThat(s.nowNanos - ScriptedPeer.START_NANOS).isEqualTo(Duration.ofSeconds(10).toNanos());
        assertThat(c.closeReason().kind()).isEqualTo(CloseReason.Kind.HANDSHAKE_TIMEOUT);
        assertThat(c.closeReason().message()).contains("handshake timeout of 10000 ms");
    }
}
