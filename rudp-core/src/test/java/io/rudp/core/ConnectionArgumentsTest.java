package io.rudp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rudp.core.ScriptedConnection.Side;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine's application entry points reject bad arguments naming them, and leave the
 * connection as it was: an abort reason over the protocol's 255 bytes aborts nothing.
 */
class ConnectionArgumentsTest {

    @ParameterizedTest
    @EnumSource(Side.class)
    void anAbortReasonOverTheProtocolLimitIsRejectedAndAbortsNothing(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);

        assertThatThrownBy(() -> s.connection.abort(s.now(), "ü".repeat(128)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason")
                .hasMessageContaining("255 bytes of UTF-8")
                .hasMessageContaining("256 bytes");
        assertThatThrownBy(() -> s.connection.abort(s.now(), null))
                .isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("reason");

        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
        assertThat(s.connection.write(s.now(), new byte[] {1, 2, 3}, 0, 3)).isEqualTo(3);
        s.connection.abort(s.now(), "ü".repeat(127) + "a"); // 255 bytes: the limit itself is fine
        assertThat(s.connection.state().isTerminating()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void nullArraysAreRejectedNamingThem(Side side) {
        ScriptedConnection s = ScriptedConnection.establish(side);

        assertThatThrownBy(() -> s.connection.write(s.now(), null, 0, 0))
                .isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("src");
        assertThatThrownBy(() -> s.connection.read(null, 0, 0))
                .isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("dst");
        assertThatThrownBy(() -> s.connection.write(s.now(), new byte[4], 3, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(s.connection.state()).isEqualTo(ConnectionState.ESTABLISHED);
        assertThat(s.connection.write(s.now(), new byte[4], 0, 4)).isEqualTo(4);
    }

    @Test
    void checkReasonCountsUtf8BytesNotChars() {
        assertThat(CloseReason.checkReason("")).isEmpty();
        assertThat(CloseReason.checkReason("x".repeat(255))).hasSize(255);
        assertThat(CloseReason.checkReason("\uD83D\uDE00".repeat(63))).hasSize(126); // 252 bytes
        assertThatThrownBy(() -> CloseReason.checkReason("\uD83D\uDE00".repeat(64))) // 256 bytes in 128 chars
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 bytes");
        assertThatThrownBy(() -> CloseReason.checkReason("x".repeat(256)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 chars");
    }

    @Test
    void theEndpointsEntryPointsRejectBadArgumentsAndLoseNothing() {
        Endpoint endpoint = new Endpoint(EngineConfig.defaults(), new SplittableRandom(7));
        long now = 1_000_000_000L;
        assertThatThrownBy(() -> endpoint.connect(now, null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("server");
        assertThatThrownBy(() -> endpoint.connect(now, InetSocketAddress.createUnresolved("example.invalid", 9)))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("unresolved");
        InetSocketAddress server = new InetSocketAddress("192.0.2.1", 9);
        Connection c = endpoint.connect(now, server);

        // A buffer too small for the largest datagram would lose what does not fit: rejected first.
        ByteBuffer small = ByteBuffer.allocate(1200);
        assertThatThrownBy(() -> endpoint.pollTransmit(now, small))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out has 1200 bytes remaining")
                .hasMessageContaining("largestDatagramBytes() = 65507");
        assertThatThrownBy(() -> endpoint.pollTransmit(now, null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("out");
        assertThatThrownBy(() -> endpoint.handleDatagram(now, null, ByteBuffer.allocate(16)))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("from");
        assertThatThrownBy(() -> endpoint.handleDatagram(now, server, null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("datagram");

        assertThat(c.state()).isEqualTo(ConnectionState.CONNECTING);
        ByteBuffer out = ByteBuffer.allocate(EngineConfig.MAX_DATAGRAM_BYTES);
        assertThat(endpoint.pollTransmit(now, out)).as("the handshake's first datagram is still sent").isEqualTo(server);
        assertThat(out.remaining()).isPositive();
    }
}
