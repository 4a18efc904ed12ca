package io.rudp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

    @Test
    void defaultsNeverFragmentAndDetectDeadPeers() {
        EngineConfig c = EngineConfig.defaults();

        assertThat(c.maxDatagramBytes()).isEqualTo(1200);
        assertThat(c.peerTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.peerTimeout()).isLessThanOrEqualTo(c.idleTimeout());
        assertThat(c.keepAliveInterval()).isLessThan(c.idleTimeout());
        assertThat(c.congestionControl()).isEqualTo(CongestionControl.BBR);
    }

    @Test
    void builderSetsEveryValueAndToBuilderCopiesThem() {
        EngineConfig c = EngineConfig.builder()
                .handshakeTimeout(Duration.ofSeconds(3)).handshakeAttempts(5)
                .initialRto(Duration.ofMillis(200)).minRto(Duration.ofMillis(5)).maxRto(Duration.ofSeconds(4))
                .peerTimeout(Duration.ofSeconds(9)).maxDatagramBytes(65_507).loopbackDatagramBytes(1300)
                .sendBufferBytes(8192).receiveBufferBytes(16384)
                .idleTimeout(Duration.ZERO).keepAliveInterval(Duration.ofSeconds(1))
                .ackDelay(Duration.ZERO).flushDelay(Duration.ofMillis(2))
                .acceptBacklog(7).maxConnections(11)
                .build();

        EngineConfig copy = c.toBuilder().build();
        for (EngineConfig x : new EngineConfig[] {c, copy}) {
            assertThat(x.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(x.handshakeAttempts()).isEqualTo(5);
            assertThat(x.initialRto()).isEqualTo(Duration.ofMillis(200));
            assertThat(x.minRto()).isEqualTo(Duration.ofMillis(5));
            assertThat(x.maxRto()).isEqualTo(Duration.ofSeconds(4));
            assertThat(x.peerTimeout()).isEqualTo(Duration.ofSeconds(9));
            assertThat(x.maxDatagramBytes()).isEqualTo(65_507);
            assertThat(x.loopbackDatagramBytes()).isEqualTo(1300);
            assertThat(x.sendBufferBytes()).isEqualTo(8192);
            assertThat(x.receiveBufferBytes()).isEqualTo(16384);
            assertThat(x.idleTimeout()).isZero();
            assertThat(x.keepAliveInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(x.ackDelay()).isZero();
            assertThat(x.flushDelay()).isEqualTo(Duration.ofMillis(2));
            assertThat(x.acceptBacklog()).isEqualTo(7);
            assertThat(x.maxConnections()).isEqualTo(11);
        }
    }

    @Test
    void rejectsOutOfRangeValuesNamingTheSettingAndTheRange() {
        assertThatThrownBy(() -> EngineConfig.builder().maxDatagramBytes(1199))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDatagramBytes must be between 1200 and 65507, got 1199");
        assertThatThrownBy(() -> EngineConfig.builder().maxDatagramBytes(65_508)).hasMessageContaining("maxDatagramBytes");
        assertThatThrownBy(() -> EngineConfig.builder().loopbackDatagramBytes(1199))
                .hasMessage("loopbackDatagramBytes must be between 1200 and 65507, got 1199");
        assertThatThrownBy(() -> EngineConfig.builder().loopbackDatagramBytes(65_508)).hasMessageContaining("loopbackDatagramBytes");
        assertThatThrownBy(() -> EngineConfig.builder().handshakeAttempts(0)).hasMessageContaining("handshakeAttempts");
        assertThatThrownBy(() -> EngineConfig.builder().peerTimeout(Duration.ofMillis(99)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("peerTimeout must be between PT0.1S and PT24H, got PT0.099S");
        assertThatThrownBy(() -> EngineConfig.builder().peerTimeout(Duration.ofDays(2))).hasMessageContaining("peerTimeout");
        assertThatThrownBy(() -> EngineConfig.builder().peerTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("peerTimeout");
        assertThatThrownBy(() -> EngineConfig.builder().sendBufferBytes(100)).hasMessageContaining("sendBufferBytes");
        assertThatThrownBy(() -> EngineConfig.builder().receiveBufferBytes(-1)).hasMessageContaining("receiveBufferBytes");
        assertThatThrownBy(() -> EngineConfig.builder().initialRto(Duration.ZERO)).hasMessageContaining("initialRto");
        assertThatThrownBy(() -> EngineConfig.builder().idleTimeout(Duration.ofMillis(-5))).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> EngineConfig.builder().ackDelay(Duration.ofSeconds(2))).hasMessageContaining("ackDelay");
        assertThatThrownBy(() -> EngineConfig.builder().acceptBacklog(0)).hasMessageContaining("acceptBacklog");
        assertThatThrownBy(() -> EngineConfig.builder().maxConnections(-1)).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> EngineConfig.builder().maxConnections((1 << 20) + 1)).hasMessageContaining("maxConnections")
                .hasMessageContaining("1048576");
        assertThatThrownBy(() -> EngineConfig.builder().handshakeTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("handshakeTimeout");
        assertThatThrownBy(() -> EngineConfig.builder().congestionControl(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejectsSettingsThatContradictEachOther() {
        assertThatThrownBy(() -> EngineConfig.builder().minRto(Duration.ofSeconds(5)).maxRto(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minRto").hasMessageContaining("maxRto");
        assertThatThrownBy(() -> EngineConfig.builder().idleTimeout(Duration.ofSeconds(5)).keepAliveInterval(Duration.ofSeconds(5)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keepAliveInterval").hasMessageContaining("shorter than idleTimeout");
    }

    @Test
    void zeroDisablesIdleTimeoutAndKeepAlive() {
        EngineConfig c = EngineConfig.builder().idleTimeout(Duration.ZERO).keepAliveInterval(Duration.ZERO).build();

        assertThat(c.idleTimeout()).isZero();
        assertThat(c.keepAliveInterval()).isZero();
    }

    @Test
    void loopbackPeersGetTheLoopbackCeilingAndOthersMaxDatagramBytes() throws Exception {
        EngineConfig d = EngineConfig.defaults();
        InetSocketAddress v4Loopback = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 9);
        InetSocketAddress otherV4Loopback = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 1, 2, 3}), 9);
        byte[] v6 = new byte[16];
        v6[15] = 1;
        InetSocketAddress v6Loopback = new InetSocketAddress(InetAddress.getByAddress(v6), 9);
        InetSocketAddress lan = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), 9);

        assertThat(d.loopbackDatagramBytes()).isEqualTo(EngineConfig.MAX_DATAGRAM_BYTES);
        assertThat(d.maxDatagramBytesFor(v4Loopback)).isEqualTo(65_507);
        assertThat(d.maxDatagramBytesFor(otherV4Loopback)).isEqualTo(65_507);
        assertThat(d.maxDatagramBytesFor(v6Loopback)).isEqualTo(65_507);
        assertThat(d.maxDatagramBytesFor(lan)).isEqualTo(1200);
        assertThat(d.maxDatagramBytesFor(InetSocketAddress.createUnresolved("localhost", 9))).isEqualTo(1200);
        assertThat(d.largestDatagramBytes()).isEqualTo(65_507);

        EngineConfig pinned = d.toBuilder().loopbackDatagramBytes(1200).maxDatagramBytes(8972).build();
        assertThat(pinned.maxDatagramBytesFor(v4Loopback)).isEqualTo(1200);
        assertThat(pinned.maxDatagramBytesFor(lan)).isEqualTo(8972);
        assertThat(pinned.largestDatagramBytes()).isEqualTo(8972);
    }
}
