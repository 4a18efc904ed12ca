package io.rudp.testkit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.rudp.core.CloseReason;
import io.rudp.core.EngineConfig;
import io.rudp.core.loss.LossDetector;
import io.rudp.testkit.LinkConfig;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Liveness by time (issue 14, docs/PROTOCOL.md §5): a path that drops everything both ways for 1,
 * 5 or 20 s in the middle of a 16 MiB transfer at 20 ms RTT, under a peer timeout of 10 or 30 s.
 * An outage shorter than the peer timeout is survived and the transfer completes intact, with a
 * probe within half a second and data moving again within about a second of the path's return; a longer one ends the
 * connection TIMED_OUT, never earlier than the peer timeout after the last packet heard. And a
 * burst-loss link never kills a transfer. All on virtual time, seeded.
 */
class OutageScenarioTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final long MILLI = Duration.ofMillis(1).toNanos();
    private static final long TRANSFER_BYTES = 16L << 20;
    private static final long OUTAGE_AFTER_BYTES = 4L << 20;

    /** 100 Mbit/s, 20 ms RTT, a drop-tail queue of one bandwidth-delay product. */
    private static final LinkConfig PATH = LinkConfig.builder().delay(Duration.ofMillis(10))
            .bandwidth(100_000_000, 250_000).build();

    private static EngineConfig config(long peerTimeoutSeconds) {
        return EngineConfig.builder().peerTimeout(Duration.ofSeconds(peerTimeoutSeconds)).build();
    }

    /** What one run saw, in virtual nanoseconds. */
    private static final class Run {
        final TransferScenario s;
        long outageStart;
        long outageEnd;
        /** When the client last received a datagram. */
        long lastHeardByClient;
        long firstClientSendAfterReturn = -1;
        long firstServerReadAfterReturn = -1;
        long clientEndedAt = -1;

        Run(TransferScenario s) {
            this.s = s;
        }
    }

    /**
     * Runs the transfer, cuts the path once the server has read 4 MiB, restores it after
     * {@code outageNanos} (unless the client ended before), and runs on until both sides closed
     * or {@code afterNanos} passed, recording the instants the assertions need.
     */
    private static Run run(long seed, long peerTimeoutSeconds, long outageNanos, long afterNanos) {
        TransferScenario s = new TransferScenario(seed, config(peerTimeoutSeconds), PATH).start(TRANSFER_BYTES, 0, true);
        Run r = new Run(s);
        long limit = s.network.nowNanos() + 60 * SECOND;
        while (s.serverApp == null || s.serverApp.bytesRead() < OUTAGE_AFTER_BYTES) {
            assertThat(s.network.nowNanos() - limit).as(s.describe()).isNegative();
            step(r, limit);
        }
        r.outageStart = s.network.nowNanos();
        s.network.cutPath(s.clientAddress, s.serverAddress);
        long end = r.outageStart + outageNanos;
        while (s.network.nowNanos() - end < 0 && r.clientEndedAt < 0) {
            step(r, end);
        }
        if (r.clientEndedAt >= 0) {
            return r;
        }
        s.network.restorePath(s.clientAddress, s.serverAddress);
        r.outageEnd = s.network.nowNanos();
        long sent = s.network.stats(s.clientAddress, s.serverAddress).sent();
        long read = s.serverApp.bytesRead();
        long stop = r.outageEnd + afterNanos;
        while (s.network.nowNanos() - stop < 0 && !s.bothClosedCleanly()) {
            step(r, stop);
            if (r.firstClientSendAfterReturn < 0 && s.network.stats(s.clientAddress, s.serverAddress).sent() != sent) {
                r.firstClientSendAfterReturn = s.network.nowNanos();
            }
            if (r.firstServerReadAfterReturn < 0 && s.serverApp.bytesRead() != read) {
                r.firstServerReadAfterReturn = s.network.nowNanos();
            }
        }
        return r;
    }

    /**
     * One network event no later than {@code limit}, with the applications pumped before and
     * after; false, with the clock moved to {@code limit}, if the next event lies beyond it.
     */
    private static boolean step(Run r, long limit) {
        TransferScenario s = r.s;
        s.pumpApplications();
        int[] checks = {0};
        long heard = s.network.stats(s.serverAddress, s.clientAddress).delivered();
        boolean stepped = s.network.runUntil(() -> checks[0]++ > 0, Math.max(0, limit - s.network.nowNanos()));
        if (s.network.stats(s.serverAddress, s.clientAddress).delivered() != heard) {
            r.lastHeardByClient = s.network.nowNanos();
        }
        s.pumpApplications();
        if (r.clientEndedAt < 0 && s.client.state().isTerminating()) {
            r.clientEndedAt = s.network.nowNanos();
        }
        return stepped;
    }

    @ParameterizedTest(name = "{0} s outage, peer timeout {1} s")
    @CsvSource({"1, 10", "1, 30", "5, 10", "5, 30", "20, 30"})
    void anOutageShorterThanThePeerTimeoutIsSurvivedAndDataMovesWithinASecondOfTheReturn(long outageSeconds,
                                                                                         long peerTimeoutSeconds) {
        Run r = run(100 + outageSeconds, peerTimeoutSeconds, outageSeconds * SECOND, 120 * SECOND);
        TransferScenario s = r.s;

        assertThat(r.clientEndedAt).as("the client survived the outage: %s", s.describe())
                .isGreaterThan(r.outageEnd);
        assertThat(s.bothClosedCleanly()).as(s.describe()).isTrue();
        assertThat(s.streamsIntact()).as(s.describe()).isTrue();
        // Probes go out at least every 500 ms while the path is down, so one follows the return
        // within that, and its data (or the retransmissions its acknowledgement releases)
        // reaches the reader a few round trips later: well within the one second.
        assertThat(r.firstClientSendAfterReturn - r.outageEnd).as("first packet after the return")
                .isBetween(0L, LossDetector.MAX_PROBE_BACKOFF_NANOS);
        assertThat(r.firstServerReadAfterReturn - r.outageEnd).as("data moving after the return: %s", s.describe())
                .isBetween(0L, LossDetector.MAX_PROBE_BACKOFF_NANOS + 150 * MILLI);
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8})
    void aTwentySecondOutageEndsTheConnectionAtTheTenSecondPeerTimeoutAndNotBefore(long seed) {
        Run r = run(seed, 10, 20 * SECOND, 120 * SECOND);
        TransferScenario s = r.s;

        assertThat(r.clientEndedAt).as("the client gave up during the outage: %s", s.describe()).isPositive();
        assertThat(r.clientEndedAt - r.outageStart).isLessThan(20 * SECOND);
        // Exactly the peer timeout after the last packet heard (the wait had begun before it).
        assertThat(r.clientEndedAt - r.lastHeardByClient).isEqualTo(10 * SECOND);
        CloseReason reason = s.client.closeReason();
        assertThat(reason.kind()).isEqualTo(CloseReason.Kind.TIMED_OUT);
        assertThat(reason.message()).contains("peer timeout of 10000 ms");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aBurstLossLinkNeverKillsA32MiBTransfer(long seed) {
        // 2% of packets lost on average, in bursts of 10 on average (Gilbert-Elliott, every packet
        // lost while bad): the stationary bad share p / (p + r) is 2% with r = 1/10.
        double leaveBad = 0.1;
        double enterBad = leaveBad * 0.02 / 0.98;
        LinkConfig burst = LinkConfig.builder().delay(Duration.ofMillis(10)).bandwidth(100_000_000, 250_000)
                .burstLoss(enterBad, leaveBad, 1.0).build();
        // The client writes 32 MiB and ends its stream; nobody calls close(), so only liveness
        // can end the connection (a close() waits at most closeTimeout, 10 s, for the peer, and
        // on this link the ACK direction can sit in one burst for several seconds: see
        // docs/DESIGN.md, "Liveness").
        TransferScenario s = new TransferScenario(seed, EngineConfig.defaults(), burst).start(32L << 20, 0, false);

        assertThat(s.runUntil(s::streamsIntact, 10 * 60 * SECOND)).as(s.describe()).isTrue();
        // Both streams ended, so a side may already be lingering: ending normally is fine.
        for (CloseReason reason : new CloseReason[] {s.client.closeReason(), s.server.closeReason()}) {
            assertThat(reason == null || reason.kind() == CloseReason.Kind.NORMAL).as("%s; %s", reason, s.describe()).isTrue();
        }
        assertThat(s.network.totalStats().burstLost()).as("the link did lose bursts").isGreaterThan(100);
    }
}
