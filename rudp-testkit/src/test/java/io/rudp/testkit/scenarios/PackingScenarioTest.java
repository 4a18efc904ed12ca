package io.rudp.testkit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.EngineConfig;
import io.rudp.testkit.LinkConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Small writes are packed into full packets, and a held partial packet waits at most the flush delay. */
class PackingScenarioTest {

    private static final long ONE_WAY_NANOS = Duration.ofMillis(10).toNanos();
    private static final LinkConfig LINK = LinkConfig.builder().delayNanos(ONE_WAY_NANOS).build();

    private TransferScenario established(EngineConfig config) {
        TransferScenario s = new TransferScenario(21, config, LINK);
        s.client = s.clientEndpoint.connect(s.network.nowNanos(), s.serverAddress);
        assertThat(s.runUntil(() -> s.client.isEstablished(), Duration.ofSeconds(5).toNanos())).isTrue();
        s.server = s.serverEndpoint.pollAccepted();
        assertThat(s.server).isNotNull();
        // Let the handshake's last packets settle so nothing is in flight.
        s.network.runFor(Duration.ofMillis(200).toNanos());
        return s;
    }

    @Test
    void aThousandTenByteWritesTravelInAboutTenPackets() {
        TransferScenario s = established(EngineConfig.defaults());
        long packetsBefore = s.client.stats().packetsSent();

        byte[] ten = new byte[10];
        for (int i = 0; i < 1000; i++) {
            assertThat(s.client.write(s.network.nowNanos(), ten, 0, ten.length)).isEqualTo(10);
        }
        byte[] sink = new byte[20_000];
        int[] read = {0};
        assertThat(s.runUntil(() -> (read[0] += Math.max(0, s.server.read(sink, 0, sink.length))) == 10_000,
                Duration.ofSeconds(5).toNanos())).isTrue();

        // 10,000 bytes fit in 9 full packets; the first write goes alone (nothing was in flight).
        long dataPackets = s.client.stats().packetsSent() - packetsBefore;
        assertThat(dataPackets).isBetween(9L, 14L);
    }

    @Test
    void aSmallWriteBehindUnacknowledgedDataWaitsOnlyTheFlushDelay() {
        EngineConfig config = EngineConfig.builder().flushDelay(Duration.ofMillis(2)).build();
        TransferScenario s = established(config);
        byte[] hundred = new byte[100];
        long t0 = s.network.nowNanos();
        s.client.write(t0, hundred, 0, 100); // nothing in flight: goes at once
        s.network.runFor(Duration.ofMillis(1).toNanos());
        s.client.write(s.network.nowNanos(), hundred, 0, 10); // behind unacknowledged data: held

        byte[] sink = new byte[1000];
        int[] read = {0};
        assertThat(s.runUntil(() -> (read[0] += Math.max(0, s.server.read(sink, 0, sink.length))) == 110,
                Duration.ofSeconds(1).toNanos())).isTrue();

        // Sent at 1 ms + 2 ms flush delay, arriving 10 ms later; waiting for the ACK would take ~20 ms more.
        long arrivalNanos = s.network.nowNanos() - t0;
        assertThat(arrivalNanos).isEqualTo(Duration.ofMillis(13).toNanos());
    }
}
