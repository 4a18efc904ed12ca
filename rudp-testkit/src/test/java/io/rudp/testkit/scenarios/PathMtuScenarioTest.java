package io.rudp.testkit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.CongestionControl;
import io.rudp.core.EngineConfig;
import io.rudp.testkit.LinkConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Path MTU discovery (RFC 8899) end to end on the simulator: both sides allow jumbo datagrams
 * ({@code maxDatagramBytes(8972)}), the path silently drops datagrams above its limit, and each
 * connection ends up sending the largest size the path carries (to within the search resolution)
 * while the transfer completes; lost probes do not shrink the congestion window; and a path that
 * shrinks mid-transfer (a black hole) is survived by falling back to 1,200 and searching again.
 */
class PathMtuScenarioTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final long MIB = 1L << 20;
    private static final int JUMBO = 8972;

    private static EngineConfig jumbo(CongestionControl cc) {
        return EngineConfig.builder().maxDatagramBytes(JUMBO).congestionControl(cc)
                .sendBufferBytes(4 << 20).receiveBufferBytes(4 << 20).build();
    }

    private static LinkConfig lan(int pathMaxBytes) {
        return LinkConfig.builder()
                .delay(Duration.ofMillis(1))
                .bandwidth(1_000_000_000L, 1 << 20)
                .maxDatagramBytes(pathMaxBytes)
                .build();
    }

    @ParameterizedTest
    @ValueSource(ints = {1452, 1472, 2345, 4000, 8952, 9000})
    void theConnectionEndsAtTheLargestSizeThePathCarries(int pathMaxBytes) {
        // Long enough for a binary search between common sizes (about 25 probes, 3 per failed size).
        TransferScenario s = new TransferScenario(31, jumbo(CongestionControl.BBR), lan(pathMaxBytes)).start(64 * MIB, MIB, true);

        assertThat(s.runUntil(s::bothClosedCleanly, 10 * MINUTE)).as(s.describe()).isTrue();
        assertThat(s.streamsIntact()).as(s.describe()).isTrue();
        int expectedMax = Math.min(pathMaxBytes, JUMBO);
        for (var c : new io.rudp.core.Connection[] {s.client, s.server}) {
            assertThat(c.maxDatagramBytes()).as("%s; %s", c, s.describe()).isLessThanOrEqualTo(expectedMax)
                    .isGreaterThanOrEqualTo(expectedMax - 32);
        }
        if (pathMaxBytes < JUMBO) {
            assertThat(s.client.stats().lostPackets()).as("probes above the path limit were lost").isPositive();
        }
        assertThat(s.clientEndpoint.stats().internalErrors() + s.serverEndpoint.stats().internalErrors()).isZero();
    }

    @Test
    void commonPathLimitsAreFoundExactly() {
        TransferScenario s = new TransferScenario(32, jumbo(CongestionControl.CUBIC), lan(1472)).start(4 * MIB, 0, true);

        assertThat(s.runUntil(s::bothClosedCleanly, 10 * MINUTE)).as(s.describe()).isTrue();
        assertThat(s.client.maxDatagramBytes()).isEqualTo(1472);
    }

    @Test
    void lostProbesDoNotShrinkTheCongestionWindow() {
        // An idle connection: only probes and their PTO pings cross; every probe above 1,472 is lost.
        TransferScenario s = new TransferScenario(33, jumbo(CongestionControl.NEW_RENO), lan(1472)).startOpen(0, 0);
        long start = s.network.nowNanos();
        assertThat(s.runUntil(() -> s.network.nowNanos() - start >= 20 * SECOND, MINUTE)).isTrue();

        assertThat(s.client.maxDatagramBytes()).as(s.describe()).isEqualTo(1472);
        assertThat(s.client.stats().lostPackets()).as("lost probes").isGreaterThanOrEqualTo(3);
        // NewReno halves its window on a congestion loss; after the lost probes it still holds
        // its initial window for 1,472-byte datagrams (RFC 9002 §7.2: max(14,720, 2 x 1,472)).
        assertThat(s.client.stats().congestionWindowBytes()).as(s.describe()).isGreaterThanOrEqualTo(14_720);
        assertThat(s.client.isEstablished()).isTrue();
    }

    @Test
    void aPathThatShrinksMidTransferFallsBackAndCompletes() {
        TransferScenario s = new TransferScenario(34, jumbo(CongestionControl.BBR), lan(9000)).start(32 * MIB, 0, true);
        assertThat(s.runUntil(() -> s.client != null && s.client.maxDatagramBytes() == JUMBO
                && s.serverApp != null && s.serverApp.bytesRead() > 4 * MIB, MINUTE)).as(s.describe()).isTrue();

        s.network.setPath(s.clientAddress, s.serverAddress, lan(1472)); // a route change to a 1,500-byte MTU

        assertThat(s.runUntil(s::bothClosedCleanly, 10 * MINUTE)).as(s.describe()).isTrue();
        assertThat(s.streamsIntact()).as(s.describe()).isTrue();
        assertThat(s.client.maxDatagramBytes()).isEqualTo(1472);
    }

    @Test
    void withoutAJumboSettingNothingIsProbed() {
        TransferScenario s = new TransferScenario(35, EngineConfig.defaults(), lan(9000)).start(MIB, MIB, true);

        assertThat(s.runUntil(s::bothClosedCleanly, MINUTE)).as(s.describe()).isTrue();
        assertThat(s.client.maxDatagramBytes()).isEqualTo(1200);
        assertThat(s.client.stats().bytesSent() / (double) s.client.stats().packetsSent()).isLessThanOrEqualTo(1200);
    }
}
