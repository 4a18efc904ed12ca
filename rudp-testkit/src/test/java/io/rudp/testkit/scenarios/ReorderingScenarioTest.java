package io.rudp.testkit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.ConnectionStats;
import io.rudp.core.EngineConfig;
import io.rudp.testkit.LinkConfig;
import io.rudp.testkit.LinkStats;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loss detection on a path that reorders (issue 14): 10% of datagrams held back 15 ms and 5%
 * duplicated, both ways, at 100 Mbit/s and 20 ms RTT. The fixed thresholds of RFC 9002 §6.1
 * declare nearly every held-back packet lost (10% of all packets on `rudp bench --only reorder`
 * before the change); the adaptive reordering window (RFC 8985 §6.2) keeps spurious losses under
 * 1% of the packets sent, and a lossy version of the path is still repaired. Virtual time,
 * deterministic for each seed.
 */
class ReorderingScenarioTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final int PAYLOAD_BYTES = 8_000_000;

    private static LinkConfig path(double lossRate) {
        return LinkConfig.builder()
                .delay(Duration.ofMillis(10))
                .bandwidth(100_000_000, 250_000)
                .lossRate(lossRate)
                .reorder(0.10, Duration.ofMillis(15))
                .duplicateRate(0.05)
                .build();
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24})
    void fewerThanOnePercentOfPacketsAreRetransmittedSpuriously(long seed) {
        TransferScenario s = new TransferScenario(seed, EngineConfig.defaults(), path(0)).start(PAYLOAD_BYTES, 0, true);

        assertThat(s.runUntil(s::bothClosedCleanly, MINUTE)).as(s.describe()).isTrue();
        assertThat(s.streamsIntact()).as(s.describe()).isTrue();

        ConnectionStats sender = s.client.stats();
        LinkStats forward = s.network.stats(s.clientAddress, s.serverAddress);
        // The path did hold packets back: far more than three packets' spacing (15 ms is about 150
        // packets at this rate), so the fixed packet threshold would declare each one lost.
        assertThat(forward.reordered()).as("held back").isGreaterThan(sender.packetsSent() / 20);
        assertThat(forward.duplicated()).as("duplicated").isPositive();
        // The first held-back packets were declared lost, proved spurious, and widened the window.
        assertThat(sender.spuriousLosses()).as("spurious losses").isPositive();
        assertThat(sender.spuriousLosses()).as("spurious losses of %d packets sent", sender.packetsSent())
                .isLessThan(sender.packetsSent() / 100);
        // Everything declared lost is either a spurious loss or a packet the path really dropped.
        long dropped = forward.lost() + forward.queueDropped();
        assertThat(sender.lostPackets()).isLessThanOrEqualTo(sender.spuriousLosses() + dropped + sender.packetsSent() / 100);
        assertThat(s.clientEndpoint.stats().internalErrors() + s.serverEndpoint.stats().internalErrors()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32})
    void realLossIsStillRepairedOnAReorderingPath(long seed) {
        TransferScenario s = new TransferScenario(seed, EngineConfig.defaults(), path(0.02)).start(PAYLOAD_BYTES, 0, true);

        assertThat(s.runUntil(s::bothClosedCleanly, MINUTE)).as(s.describe()).isTrue();
        assertThat(s.streamsIntact()).as(s.describe()).isTrue();

        ConnectionStats sender = s.client.stats();
        LinkStats forward = s.network.stats(s.clientAddress, s.serverAddress);
        assertThat(forward.lost()).as("the path lost packets").isPositive();
        assertThat(sender.lostPackets()).as("and they were declared lost").isGreaterThanOrEqualTo(forward.lost());
        assertThat(sender.spuriousLosses()).isLessThan(sender.packetsSent() / 100);
    }
}
