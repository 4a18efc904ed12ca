package io.rudp.testkit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.CongestionControl;
import io.rudp.core.EngineConfig;
import io.rudp.testkit.LinkConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Large datagrams on loopback (EngineConfig#loopbackDatagramBytes): endpoints attached to the
 * simulator at loopback addresses agree on 65,507-byte datagrams through their transport
 * parameters without any setting; either side pinning 1,200 keeps both at 1,200; other addresses
 * stay at maxDatagramBytes; and every congestion controller completes a large lossy transfer
 * with 65,507-byte datagrams.
 */
class LoopbackDatagramScenarioTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final long MIB = 1L << 20;

    private static InetSocketAddress loopback(int lastOctet, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet}), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InetSocketAddress loopbackV6(int port) {
        try {
            byte[] ip = new byte[16];
            ip[15] = 1;
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static TransferScenario onLoopback(long seed, EngineConfig client, EngineConfig server, LinkConfig link) {
        return new TransferScenario(seed, client, server, link, loopback(1, 40_001), loopback(2, 40_002));
    }

    private static LinkConfig lan(double lossRate) {
        return LinkConfig.builder()
                .delay(Duration.ofMillis(1))
                .bandwidth(1_000_000_000L, 1 << 20)
                .lossRate(lossRate)
                .build();
    }

    /** Mean UDP payload of what the client sent: above 1,200 only if large datagrams were used. */
    private static double meanDatagramBytes(TransferScenario s) {
        return s.client.stats().bytesSent() / (double) s.client.stats().packetsSent();
    }

    @Test
    void loopbackPeersUseLargeDatagramsByDefault() {
        TransferScenario s = onLoopback(21, EngineConfig.defaults(), EngineConfig.defaults(), lan(0)).start(4 * MIB, MIB, true);

        assertThat(s.runUntil(s::bothClosedCleanly, MINUTE)).as(s.describe()).isTrue();
        assertThat(s.streamsIntact()).as(s.describe()).isTrue();
        assertThat(s.client.maxDatagramBytes()).isEqualTo(EngineConfig.MAX_DATAGRAM_BYTES);
        assertThat(s.server.maxDatagramBytes()).isEqualTo(EngineConfig.MAX_DATAGRAM_BYTES);
        assertThat(meanDatagramBytes(s)).as(s.describe()).isGreaterThan(10 * EngineConfig.MIN_DATAGRAM_BYTES);
    }

    @Test
    void ipv6LoopbackPeersUseLargeDatagramsByDefault() {
        TransferScenario s = new TransferScenario(22, EngineConfig.defaults(), EngineConfig.defaults(), lan(0),
                loopbackV6(40_001), loopbackV6(40_002)).start(MIB, MIB, true);

        assertThat(s.runUntil(s::bothClosedCleanly, MINUTE)).as(s.describe()).isTrue();
        assertThat(s.streamsIntact()).as(s.describe()).isTrue();
        assertThat(s.client.maxDatagramBytes()).isEqualTo(EngineConfig.MAX_DATAGRAM_BYTES);
        assertThat(s.server.maxDatagramBytes()).isEqualTo(EngineConfig.MAX_DATAGRAM_BYTES);
    }

    @Test
    void aServerPinnedTo1200KeepsBothSidesAt1200OnLoopback() {
        EngineConfig pinned = EngineConfig.builder().loopbackDatagramBytes(EngineConfig.MIN_DATAGRAM_BYTES).build();
        TransferScenario s = onLoopback(23, EngineConfig.defaults(), pinned, lan(0)).start(MIB, MIB, true);

        assertThat(s.runUntil(s::bothClosedCleanly, MINUTE)).as(s.describe()).isTrue();
        assertThat(s.streamsIntact()).as(s.describe()).isTrue();
        assertThat(s.client.maxDatagramBytes()).isEqualTo(EngineConfig.MIN_DATAGRAM_BYTES);
        assertThat(s.server.maxDatagramBytes()).isEqualTo(EngineConfig.MIN_DATAGRAM_BYTES);
        assertThat(meanDatagramBytes(s)).isLessThanOrEqualTo(EngineConfig.MIN_DATAGRAM_BYTES);
    }

    @Test
    void aClientPinnedTo1200KeepsBothSidesAt1200OnLoopback() {
        EngineConfig pinned = EngineConfig.builder().loopbackDatagramBytes(EngineConfig.MIN_DATAGRAM_BYTES).build();
        TransferScenario s = onLoopback(24, pinned, EngineConfig.defaults(), lan(0)).start(MIB, MIB, true);

        assertThat(s.runUntil(s::bothClosedCleanly, MINUTE)).as(s.describe()).isTrue();
        assertThat(s.streamsIntact()).as(s.describe()).isTrue();
        assertThat(s.client.maxDatagramBytes()).isEqualTo(EngineConfig.MIN_DATAGRAM_BYTES);
        assertThat(s.server.maxDatagramBytes()).isEqualTo(EngineConfig.MIN_DATAGRAM_BYTES);
        assertThat(s.server.stats().bytesSent() / (double) s.server.stats().packetsSent())
                .isLessThanOrEqualTo(EngineConfig.MIN_DATAGRAM_BYTES);
    }

    @Test
    void otherAddressesStayAtMaxDatagramBytesWhateverTheLoopbackSetting() {
        TransferScenario s = new TransferScenario(25, EngineConfig.defaults(), lan(0)).start(MIB, MIB, true);

        assertThat(s.runUntil(s::bothClosedCleanly, MINUTE)).as(s.describe()).isTrue();
        assertThat(s.client.maxDatagramBytes()).isEqualTo(EngineConfig.defaults().maxDatagramBytes());
        assertThat(s.server.maxDatagramBytes()).isEqualTo(EngineConfig.defaults().maxDatagramBytes());
        assertThat(meanDatagramBytes(s)).isLessThanOrEqualTo(EngineConfig.MIN_DATAGRAM_BYTES);
    }

    @ParameterizedTest
    @EnumSource(CongestionControl.class)
    void eachControllerMoves64MibIn65507ByteDatagramsUnderLoss(CongestionControl cc) {
        EngineConfig config = EngineConfig.builder().congestionControl(cc)
                .sendBufferBytes(4 << 20).receiveBufferBytes(4 << 20).build();
        TransferScenario s = onLoopback(26, config, config, lan(0.01)).start(64 * MIB, 0, true);

        long t0 = s.network.nowNanos();
        assertThat(s.runUntil(s::bothClosedCleanly, 10 * MINUTE)).as(s.describe()).isTrue();
        assertThat(s.streamsIntact()).as(s.describe()).isTrue();
        assertThat(s.client.maxDatagramBytes()).isEqualTo(EngineConfig.MAX_DATAGRAM_BYTES);
        assertThat(s.client.stats().lostPackets()).as("the path did lose packets").isPositive();
        assertThat(meanDatagramBytes(s)).as(s.describe()).isGreaterThan(60_000);
        // Windows, pacing bursts and BBR's quanta count in 65,507-byte datagrams and must not stall
        // the sender: 64 MiB at 1 Gbit/s is 0.54 s of line rate (virtual time, deterministic).
        double virtualMbps = 64 * MIB * 8 / ((s.network.nowNanos() - t0) / 1e9) / 1e6;
        assertThat(virtualMbps).as("virtual Mbit/s, %s; %s", cc, s.describe()).isGreaterThan(500);
        assertThat(s.clientEndpoint.stats().internalErrors() + s.serverEndpoint.stats().internalErrors()).isZero();
    }

    @ParameterizedTest
    @EnumSource(CongestionControl.class)
    void eachControllerMoves16MibIn1200ByteDatagramsUnderLossWhenPinned(CongestionControl cc) {
        EngineConfig config = EngineConfig.builder().congestionControl(cc).loopbackDatagramBytes(EngineConfig.MIN_DATAGRAM_BYTES)
                .sendBufferBytes(4 << 20).receiveBufferBytes(4 << 20).build();
        TransferScenario s = onLoopback(27, config, config, lan(0.01)).start(16 * MIB, 0, true);

        assertThat(s.runUntil(s::bothClosedCleanly, 10 * MINUTE)).as(s.describe()).isTrue();
        assertThat(s.streamsIntact()).as(s.describe()).isTrue();
        assertThat(s.client.maxDatagramBytes()).isEqualTo(EngineConfig.MIN_DATAGRAM_BYTES);
        assertThat(s.client.stats().lostPackets()).as("the path did lose packets").isPositive();
    }
}
